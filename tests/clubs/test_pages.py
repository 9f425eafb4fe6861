"""The club directory, its map, a club's page and the leaders' space."""

import csv
import io
import json

import pytest

from clubs.models import ClubKind, ClubStatus, JoinPolicy, MembershipRole, MembershipStatus
from tests.clubs.factories import (
    AnnouncementFactory,
    ClubFactory,
    GeographicClubFactory,
    LeaderFactory,
    MembershipFactory,
)
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def _markers(body: str) -> list[dict]:
    return json.loads(
        body.split('id="club-map-markers" type="application/json">')[1].split("</script>")[0]
    )


@pytest.fixture
def clubs():
    london = GeographicClubFactory(name="Club de Londres", slug="londres")
    london.themes.set(["finance"])
    lille = GeographicClubFactory(
        name="Club de Lille",
        slug="lille",
        city="Lille",
        country="FR",
        latitude=50.63,
        longitude=3.06,
    )
    biotech = ClubFactory(name="Club Biotech", slug="biotech", kind=ClubKind.DISCIPLINARY)
    biotech.themes.set(["santé", "biotech"])
    ClubFactory(name="Club en projet", slug="projet", status=ClubStatus.PROPOSED)
    return london, lille, biotech


def test_directory_filters_by_kind_country_theme_and_words(client, clubs):
    def names(**params):
        page = client.get("/clubs/", params)
        return [club.name for club in page.context["page"].object_list]

    assert names() == ["Club Biotech", "Club de Lille", "Club de Londres"]
    assert names(kind="disciplinary") == ["Club Biotech"]
    assert names(country="FR") == ["Club de Lille"]
    assert names(theme="biotech") == ["Club Biotech"]
    assert names(q="santé") == ["Club Biotech"]
    assert names(q="londres") == ["Club de Londres"]


def test_the_map_shows_the_geographic_clubs_from_local_files(client, clubs):
    body = client.get("/clubs/").content.decode()
    markers = _markers(body)
    assert [(m["name"], m["lat"], m["url"]) for m in markers] == [
        ("Club de Lille", 50.63, "/clubs/lille/"),
        ("Club de Londres", 51.5072, "/clubs/londres/"),
    ]
    assert "/static/leaflet/leaflet.js" in body and "/static/clubs/club-map.js" in body
    assert "unpkg" not in body and "cdn" not in body.lower()
    assert "<script>" not in body.replace('<script id="club-map-markers"', "")


def test_the_tile_server_is_a_setting(client, clubs, settings):
    settings.CLUBS_MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    body = client.get("/clubs/").content.decode()
    assert 'data-tiles-url="https://tiles.example.org/{z}/{x}/{y}.png"' in body


def test_every_club_stays_listed_without_the_map(client, clubs):
    body = client.get("/clubs/").content.decode()
    for name in ("Club Biotech", "Club de Lille", "Club de Londres"):
        assert f">{name}</a>" in body
    assert "Club en projet" not in body


def test_empty_states_say_what_to_do(client, clubs):
    client.force_login(ProfileFactory().user)
    body = client.get("/clubs/", {"q": "aucun club ne s’appelle ainsi"}).content.decode()
    assert "No club matches these filters." in body
    assert "/clubs/propose/" in body


def test_directory_pages(client):
    for number in range(30):
        ClubFactory(name=f"Club {number:02d}", slug=f"c{number}")
    first = client.get("/clubs/").content.decode()
    assert "Page 1 of 2" in first
    second = client.get("/clubs/", {"page": 2})
    assert [c.name for c in second.context["page"].object_list] == [
        f"Club {n}" for n in range(24, 30)
    ]


def test_club_page_shows_leaders_announcements_and_members_through_privacy(client):
    club = ClubFactory(slug="biotech", description="Des rencontres chaque mois.")
    leader = LeaderFactory(
        club=club, profile=ProfileFactory(first_name="Inès", listed_publicly=True)
    )
    shown = MembershipFactory(
        club=club, profile=ProfileFactory(first_name="Hugo", listed_publicly=True)
    )
    hidden = MembershipFactory(
        club=club,
        profile=ProfileFactory(first_name="Secret", listed_publicly=False, listed_to_members=False),
    )
    AnnouncementFactory(club=club, author=leader.profile, title="Afterwork de rentrée")
    body = client.get("/clubs/biotech/").content.decode()
    assert "Des rencontres chaque mois." in body and "Afterwork de rentrée" in body
    assert leader.profile.full_name in body and shown.profile.full_name in body
    assert hidden.profile.full_name not in body
    assert "3 members" in body and "Some members choose not to appear" in body


