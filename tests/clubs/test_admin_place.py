"""Staff choose a club's city in the admin: it fills the position they leave empty."""

import pytest

from clubs.models import Club
from tests.clubs.factories import ClubFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edit_url(client, staff_user):
    client.force_login(staff_user)
    club = ClubFactory(name="Club de Lisbonne", slug="club-de-lisbonne")
    return f"/admin/clubs/edit/{club.pk}/"


def club_form(**overrides):
    return {
        "name": "Club de Lisbonne",
        "slug": "club-de-lisbonne",
        "kind": "geographic",
        "summary": "",
        "description": "",
        "themes": "",
        "city": "",
        "country": "",
        "latitude": "",
        "longitude": "",
        "join_policy": "open",
        "visibility": "public",
        "status": "active",
        "proposed_by": "",
        **overrides,
    }


def test_the_city_fills_country_and_position(client, edit_url):
    page = client.get(edit_url).content.decode()
    assert 'data-chooser-url="/api/community/places/suggestions"' in page
    response = client.post(edit_url, club_form(city="Lisbonne"))
    assert response.status_code == 302
    club = Club.objects.get(slug="club-de-lisbonne")
    assert (club.city, club.country) == ("Lisbon", "PT")
    assert (round(club.latitude, 1), round(club.longitude, 1)) == (38.7, -9.1)


def test_coordinates_typed_by_staff_are_kept_for_any_place(client, edit_url):
    client.post(
        edit_url,
        club_form(city="Hameau-sur-Lys", country="FR", latitude="50.6", longitude="3.1"),
    )
    club = Club.objects.get(slug="club-de-lisbonne")
    assert (club.city, club.latitude, club.longitude) == ("Hameau-sur-Lys", 50.6, 3.1)


def test_an_unknown_city_without_coordinates_is_a_form_error(client, edit_url):
    response = client.post(edit_url, club_form(city="Atlantide"))
    assert "“Atlantide” is not a city we know" in response.content.decode()
    assert Club.objects.get().kind == "thematic"
