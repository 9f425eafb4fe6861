import pytest

from clubs.models import JoinPolicy, MembershipStatus
from tests.clubs.factories import AnnouncementFactory, ClubFactory, LeaderFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_club_detail_shows_leaders_announcements_and_my_membership(client):
    club = ClubFactory(slug="docteurs", name="Club des docteurs", join_policy=JoinPolicy.APPROVAL)
    club.themes.set(["doctorat"])
    leader = LeaderFactory(club=club, profile=ProfileFactory(first_name="Inès", last_name="Roy"))
    AnnouncementFactory(club=club, author=leader.profile, title="Soutenances de juin")
    me = ProfileFactory()
    client.force_login(me.user)
    client.post("/api/community/clubs/docteurs/join", content_type="application/json")
    body = client.get("/api/community/clubs/docteurs").json()
    assert body["themes"] == ["doctorat"]
    assert [person["name"] for person in body["leaders"]] == ["Inès Roy"]
    assert [item["title"] for item in body["announcements"]] == ["Soutenances de juin"]
    assert body["my_membership"]["status"] == MembershipStatus.PENDING
    assert body["member_count"] == 1

    withdrawn = client.post("/api/community/clubs/docteurs/leave")
    assert withdrawn.status_code == 204
    assert client.get("/api/community/clubs/docteurs").json()["my_membership"] is None


def test_invitations_through_the_api(client):
    club = ClubFactory(slug="new-york", join_policy=JoinPolicy.INVITATION)
    leader = LeaderFactory(club=club).profile
    guest = ProfileFactory()
    client.force_login(leader.user)
    invited = client.post(
        "/api/community/clubs/new-york/invitations",
        {"member_id": guest.pk},
        content_type="application/json",
    )
    assert invited.status_code == 200 and invited.json()["status"] == "invited"
    unknown = client.post(
        "/api/community/clubs/new-york/invitations",
        {"member_id": 999999},
        content_type="application/json",
    )
    assert unknown.status_code == 404 and unknown.json()["message"] == "There is no such member."

    client.force_login(guest.user)
    accepted = client.post("/api/community/clubs/new-york/invitation/accept")
    assert accepted.json()["status"] == "active"
    again = client.post("/api/community/clubs/new-york/invitation/decline")
    assert again.status_code == 404 and "no invitation" in again.json()["message"]


def test_the_schema_documents_the_clubs_endpoints(client):
    paths = client.get("/api/community/openapi.json").json()["paths"]
    assert "/api/community/clubs/" in paths
    assert "post" in paths["/api/community/clubs/{slug}/join"]
    assert "post" in paths["/api/community/clubs/{slug}/memberships/{membership_id}/approve"]
