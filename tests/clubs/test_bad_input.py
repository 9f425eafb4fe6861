"""Wrong moves are refused with a clear message, and nothing changes."""

import pytest

from clubs.models import JoinPolicy, Membership, MembershipRole, MembershipStatus
from tests.clubs.factories import ClubFactory, LeaderFactory, MembershipFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(Membership.objects.values_list("pk", "status", "role"))


@pytest.fixture
def club():
    club = ClubFactory(slug="docteurs", join_policy=JoinPolicy.APPROVAL)
    LeaderFactory(club=club)
    return club


def test_joining_twice(client, club):
    member = MembershipFactory(club=club).profile
    client.force_login(member.user)
    before = _snapshot()
    page = client.post("/clubs/docteurs/join/", follow=True).content.decode()
    assert "already a member" in page
    api = client.post("/api/community/clubs/docteurs/join", content_type="application/json")
    assert api.status_code == 409 and "already a member" in api.json()["message"]
    assert _snapshot() == before


def test_asking_twice(client, club):
    member = ProfileFactory()
    client.force_login(member.user)
    client.post("/clubs/docteurs/join/")
    before = _snapshot()
    again = client.post("/api/community/clubs/docteurs/join", content_type="application/json")
    assert again.status_code == 409 and "already waiting" in again.json()["message"]
    assert _snapshot() == before


def test_approving_a_request_that_is_not_pending(client, club):
    leader = club.memberships.leaders().get().profile
    member = MembershipFactory(club=club)
    client.force_login(leader.user)
    before = _snapshot()
    page = client.post(f"/clubs/docteurs/manage/requests/{member.pk}/approve/", follow=True)
    assert "no longer waiting" in page.content.decode()
    api = client.post(f"/api/community/clubs/docteurs/memberships/{member.pk}/reject")
    assert api.status_code == 409 and "no longer waiting" in api.json()["message"]
    assert _snapshot() == before


def test_the_last_leader_cannot_leave_nor_be_demoted(client, club):
    leader = club.memberships.leaders().get()
    client.force_login(leader.profile.user)
    before = _snapshot()
    page = client.post("/clubs/docteurs/leave/", follow=True).content.decode()
    assert "only leader" in page
    demoted = client.post(
        f"/clubs/docteurs/manage/members/{leader.pk}/role/", {"role": "member"}, follow=True
    ).content.decode()
    assert "only leader" in demoted
    api = client.post(
        f"/api/community/clubs/docteurs/memberships/{leader.pk}/role",
        {"role": "moderator"},
        content_type="application/json",
    )
    assert api.status_code == 409 and "only leader" in api.json()["message"]
    api_leave = client.post("/api/community/clubs/docteurs/leave")
    assert api_leave.status_code == 409
    assert _snapshot() == before


def test_an_unknown_club_in_the_api(client):
    client.force_login(ProfileFactory().user)
    before = _snapshot()
    for method, path in [
        ("get", "/api/community/clubs/nowhere"),
        ("post", "/api/community/clubs/nowhere/join"),
        ("post", "/api/community/clubs/nowhere/leave"),
        ("post", "/api/community/clubs/nowhere/invitation/accept"),
        ("get", "/api/community/clubs/nowhere/memberships"),
        ("post", "/api/community/clubs/nowhere/memberships/1/approve"),
    ]:
        response = getattr(client, method)(path, content_type="application/json")
        assert response.status_code == 404, path
        assert response.json()["message"] == "There is no such club.", path
    assert _snapshot() == before


def test_an_unknown_role_or_filter(client, club):
    leader = club.memberships.leaders().get()
    member = MembershipFactory(club=club)
    client.force_login(leader.profile.user)
    api = client.post(
        f"/api/community/clubs/docteurs/memberships/{member.pk}/role",
        {"role": "president"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "role" in api.json()["errors"]
    assert Membership.objects.get(pk=member.pk).role == MembershipRole.MEMBER
    filtered = client.get("/api/community/clubs/", {"colour": "blue"})
    assert filtered.status_code == 400 and "colour" in filtered.json()["message"]


def test_a_body_that_is_not_json(client, club):
    client.force_login(ProfileFactory().user)
    response = client.post(
        "/api/community/clubs/docteurs/join", "message=hello", content_type="application/json"
    )
    assert response.status_code == 400 and "JSON" in response.json()["message"]


def test_anonymous_writes_in_the_api_ask_to_sign_in(client, club):
    response = client.post("/api/community/clubs/docteurs/join", content_type="application/json")
    assert response.status_code == 401 and response.json()["message"]
    assert not Membership.objects.filter(status=MembershipStatus.PENDING).exists()


def test_api_writes_need_the_csrf_token(club):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(ProfileFactory().user)
    response = strict.post("/api/community/clubs/docteurs/join", content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["message"]
    assert not Membership.objects.filter(status=MembershipStatus.PENDING).exists()


def test_proposing_a_geographic_club_without_its_place(client):
    client.force_login(ProfileFactory().user)
    response = client.post(
        "/clubs/propose/",
        {
            "name": "Club de Tokyo",
            "kind": "geographic",
            "join_policy": "open",
            "visibility": "public",
        },
    )
    assert response.status_code == 400
    assert "needs a city" in response.content.decode()
