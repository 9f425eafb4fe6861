"""Who may manage a club, and who may see it at all."""

import pytest

from clubs.models import ClubVisibility, JoinPolicy, MembershipRole, MembershipStatus
from tests.clubs.factories import ClubFactory, LeaderFactory, MembershipFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def club():
    club = ClubFactory(slug="biotech", join_policy=JoinPolicy.APPROVAL)
    LeaderFactory(club=club)
    MembershipFactory(club=club, status=MembershipStatus.PENDING, joined_at=None)
    return club


def _people(club):
    other_club = ClubFactory(slug="lille")
    return {
        "visitor": None,
        "member without club": ProfileFactory().user,
        "plain member": MembershipFactory(club=club).profile.user,
        "leader of another club": LeaderFactory(club=other_club).profile.user,
        "moderator": MembershipFactory(club=club, role=MembershipRole.MODERATOR).profile.user,
        "leader": club.memberships.leaders().get().profile.user,
    }


MAY_MANAGE = {"moderator", "leader"}


def test_only_leaders_and_moderators_reach_the_leaders_space(client, club):
    for label, user in _people(club).items():
        client.logout()
        if user:
            client.force_login(user)
        response = client.get("/clubs/biotech/manage/")
        expected = 200 if label in MAY_MANAGE else (302 if user is None else 403)
        assert response.status_code == expected, label
        export = client.get("/clubs/biotech/manage/members.csv")
        assert (export.status_code == 200) is (label in MAY_MANAGE), label


def test_only_leaders_and_moderators_answer_requests_through_the_api(client, club):
    pending = club.memberships.get(status=MembershipStatus.PENDING)
    people = _people(club)
    for label, user in people.items():
        client.logout()
        if user:
            client.force_login(user)
        response = client.get("/api/community/clubs/biotech/memberships")
        expected = 200 if label in MAY_MANAGE else (401 if user is None else 403)
        assert response.status_code == expected, label
        assert "message" in response.json() or label in MAY_MANAGE
    client.force_login(people["plain member"])
    refused = client.post(f"/api/community/clubs/biotech/memberships/{pending.pk}/approve")
    assert refused.status_code == 403
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_a_leader_of_one_club_cannot_act_on_another(client, club):
    pending = club.memberships.get(status=MembershipStatus.PENDING)
    other_leader = LeaderFactory(club=ClubFactory(slug="arras")).profile
    client.force_login(other_leader.user)
    response = client.post(f"/clubs/biotech/manage/requests/{pending.pk}/approve/")
    assert response.status_code == 403
    by_other_club = client.post(f"/clubs/arras/manage/requests/{pending.pk}/approve/", follow=True)
    assert "no such membership" in by_other_club.content.decode()
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_staff_manage_every_club(client, club, staff_user):
    client.force_login(staff_user)
    assert client.get("/clubs/biotech/manage/").status_code == 200


def test_members_only_clubs_are_invisible_to_visitors(client):
    hidden = ClubFactory(name="Club Shanghai", slug="shanghai", visibility=ClubVisibility.MEMBERS)
    ClubFactory(name="Club Lille", slug="lille")
    assert "Club Shanghai" not in client.get("/clubs/").content.decode()
    assert client.get("/clubs/shanghai/").status_code == 404
    assert client.post("/clubs/shanghai/join/").status_code == 302
    listed = client.get("/api/community/clubs/").json()
    assert [club["slug"] for club in listed["results"]] == ["lille"]
    unknown = client.get("/api/community/clubs/shanghai")
    assert unknown.status_code == 404 and unknown.json()["message"]
    assert "Club Shanghai" not in client.get("/").content.decode()

    client.force_login(ProfileFactory().user)
    assert "Club Shanghai" in client.get("/clubs/").content.decode()
    assert client.get("/clubs/shanghai/").status_code == 200
    assert client.get("/api/community/clubs/shanghai").json()["name"] == hidden.name


def test_a_proposed_club_is_seen_by_its_proposer_and_staff_only(client, staff_user):
    proposer = ProfileFactory()
    ClubFactory(slug="rugby", status="proposed", proposed_by=proposer)
    client.force_login(ProfileFactory().user)
    assert client.get("/clubs/rugby/").status_code == 404
    client.force_login(proposer.user)
    assert "not approved this club yet" in client.get("/clubs/rugby/").content.decode()
    client.force_login(staff_user)
    assert client.get("/clubs/rugby/").status_code == 200
