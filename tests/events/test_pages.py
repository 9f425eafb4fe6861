import json
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from events import registration
from events.models import AttendanceMode, Audience, EventIndexPage, EventPage, Registration
from home.models import HomePage, StandardPage
from tests.clubs.factories import ClubFactory
from tests.events.factories import EventPageFactory, in_days, publish
from tests.members.factories import PASSWORD, ProfileFactory, UserFactory


class PageTreeRulesTests(WagtailPageTestCase):
    def test_the_events_index_sits_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanNotCreateAt(Page, EventIndexPage)
        self.assertCanNotCreateAt(StandardPage, EventIndexPage)

    def test_events_only_go_under_an_events_index(self):
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, set())


pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_an_event_page_renders_with_its_schema_org_event(client, make_event):
    event = make_event(
        title="Fête de la science",
        capacity=50,
        latitude=50.63,
        longitude=3.06,
        tags=["sciences"],
    )
    response = client.get(event.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fête de la science" in html
    assert "Amphithéâtre Bacchus" in html
    data = _json_ld(html)
    assert data["@type"] == "Event"
    assert data["startDate"] == event.start.isoformat()
    assert data["location"]["geo"]["latitude"] == 50.63
    assert data["maximumAttendeeCapacity"] == 50
    assert data["remainingAttendeeCapacity"] == 50
    assert data["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")


def test_the_join_link_is_shown_to_confirmed_registrants_only(client, make_event):
    event = make_event(
        attendance_mode=AttendanceMode.HYBRID, join_url="https://visio.example.org/secret-room"
    )
    assert "secret-room" not in client.get(event.url).content.decode()
    waiting_event = make_event(
        capacity=0,
        attendance_mode=AttendanceMode.ONLINE,
        venue="",
        join_url="https://visio.example.org/other-room",
    )
    profile = ProfileFactory()
    registration.register(event=event, profile=profile)
    registration.register(event=waiting_event, profile=profile)
    client.force_login(profile.user)
    assert "secret-room" in client.get(event.url).content.decode()
    assert "other-room" not in client.get(waiting_event.url).content.decode()
    assert "secret-room" not in json.dumps(_json_ld(client.get(event.url).content.decode()))


def test_a_member_registers_and_cancels_in_the_browser(client, make_event, sent):
    event = make_event(capacity=1, questions=[("Promotion", True)])
    question = event.questions.get()
    profile = ProfileFactory()
    client.force_login(profile.user)
    refused = client.post(f"/events/{event.pk}/register/", {})
    assert refused.status_code == 400
    assert f'id="id_question_{question.pk}_error"' in refused.content.decode()
    assert Registration.objects.count() == 0
    with sent():
        response = client.post(
            f"/events/{event.pk}/register/", {f"question_{question.pk}": "2012"}, follow=True
        )
    assert response.redirect_chain[-1][0] == event.url
    assert Registration.objects.get().answers == {str(question.pk): "2012"}
    assert mail.outbox[0].to == [profile.user.email]
    page = client.get(event.url).content.decode()
    assert f'action="/events/{event.pk}/cancel/"' in page
    other = ProfileFactory()
    client.force_login(other.user)
    client.post(f"/events/{event.pk}/register/", {f"question_{question.pk}": "2015"})
    assert "position 1" in client.get(event.url).content.decode()
    client.force_login(profile.user)
    with sent():
        client.post(f"/events/{event.pk}/cancel/")
    assert Registration.objects.get(profile=other).status == "confirmed"


def test_a_visitor_registers_as_a_guest_and_confirms_by_e_mail(client, make_event, sent):
    event = make_event(capacity=5)
    with sent():
        client.post(f"/events/{event.pk}/register/", {"name": "Ada", "email": "ada@example.org"})
    assert Registration.objects.get().status == "pending"
    link = re.search(r"http://testserver(/events/guests/confirm/\S+/)", mail.outbox[0].body)
    confirm_page = client.get(link.group(1))
    assert confirm_page.status_code == 200
    assert Registration.objects.get().status == "pending"
    with sent():
        client.post(link.group(1))
    assert Registration.objects.get().status == "confirmed"
    confirmation = mail.outbox[-1]
    assert confirmation.attachments[0][2].startswith("text/calendar")
    cancel_link = re.search(r"http://testserver(/events/guests/cancel/\S+/)", confirmation.body)
    client.post(cancel_link.group(1))
    assert Registration.objects.get().status == "cancelled"


def test_visitors_are_asked_to_sign_in_for_members_events(client, make_event):
    event = make_event(audience=Audience.MEMBERS)
    html = client.get(event.url).content.decode()
    assert "/accounts/login/" in html
    response = client.post(
        f"/events/{event.pk}/register/", {"name": "Ada", "email": "ada@example.org"}
    )
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_clean_names_each_wrong_field(events_index):
    event = EventPageFactory.build(
        start=in_days(5),
        end=in_days(4),
        attendance_mode=AttendanceMode.ONLINE,
        venue="",
        join_url="",
        organiser_service="",
        audience=Audience.CLUB_MEMBERS,
        registration_closes_at=in_days(6),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert {"end", "join_url", "organiser_service", "audience", "registration_closes_at"} <= set(
        error.value.message_dict
    )


def test_publishing_fewer_seats_than_taken_is_refused(make_event):
    event = make_event(capacity=2)
    for profile in ProfileFactory.create_batch(2):
        registration.register(event=event, profile=profile)
    event.capacity = 1
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "capacity" in error.value.message_dict


def test_publishing_a_new_date_or_a_cancellation_tells_registrants(make_event, sent):
    event = make_event(capacity=1)
    seat = registration.register(event=event, profile=ProfileFactory())
    registration.register(event=event, profile=ProfileFactory())
    registration.cancel(registration=registration.register(event=event, profile=ProfileFactory()))
    mail.outbox.clear()
    event.start, event.end = in_days(12), in_days(12, hour=20)
    with sent():
        publish(event)
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {
        r.email for r in Registration.objects.filter(status__in=["confirmed", "waitlisted"])
    }
    assert mail.outbox[0].attachments or mail.outbox[1].attachments
    mail.outbox.clear()
    event.summary = "Nouvelle description"
    with sent():
        publish(event)
    assert mail.outbox == []
    event.cancelled = True
    with sent():
        publish(event)
    assert len(mail.outbox) == 2
    assert seat.event.title in mail.outbox[0].subject


def test_publishing_more_seats_moves_the_waiting_list_up(make_event, sent):
    event = make_event(capacity=1)
    registration.register(event=event, profile=ProfileFactory())
    waiting = registration.register(event=event, profile=ProfileFactory())
    event.capacity = 2
    with sent():
        publish(event)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert any("libérée" in m.subject for m in mail.outbox)


def test_the_index_lists_upcoming_and_past_events_with_filters(client, make_event):
    club = ClubFactory(name="Club Biotech")
    make_event(title="Forum des porteurs de projets", tags=["entrepreneuriat"])
    make_event(
        title="Webinaire Biotech",
        organiser_club=club,
        attendance_mode=AttendanceMode.ONLINE,
        venue="",
        join_url="https://visio.example.org/biotech",
    )
    make_event(title="Gala 2025", start=in_days(-30), end=in_days(-30, hour=23))
    index = EventIndexPage.objects.get()
    upcoming = client.get(index.url).content.decode()
    assert "Forum des porteurs" in upcoming and "Webinaire Biotech" in upcoming
    assert "Gala 2025" not in upcoming
    assert "Gala 2025" in client.get(index.url + "?when=past").content.decode()
    themed = client.get(index.url + "?theme=entrepreneuriat").content.decode()
    assert "Forum des porteurs" in themed and "Webinaire Biotech" not in themed
    by_club = client.get(index.url + f"?organiser=club:{club.slug}").content.decode()
    assert "Webinaire Biotech" in by_club and "Forum des porteurs" not in by_club
    online = client.get(index.url + "?online=1").content.decode()
    assert "Webinaire Biotech" in online and "Forum des porteurs" not in online


def test_the_index_paginates(client, make_event):
    for number in range(14):
        make_event(title=f"Conférence {number:02d}", start=in_days(5 + number))
    index = EventIndexPage.objects.get()
    first = client.get(index.url).content.decode()
    assert "Conférence 00" in first and "Conférence 13" not in first
    assert 'rel="next"' in first
    second = client.get(index.url + "?page=2").content.decode()
    assert "Conférence 13" in second
    assert client.get(index.url + "?page=99").status_code == 200


def test_the_index_and_the_event_page_keep_a_bounded_number_of_queries(
    client, make_event, django_assert_max_num_queries
):
    for number in range(12):
        event = make_event(title=f"Atelier {number}", tags=["carrière", "réseau"], capacity=3)
        registration.register(event=event, profile=ProfileFactory())
    index = EventIndexPage.objects.get()
    client.get(index.url)
    with django_assert_max_num_queries(20):
        assert client.get(index.url).status_code == 200
    user = UserFactory()
    client.login(email=user.email, password=PASSWORD)
    with django_assert_max_num_queries(30):
        assert client.get(event.url).status_code == 200


def test_the_home_page_shows_upcoming_events(client, make_event):
    make_event(title="Semaine internationale des étudiants")
    html = client.get("/").content.decode()
    assert "Semaine internationale des étudiants" in html


def test_the_club_page_shows_the_club_events(client, make_event):
    from clubs.models import ClubVisibility

    club = ClubFactory(name="Club des diplômés à Berlin")
    make_event(title="Stammtisch à Berlin", organiser_club=club)
    make_event(title="Conférence de l’université")
    html = client.get(club.get_absolute_url()).content.decode()
    assert "Stammtisch à Berlin" in html and "Conférence" not in html
    assert f"/events/calendar/clubs/{club.slug}.ics" in html
    club.visibility = ClubVisibility.MEMBERS
    club.save()
    client.force_login(UserFactory())
    html = client.get(club.get_absolute_url()).content.decode()
    assert "Stammtisch à Berlin" in html
    client.logout()
    assert client.get(club.get_absolute_url()).status_code == 404


def test_a_club_event_page_names_the_club(client, make_event):
    club = ClubFactory(name="Club Biotech")
    event = make_event(title="Visite de laboratoire", organiser_club=club)
    html = client.get(event.url).content.decode()
    assert "Club Biotech" in html
    assert _json_ld(html)["organizer"]["name"] == "Club Biotech"
