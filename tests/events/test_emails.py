import datetime as dt
import zoneinfo

import pytest
from django.core import mail

from events import registration
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def confirmation_for(event, sent):
    with sent():
        registration.register(event=event, profile=ProfileFactory())
    [message] = mail.outbox
    return message


def test_a_multi_day_event_is_told_with_its_last_day(make_event, sent):
    event = make_event(
        title="Semaine internationale",
        start=dt.datetime(2030, 11, 18, 9, 0, tzinfo=PARIS),
        end=dt.datetime(2030, 11, 22, 17, 30, tzinfo=PARIS),
    )
    body = confirmation_for(event, sent).body
    assert "lundi 18 novembre 2030, 09:00 – vendredi 22 novembre 2030, 17:30" in body


def test_an_evening_is_told_with_its_hours(make_event, sent):
    event = make_event(
        start=dt.datetime(2030, 11, 18, 22, 0, tzinfo=PARIS),
        end=dt.datetime(2030, 11, 18, 23, 45, tzinfo=PARIS),
    )
    assert "lundi 18 novembre 2030, 22:00 – 23:45" in confirmation_for(event, sent).body


def test_an_event_past_midnight_in_paris_is_told_with_its_last_day(make_event, sent):
    event = make_event(
        start=dt.datetime(2030, 6, 21, 23, 0, tzinfo=PARIS),
        end=dt.datetime(2030, 6, 22, 1, 30, tzinfo=PARIS),
    )
    assert "vendredi 21 juin 2030, 23:00 – samedi 22 juin 2030, 01:30" in (
        confirmation_for(event, sent).body
    )


def test_the_calendar_attachment_names_its_charset_once(make_event, sent):
    message = confirmation_for(make_event(), sent).message()
    [calendar] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert calendar["Content-Type"].count("charset") == 1
    assert calendar.get_content_charset() == "utf-8"
