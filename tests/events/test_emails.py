import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.utils import translation

from events import registration
from events.guest_links import guest_token
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


def test_a_member_who_reads_english_gets_an_english_e_mail(make_event, sent):
    from home.models import InstitutionSettings

    event = make_event(title="Forum des métiers")
    with sent():
        registration.register(event=event, profile=ProfileFactory(user__language="en"))
    [message] = mail.outbox
    institution = InstitutionSettings.load().name
    assert message.subject == f"[{institution}] Your seat at Forum des métiers is confirmed"
    assert message.body.startswith("Hello ")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and "Hello " in html


def test_a_guest_who_registered_in_french_gets_french_e_mails(make_event, sent):
    from home.models import InstitutionSettings

    event = make_event(title="Forum des métiers")
    with translation.override("fr"), sent():
        guest = registration.register(event=event, name="Ada", email="ada@example.org")
    assert guest.language == "fr"
    with translation.override("en"), sent():
        registration.confirm_guest(token=guest_token(guest, purpose="confirm"))
    confirm, confirmed = mail.outbox
    institution = InstitutionSettings.load().name
    assert confirm.subject == f"[{institution}] Confirmez votre inscription à Forum des métiers"
    assert confirmed.subject.startswith(f"[{institution}] Votre place à Forum des métiers")
    assert confirmed.body.startswith("Bonjour Ada")
    assert confirmed.alternatives[0][1] == "text/html"