def test_buttons_follow_my_state(client):
    club = ClubFactory(slug="docteurs", join_policy=JoinPolicy.APPROVAL)
    LeaderFactory(club=club)
    assert "Sign in to join" in client.get("/clubs/docteurs/").content.decode()
    me = ProfileFactory()
    client.force_login(me.user)
    assert "Ask to join" in client.get("/clubs/docteurs/").content.decode()
    client.post("/clubs/docteurs/join/")
    assert "Withdraw my request" in client.get("/clubs/docteurs/").content.decode()
    club.memberships.filter(profile=me).update(status=MembershipStatus.INVITED)
    assert "Accept the invitation" in client.get("/clubs/docteurs/").content.decode()
    client.post("/clubs/docteurs/accept/")
    body = client.get("/clubs/docteurs/").content.decode()
    assert "Leave the club" in body and "Leaders&#x27; space" not in body


def test_propose_a_club(client):
    me = ProfileFactory()
    client.force_login(me.user)
    response = client.post(
        "/clubs/propose/",
        {
            "name": "Club de Shanghai",
            "kind": "geographic",
            "city": "Shanghai",
            "themes": "international, commerce",
            "join_policy": "approval",
            "visibility": "members",
        },
        follow=True,
    )
    assert "The alumni office will review Club de Shanghai" in response.content.decode()
    assert response.context["club"].proposed_by == me
    assert "Club de Shanghai" not in client.get("/clubs/").content.decode()


def test_leaders_space_answers_invites_names_and_announces(client):
    club = ClubFactory(slug="lille", join_policy=JoinPolicy.APPROVAL)
    leader = LeaderFactory(club=club).profile
    member = MembershipFactory(club=club)
    guest = ProfileFactory()
    client.force_login(leader.user)
    client.post("/clubs/lille/manage/invite/", {"member": guest.full_name})
    client.post(f"/clubs/lille/manage/members/{member.pk}/role/", {"role": "moderator"})
    client.post("/clubs/lille/manage/announcements/", {"title": "Pique-nique", "body": "Samedi."})
    assert club.memberships.get(profile=guest).status == MembershipStatus.INVITED
    assert club.memberships.get(pk=member.pk).role == MembershipRole.MODERATOR
    assert "Pique-nique" in client.get("/clubs/lille/").content.decode()
    announcement = club.announcements.get()
    client.post(f"/clubs/lille/manage/announcements/{announcement.pk}/delete/")
    assert not club.announcements.exists()


def test_members_export_applies_privacy(client):
    club = ClubFactory(slug="lille")
    leader = LeaderFactory(club=club).profile
    open_profile = ProfileFactory(
        first_name="Ouvert", contact_email="ouvert@example.org", contact_visibility="members"
    )
    private_contact = ProfileFactory(
        first_name="Discret", contact_email="discret@example.org", contact_visibility="private"
    )
    unlisted = ProfileFactory(first_name="Invisible", listed_to_members=False)
    for profile in (open_profile, private_contact, unlisted):
        MembershipFactory(club=club, profile=profile)
    client.force_login(leader.user)
    response = client.get("/clubs/lille/manage/members.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_name = {row["First name"]: row for row in rows}
    assert by_name["Ouvert"]["E-mail"] == "ouvert@example.org"
    assert by_name["Discret"]["E-mail"] == ""
    assert "Invisible" not in by_name
    assert response["Content-Type"].startswith("text/csv")


def test_dashboard_lists_my_clubs_requests_and_invitations(client):
    me = ProfileFactory()
    MembershipFactory(profile=me, club=ClubFactory(name="Club Biotech"))
    MembershipFactory(
        profile=me,
        club=ClubFactory(name="Club de Montréal"),
        status=MembershipStatus.PENDING,
        joined_at=None,
    )
    led = ClubFactory(name="Club Voile", slug="voile")
    MembershipFactory(profile=me, club=led, role=MembershipRole.MODERATOR)
    client.force_login(me.user)
    body = client.get("/dashboard/").content.decode()
    assert "My clubs" in body and "Club Biotech" in body
    assert "Club de Montréal" in body and "request waiting" in body
    assert body.count("/manage/") == 1 and "/clubs/voile/manage/" in body


def test_home_page_shows_featured_public_clubs(client, demo_site):
    body = client.get("/").content.decode()
    assert "Club des docteurs" in body
    assert "Club de Shanghai" not in body


def test_the_club_page_speaks_french_by_default(client, settings):
    settings.LANGUAGE_CODE = "fr"
    ClubFactory(slug="lille")
    body = client.get("/clubs/lille/").content.decode()
    assert "Se connecter pour adhérer" in body
