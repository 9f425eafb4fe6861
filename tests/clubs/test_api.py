import pytest

from clubs.models import JoinPolicy, MembershipStatus
from tests.clubs.factories import AnnouncementFactory, ClubFactory, LeaderFactory
from tests.members.factories import ProfileFactory, UserFactory

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


def test_the_directory_pages_and_kinds_are_declared_in_the_schema(client):
    for number in range(3):
        ClubFactory(name=f"Club {number}", slug=f"c{number}")
    assert client.get("/api/community/clubs/", {"page": 0}).status_code == 400
    assert client.get("/api/community/clubs/", {"page_size": 101}).status_code == 400
    second = client.get("/api/community/clubs/", {"page": 2, "page_size": 2}).json()
    assert (second["count"], second["num_pages"], len(second["results"])) == (3, 2, 1)
    past = client.get("/api/community/clubs/", {"page": 9, "page_size": 2})
    assert past.status_code == 200 and past.json()["results"] == []
    unknown_kind = client.get("/api/community/clubs/", {"kind": "sporting"})
    assert unknown_kind.status_code == 400 and "kind" in unknown_kind.json()["errors"]

    schema = client.get("/api/community/openapi.json").json()
    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/community/clubs/"]["get"]["parameters"]
    }
    assert parameters["page"]["schema"]["minimum"] == 1
    assert parameters["page_size"]["schema"]["maximum"] == 100
    components = schema["components"]["schemas"]
    assert "ClubLocationOut" in components and "country_name" in str(components["ClubLocationOut"])
    assert "my_options" in components["ClubDetailOut"]["properties"]


def test_signed_in_without_a_profile_the_api_asks_for_one(client):
    club = ClubFactory(slug="club")
    LeaderFactory(club=club)
    client.force_login(UserFactory())
    options = client.get("/api/community/clubs/club").json()["my_options"]
    assert not options["can_join"]
    assert options["refusals"]["join"] == "Create your profile first."
    joined = client.post("/api/community/clubs/club/join", content_type="application/json")
    assert joined.status_code == 403 and joined.json()["message"] == "Create your profile first."
    assert not club.memberships.exclude(role="leader").exists()


def test_withdrawing_a_request_says_so(client):
    club = ClubFactory(slug="club", join_policy=JoinPolicy.APPROVAL)
    LeaderFactory(club=club)
    client.force_login(ProfileFactory().user)
    client.post("/clubs/club/join/")
    page = client.post("/clubs/club/leave/", follow=True).content.decode()
    assert "Your request has been withdrawn." in page
