"""A club's only leader erases their account: the club keeps a leader, or is archived."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from clubs import services
from clubs.models import Club, ClubStatus, MembershipRole, MembershipStatus
from home.demo import ADMIN_EMAIL
from members.demo import DEMO_DOMAIN
from members.models import Profile
from tests.clubs.factories import ClubFactory, LeaderFactory, MembershipFactory
from tests.members.factories import ProfileFactory, sign_in_recently

pytestmark = pytest.mark.django_db


def erase(client, profile, capture):
    sign_in_recently(client, profile.user)
    with capture(execute=True):
        response = client.post("/members/me/data/", {"confirmation": profile.user.email})
    assert response.status_code == 302
    assert not Profile.objects.filter(pk=profile.pk).exists()
    client.logout()


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_the_longest_standing_member_takes_over_and_is_told(
    client, django_capture_on_commit_callbacks
):
    club = ClubFactory(name="Club Voile")
    leader = LeaderFactory(club=club, joined_at=days_ago(900)).profile
    MembershipFactory(club=club, joined_at=days_ago(10))
    elder = MembershipFactory(club=club, joined_at=days_ago(400)).profile
    MembershipFactory(club=club, status=MembershipStatus.PENDING, joined_at=None)
    MembershipFactory(club=club, status=MembershipStatus.LEFT, joined_at=days_ago(800))

    erase(client, leader, django_capture_on_commit_callbacks)

    assert [m.profile for m in club.memberships.leaders()] == [elder]
    assert club.memberships.active().count() == 2
    club.refresh_from_db()
    assert club.status == ClubStatus.ACTIVE
    [message] = mail.outbox
    assert message.to == [elder.user.email]
    assert "Club Voile" in message.subject
    assert f"/clubs/{club.slug}/manage/" in message.body
    sign_in_recently(client, elder.user)
    assert client.get(f"/clubs/{club.slug}/manage/").status_code == 200


def test_a_moderator_comes_before_older_members(client, django_capture_on_commit_callbacks):
    club = ClubFactory()
    leader = LeaderFactory(club=club, joined_at=days_ago(900)).profile
    MembershipFactory(club=club, joined_at=days_ago(800))
    moderator = MembershipFactory(
        club=club, role=MembershipRole.MODERATOR, joined_at=days_ago(5)
    ).profile

    erase(client, leader, django_capture_on_commit_callbacks)

    assert [m.profile for m in club.memberships.leaders()] == [moderator]
    assert [message.to for message in mail.outbox] == [[moderator.user.email]]


def test_a_deactivated_account_is_not_handed_the_lead(client, django_capture_on_commit_callbacks):
    club = ClubFactory()
    leader = LeaderFactory(club=club, joined_at=days_ago(900)).profile
    dormant = MembershipFactory(club=club, joined_at=days_ago(800)).profile
    dormant.user.is_active = False
    dormant.user.save()
    active = MembershipFactory(club=club, joined_at=days_ago(5)).profile

    erase(client, leader, django_capture_on_commit_callbacks)

    assert [m.profile for m in club.memberships.leaders()] == [active]


def test_a_club_with_another_leader_changes_nothing(client, django_capture_on_commit_callbacks):
    club = ClubFactory()
    leader = LeaderFactory(club=club).profile
    other_leader = LeaderFactory(club=club).profile
    member = MembershipFactory(club=club, role=MembershipRole.MODERATOR)

    erase(client, leader, django_capture_on_commit_callbacks)

    assert [m.profile for m in club.memberships.leaders()] == [other_leader]
    member.refresh_from_db()
    assert member.role == MembershipRole.MODERATOR
    assert mail.outbox == []


def test_a_club_left_with_nobody_is_archived_and_staff_are_told(
    client, staff_user, django_capture_on_commit_callbacks
):
    club = ClubFactory(name="Club de Lisbonne", slug="club-de-lisbonne")
    leader = LeaderFactory(club=club).profile
    MembershipFactory(club=club, status=MembershipStatus.LEFT, joined_at=days_ago(30))
    invited = MembershipFactory(club=club, status=MembershipStatus.INVITED, joined_at=None)

    erase(client, leader, django_capture_on_commit_callbacks)

    club.refresh_from_db()
    assert club.status == ClubStatus.ARCHIVED
    [message] = mail.outbox
    assert message.to == [staff_user.email]
    assert "Club de Lisbonne" in message.subject and "archived" in message.subject
    assert f"http://testserver/admin/clubs/reopen/{club.pk}/" in message.body

    assert client.get("/clubs/club-de-lisbonne/").status_code == 404
    assert "Club de Lisbonne" not in client.get("/clubs/").content.decode()
    sign_in_recently(client, invited.profile.user)
    assert client.get("/dashboard/").status_code == 200
    assert "Club de Lisbonne" not in client.get("/dashboard/").content.decode()
    sign_in_recently(client, staff_user)
    page = client.get("/clubs/club-de-lisbonne/")
    assert page.status_code == 200
    assert "Club de Lisbonne" in page.content.decode()


def test_a_proposal_whose_proposer_is_gone_cannot_open_without_a_leader(
    client, staff_user, django_capture_on_commit_callbacks
):
    proposer = ProfileFactory()
    club = services.propose_club(profile=proposer, name="Club Jazz", kind="thematic")
    mail.outbox.clear()

    erase(client, proposer, django_capture_on_commit_callbacks)

    club.refresh_from_db()
    assert club.status == ClubStatus.ARCHIVED
    assert [message.to for message in mail.outbox] == [[staff_user.email]]
    with pytest.raises(services.ClubError):
        services.approve_proposal(club=club, by=staff_user)


def test_staff_deleting_a_record_in_the_admin_follow_the_same_rule(
    admin_client, django_capture_on_commit_callbacks
):
    club = ClubFactory()
    leader = LeaderFactory(club=club).profile
    member = MembershipFactory(club=club).profile

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/member_profiles/delete/{leader.pk}/")
    assert response.status_code == 302
    assert not Profile.objects.filter(pk=leader.pk).exists()
    assert [m.profile for m in club.memberships.leaders()] == [member]


def test_the_demo_club_opened_by_a_member_who_then_leaves(
    demo_site, client, django_capture_on_commit_callbacks
):
    """The demo case: a member proposes a club, staff open it, the member erases their account."""
    proposer = Profile.objects.filter(user__email__endswith="@" + DEMO_DOMAIN).last()
    admin = get_user_model().objects.get(email=ADMIN_EMAIL)
    club = services.propose_club(
        profile=proposer,
        name="Club de Lisbonne",
        kind="geographic",
        city="Lisbonne",
        country="PT",
        latitude=38.72,
        longitude=-9.14,
    )
    services.approve_proposal(club=club, by=admin)
    mail.outbox.clear()

    erase(client, proposer, django_capture_on_commit_callbacks)

    club.refresh_from_db()
    assert club.status == ClubStatus.ARCHIVED
    assert admin.email in {message.to[0] for message in mail.outbox}
    assert client.get("/clubs/club-de-lisbonne/").status_code == 404
    sign_in_recently(client, admin)
    assert client.get("/clubs/club-de-lisbonne/").status_code == 200
    for active in Club.objects.filter(status=ClubStatus.ACTIVE):
        assert active.memberships.leaders().exists(), active.name


def test_a_demo_club_leader_leaving_hands_the_lead_to_the_moderator(
    demo_site, client, django_capture_on_commit_callbacks
):
    london = Club.objects.get(slug="club-de-londres")
    leader = london.memberships.leaders().get().profile
    moderator = london.memberships.get(role=MembershipRole.MODERATOR).profile

    erase(client, leader, django_capture_on_commit_callbacks)

    assert [m.profile for m in london.memberships.leaders()] == [moderator]
    assert moderator.user.email in {message.to[0] for message in mail.outbox}
    for active in Club.objects.filter(status=ClubStatus.ACTIVE):
        assert active.memberships.leaders().exists(), active.name
    assert client.get("/clubs/club-de-londres/").status_code == 200


def test_clubs_left_leaderless_before_the_rule_get_a_leader_or_are_archived():
    from importlib import import_module

    from django.apps import apps

    repair = import_module("clubs.migrations.0003_leaderless_clubs_get_a_leader")
    orphan = ClubFactory(slug="club-de-lisbonne")
    with_members = ClubFactory()
    MembershipFactory(club=with_members, joined_at=days_ago(3))
    elder = MembershipFactory(club=with_members, joined_at=days_ago(300)).profile
    led = ClubFactory()
    leader = LeaderFactory(club=led).profile
    MembershipFactory(club=led, role=MembershipRole.MODERATOR)

    repair.give_leaderless_clubs_a_leader(apps, None)

    orphan.refresh_from_db()
    assert orphan.status == ClubStatus.ARCHIVED
    assert [m.profile for m in with_members.memberships.leaders()] == [elder]
    assert [m.profile for m in led.memberships.leaders()] == [leader]


def test_staff_deleting_an_account_hand_its_clubs_over(
    admin_client, django_capture_on_commit_callbacks
):
    club = ClubFactory()
    leader = LeaderFactory(club=club).profile
    member = MembershipFactory(club=club).profile

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/users/delete/{leader.user_id}/")
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.user is None
    assert [m.profile for m in club.memberships.leaders()] == [member]
    assert not club.has_member(leader)
    assert club.memberships.get(profile=leader).status == MembershipStatus.LEFT
