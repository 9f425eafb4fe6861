"""The journey the issue is done with: find a club, join or ask, the leader approves,
the member sees it on the dashboard — in the browser and through the API."""

import json

import pytest
from django.core import mail

from clubs.models import JoinPolicy, Membership, MembershipStatus
from tests.clubs.factories import ClubFactory, GeographicClubFactory, LeaderFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def london():
    club = GeographicClubFactory(
        name="Club de Londres", slug="londres", join_policy=JoinPolicy.APPROVAL
    )
    leader = LeaderFactory(club=club, profile=ProfileFactory(first_name="Inès")).profile
    ClubFactory(name="Club Biotech", slug="biotech")
    return club, leader


def test_find_on_the_map_ask_approve_and_see_it_on_the_dashboard(client, london):
    club, leader = london
    member = ProfileFactory(first_name="Hugo", last_name="Martin")
    client.force_login(member.user)

    directory = client.get("/clubs/", {"kind": "geographic", "country": "GB"})
    body = directory.content.decode()
    markers = json.loads(
        body.split('id="club-map-markers" type="application/json">')[1].split("</script>")[0]
    )
    assert [marker["name"] for marker in markers] == ["Club de Londres"]
    assert "Club Biotech" not in body
    page = client.get(markers[0]["url"]).content.decode()
    assert "Ask to join" in page

    response = client.post("/clubs/londres/join/", {"message": "J’habite à Camden."}, follow=True)
    assert "Your request has been sent" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[leader.user.email]]
    assert "Hugo Martin" in mail.outbox[0].subject

    client.force_login(leader.user)
    manage = client.get("/clubs/londres/manage/").content.decode()
    assert "J’habite à Camden." in manage
    request_id = Membership.objects.get(profile=member).pk
    client.post(f"/clubs/londres/manage/requests/{request_id}/approve/")
    assert mail.outbox[-1].to == [member.user.email]

    client.force_login(member.user)
    dashboard = client.get("/dashboard/").content.decode()
    assert "My clubs" in dashboard and "Club de Londres" in dashboard
    assert Membership.objects.get(profile=member).status == MembershipStatus.ACTIVE


def test_the_same_journey_through_the_api(client, london):
    club, leader = london
    member = ProfileFactory(first_name="Hugo", last_name="Martin")
    client.force_login(member.user)

    found = client.get("/api/community/clubs/", {"kind": "geographic", "country": "GB"}).json()
    assert [(c["slug"], c["location"]["latitude"]) for c in found["results"]] == [
        ("londres", 51.5072)
    ]
    asked = client.post(
        "/api/community/clubs/londres/join",
        {"message": "J’habite à Camden."},
        content_type="application/json",
    )
    assert asked.status_code == 200 and asked.json()["status"] == "pending"
    assert mail.outbox[0].to == [leader.user.email]

    client.force_login(leader.user)
    pending = client.get("/api/community/clubs/londres/memberships").json()
    assert [(m["member"]["name"], m["message"]) for m in pending] == [
        ("Hugo Martin", "J’habite à Camden.")
    ]
    approved = client.post(f"/api/community/clubs/londres/memberships/{pending[0]['id']}/approve")
    assert approved.json()["status"] == "active"
    assert mail.outbox[-1].to == [member.user.email]

    client.force_login(member.user)
    mine = client.get("/api/community/clubs/mine").json()
    assert [(m["club"], m["status"]) for m in mine] == [("londres", "active")]
    assert "Club de Londres" in client.get("/dashboard/").content.decode()
