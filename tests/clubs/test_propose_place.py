"""Proposing a geographic club means choosing its city, never typing coordinates."""

import re

import pytest

from clubs.models import Club
from home import places
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def propose(client, **data):
    client.force_login(ProfileFactory().user)
    return client.post(
        "/clubs/propose/",
        {"kind": "geographic", "join_policy": "open", "visibility": "public", **data},
    )


def test_the_form_asks_for_a_city_with_suggestions_and_no_coordinates(client):
    client.force_login(ProfileFactory().user)
    page = client.get("/clubs/propose/").content.decode()
    city = re.search(r'<input[^>]*name="city"[^>]*>', page).group(0)
    assert 'role="combobox"' in city
    assert 'data-chooser-url="/api/community/places/suggestions"' in city
    assert '<input type="hidden" name="place_id" id="id_place_id">' in page
    assert 'name="latitude"' not in page and 'name="longitude"' not in page
    assert '<script src="/static/js/combobox.js"></script>' in page


def test_a_typed_city_brings_its_country_and_position(client):
    response = propose(client, name="Club de Montréal bis", city="montreal")
    assert response.status_code == 302
    club = Club.objects.get(name="Club de Montréal bis")
    assert (club.city, club.country) == ("Montréal", "CA")
    assert club.latitude == pytest.approx(45.51, abs=0.05)
    assert club.longitude == pytest.approx(-73.59, abs=0.05)


def test_a_picked_suggestion_is_the_city_kept(client):
    texan = places.resolve_place("Paris, US")
    propose(client, name="Club du Texas", city=texan.label, place_id=texan.geonameid)
    club = Club.objects.get(name="Club du Texas")
    assert (club.city, club.country, club.latitude) == ("Paris", "US", texan.latitude)


def test_an_unknown_city_is_a_form_error(client):
    response = propose(client, name="Club de l'Atlantide", city="Atlantide")
    assert response.status_code == 400
    assert "“Atlantide” is not a city we know" in response.content.decode()
    assert not Club.objects.filter(name="Club de l'Atlantide").exists()
