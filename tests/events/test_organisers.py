import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, WorkflowState

from events import registration
from events.models import EventPage, Registration
from events.proposals import REVIEW_WORKFLOW
from tests.clubs.factories import ClubFactory
from tests.events.factories import in_days, join
from tests.members.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def club_event(make_event):
    club = ClubFactory(name="Club Biotech")
    leader = join(club, role="leader")
    event = make_event(
        title="Visite de laboratoire",
        organiser_club=club,
        capacity=1,
        questions=[("Régime alimentaire", False)],
    )
    question = event.questions.get()
    seat = registration.register(
        event=event,
        profile=ProfileFactory(first_name="Inès", last_name="Moreau"),
        answers={question.pk: '=HYPERLINK("x")'},
    )
    waiting = registration.register(
        event=event, profile=ProfileFactory(first_name="Yanis", last_name="Benali")
    )
    return {"club": club, "leader": leader, "event": event, "seat": seat, "waiting": waiting}


def test_club_leaders_see_registrations_and_waiting_list_with_answers(
    client, club_event, django_assert_max_num_queries
):
    event = club_event["event"]
    for profile in ProfileFactory.create_batch(10):
        registration.register(event=event, profile=profile)
    client.force_login(club_event["leader"].user)
    with django_assert_max_num_queries(20):
        html = client.get(f"/events/{event.pk}/registrations/").content.decode()
    assert "Inès Moreau" in html and "Yanis Benali" in html
    assert "HYPERLINK" in html
    export = client.get(f"/events/{event.pk}/registrations.csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][-1] == "Régime alimentaire"
    assert rows[1][:3] == ["Inès Moreau", club_event["seat"].email, "confirmed"]
    assert rows[1][-1].startswith("'=")
    assert rows[2][2:4] == ["waitlisted", "1"]


def test_other_members_cannot_see_registrations(client, club_event):
    event = club_event["event"]
    client.force_login(ProfileFactory().user)
    assert client.get(f"/events/{event.pk}/registrations/").status_code == 403
    assert client.get(f"/events/{event.pk}/registrations.csv").status_code == 403
    assert (
        client.post(
            f"/events/{event.pk}/check-in/", {"registration": club_event["seat"].pk}
        ).status_code
        == 403
    )
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_editors_who_may_edit_the_page_are_organisers(client, club_event):
    event = club_event["event"]
    editors = Group.objects.create(name="Rédaction des événements")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=event.get_parent(),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    editor = UserFactory(is_staff=True)
    editor.groups.add(editors)
    client.force_login(editor)
    assert client.get(f"/events/{event.pk}/registrations/").status_code == 200


def test_check_in_at_the_door_works_with_plain_forms(client, club_event):
    event, seat = club_event["event"], club_event["seat"]
    client.force_login(club_event["leader"].user)
    page = client.get(f"/events/{event.pk}/check-in/?q=ines").content.decode()
    assert "Inès Moreau" not in page  # the search matches what was typed
    page = client.get(f"/events/{event.pk}/check-in/?q=Inès").content.decode()
    assert "Inès Moreau" in page and "Yanis Benali" not in page
    assert "<script" not in page.split("<main")[1]
    response = client.post(
        f"/events/{event.pk}/check-in/", {"registration": seat.pk, "present": "1", "q": "Inès"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?q=In%C3%A8s")
    seat.refresh_from_db()
    assert seat.checked_in_at is not None
    client.post(
        f"/events/{event.pk}/check-in/",
        {"registration": club_event["waiting"].pk, "present": "1"},
    )
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


@pytest.mark.parametrize("registration", ["", "abc", str(2**63), "-1"])
def test_check_in_of_no_registration_says_so(client, club_event, registration):
    event = club_event["event"]
    client.force_login(club_event["leader"].user)
    response = client.post(
        f"/events/{event.pk}/check-in/", {"registration": registration}, follow=True
    )
    assert "Cette inscription n’existe pas." in response.content.decode()
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_a_check_in_search_the_database_cannot_hold_is_refused(client, club_event):
    client.force_login(club_event["leader"].user)
    page = client.get(f"/events/{club_event['event'].pk}/check-in/?q=In%00s")
    assert page.status_code == 200
    assert "Le caractère nul n’est pas autorisé." in page.content.decode()


def test_a_club_leader_proposes_an_event_for_review(client, club_event):
    club, leader = club_event["club"], club_event["leader"]
    client.force_login(leader.user)
    assert client.get(f"/events/propose/{club.slug}/").status_code == 200
    response = client.post(
        f"/events/propose/{club.slug}/",
        {
            "title": "Afterwork Biotech à Lille",
            "summary": "Rencontrer les diplômés du club autour d’un verre.",
            "start": in_days(20).strftime("%Y-%m-%dT%H:%M"),
            "end": in_days(20, hour=21).strftime("%Y-%m-%dT%H:%M"),
            "attendance_mode": "in_person",
            "venue": "Le Bistrot du campus",
            "audience": "club_members",
            "capacity": "30",
            "waitlist_enabled": "on",
        },
    )
    assert response.status_code == 302
    proposal = EventPage.objects.get(title="Afterwork Biotech à Lille")
    assert not proposal.live
    assert proposal.organiser_club == club
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(proposal.pk))
    assert state.workflow.name == REVIEW_WORKFLOW
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_proposal_with_bad_dates_is_refused_and_nothing_is_created(client, club_event):
    club = club_event["club"]
    client.force_login(club_event["leader"].user)
    response = client.post(
        f"/events/propose/{club.slug}/",
        {
            "title": "À l’envers",
            "summary": "Finit avant de commencer.",
            "start": in_days(20, hour=21).strftime("%Y-%m-%dT%H:%M"),
            "end": in_days(20).strftime("%Y-%m-%dT%H:%M"),
            "attendance_mode": "online",
            "audience": "club_members",
        },
    )
    assert response.status_code == 200
    assert 'id="id_end_error"' in response.content.decode()
    assert not EventPage.objects.filter(title="À l’envers").exists()


def test_only_leaders_propose_events(client, club_event):
    club = club_event["club"]
    client.force_login(join(club).user)
    assert client.get(f"/events/propose/{club.slug}/").status_code == 403


def test_my_registrations_show_on_the_dashboard(client, make_event):
    event = make_event(title="Semaine internationale des étudiants", capacity=0)
    profile = ProfileFactory()
    registration.register(event=event, profile=profile)
    client.force_login(profile.user)
    html = client.get("/dashboard/").content.decode()
    assert "Semaine internationale des étudiants" in html
    assert "position 1" in html


def test_the_page_explorer_leads_editors_to_the_registrations(admin_client, club_event):
    event = club_event["event"]
    html = admin_client.get(f"/admin/pages/{event.get_parent().pk}/").content.decode()
    assert f"/events/{event.pk}/registrations/" in html
    assert admin_client.get(f"/events/{event.pk}/registrations/").status_code == 200


@pytest.mark.parametrize("role", ["leader", "moderator", "member", "staff", "visitor"])
def test_the_club_pages_offer_the_event_proposal_to_whoever_may_propose(client, role):
    club = ClubFactory(name="Club Biotech")
    if role == "staff":
        staff = UserFactory(is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="change_club"))
        client.force_login(staff)
    elif role != "visitor":
        client.force_login(join(club, role=role).user)
    propose_url = f"/events/propose/{club.slug}/"
    may_propose = client.get(propose_url).status_code == 200

    assert (f'href="{propose_url}"' in client.get(club.get_absolute_url()).content.decode()) is (
        may_propose
    )
    leaders_space = client.get(f"/clubs/{club.slug}/manage/")
    if leaders_space.status_code == 200:
        assert (f'href="{propose_url}"' in leaders_space.content.decode()) is may_propose
    assert may_propose is (role in {"leader", "moderator"})
