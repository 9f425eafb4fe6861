import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command

from events import registration
from events.models import AttendanceMode, CalendarToken
from tests.clubs.factories import ClubFactory
from tests.events.factories import in_days
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def _parse(content: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(content)


def test_an_event_calendar_has_its_time_zone_and_local_times(client, make_event):
    # Summer time ends in Paris on 31 October 2027 at 3:00: the offset changes that night.
    start = dt.datetime(2027, 10, 30, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    event = make_event(
        title="Fête de la science, nuit des chercheurs",
        start=start,
        end=start + dt.timedelta(hours=10),
        tags=["sciences"],
    )
    response = client.get(f"/events/calendar/{event.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = _parse(response.content)
    [zone] = cal.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    [vevent] = cal.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2027, 10, 30, 18, 30)
    assert vevent.decoded("DTEND").replace(tzinfo=None) == dt.datetime(2027, 10, 31, 3, 30)
    assert vevent.decoded("DTEND").utcoffset() == dt.timedelta(hours=1)
    assert str(vevent["SUMMARY"]) == "Fête de la science, nuit des chercheurs"
    assert "Amphithéâtre Bacchus" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith(event.url)


def test_the_feed_holds_every_public_upcoming_event(client, make_event):
    make_event(title="Semaine internationale des étudiants")
    make_event(title="Gala passé", start=in_days(-10), end=in_days(-10, hour=23))
    cal = _parse(client.get("/events/feed.ics").content)
    titles = {str(vevent["SUMMARY"]) for vevent in cal.walk("VEVENT")}
    assert titles == {"Semaine internationale des étudiants"}
    assert cal.walk("VTIMEZONE")


def test_a_club_feed_holds_the_club_events(client, make_event):
    club = ClubFactory()
    make_event(title="Afterwork du club", organiser_club=club)
    make_event(title="Conférence de l’université")
    cal = _parse(client.get(f"/events/calendar/clubs/{club.slug}.ics").content)
    assert [str(v["SUMMARY"]) for v in cal.walk("VEVENT")] == ["Afterwork du club"]
    assert client.get("/events/calendar/clubs/unknown.ics").status_code == 404


def test_my_calendar_lives_behind_a_secret_that_can_be_revoked(client, make_event):
    online = make_event(
        title="Webinaire carrières",
        attendance_mode=AttendanceMode.ONLINE,
        venue="",
        join_url="https://visio.example.org/carrieres",
    )
    make_event(title="Pas pour moi")
    profile = ProfileFactory()
    registration.register(event=online, profile=profile)
    client.force_login(profile.user)
    page = client.get("/events/my-calendar/").content.decode()
    token = CalendarToken.objects.get(profile=profile).token
    assert token in page
    client.logout()
    feed = client.get(f"/events/calendar/my/{token}.ics")
    [vevent] = _parse(feed.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Webinaire carrières"
    assert "visio.example.org/carrieres" in str(vevent["DESCRIPTION"])
    client.force_login(profile.user)
    client.post("/events/my-calendar/")
    assert client.get(f"/events/calendar/my/{token}.ics").status_code == 404


def test_the_confirmation_e_mail_carries_a_valid_calendar(make_event, sent):
    event = make_event(title="Forum des porteurs de projets")
    profile = ProfileFactory()
    with sent():
        registration.register(event=event, profile=profile)
    [message] = mail.outbox
    assert message.to == [profile.user.email]
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"{event.slug}.ics"
    assert mimetype.startswith("text/calendar")
    cal = _parse(content)
    [vevent] = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Forum des porteurs de projets"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert cal.walk("VTIMEZONE")


def test_waitlisted_people_get_no_calendar_until_promoted(make_event, sent):
    event = make_event(capacity=0)
    with sent():
        registration.register(event=event, profile=ProfileFactory())
    [message] = mail.outbox
    assert message.attachments == []
    assert "1" in message.body


def test_reminders_go_the_day_before_once(make_event, sent):
    tomorrow = make_event(title="Demain", start=in_days(1, hour=19), end=in_days(1, hour=21))
    later = make_event(title="Plus tard", start=in_days(5), end=in_days(5, hour=21))
    for event in (tomorrow, later):
        registration.register(event=event, profile=ProfileFactory())
    registration.register(event=tomorrow, profile=ProfileFactory())
    mail.outbox.clear()
    with sent():
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
    assert all("Demain" in message.subject for message in mail.outbox)
    assert all(message.attachments for message in mail.outbox)
    with sent():
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
