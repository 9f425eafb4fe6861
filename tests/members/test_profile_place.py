"""A member says where they live by choosing a city: its country and position follow."""

import re

import pytest

from home import places
from tests.members.factories import ProfileFactory
from tests.members.test_bad_input import profile_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    return profile


def test_the_city_field_suggests_cities(client, member):
    page = client.get("/members/me/edit/").content.decode()
    city = re.search(r'<input[^>]*name="city"[^>]*>', page).group(0)
    assert 'role="combobox"' in city
    assert 'data-chooser-url="/api/community/places/suggestions"' in city
    assert '<input type="hidden" name="place_id" id="id_place_id">' in page
    assert '<script src="/static/js/combobox.js"></script>' in page


def test_a_typed_city_brings_its_country_and_position(client, member):
    response = client.post("/members/me/edit/", profile_form(member, city="montréal"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.city, member.country) == ("Montréal", "CA")
    assert member.latitude == pytest.approx(45.51, abs=0.05)
    assert member.longitude == pytest.approx(-73.59, abs=0.05)


def test_the_country_chosen_narrows_namesakes_and_a_pick_is_kept(client, member):
    client.post("/members/me/edit/", profile_form(member, city="Paris", country="US"))
    member.refresh_from_db()
    assert (member.city, member.country, round(member.latitude)) == ("Paris", "US", 34)

    ghent = places.resolve_place("Gent")
    client.post("/members/me/edit/", profile_form(member, city="Gand", place_id=ghent.geonameid))
    member.refresh_from_db()
    assert (member.country, member.latitude) == ("BE", ghent.latitude)


def test_an_unknown_city_is_refused_and_nothing_is_saved(client, member):
    response = client.post("/members/me/edit/", profile_form(member, city="Atlantide"))
    assert response.status_code == 200
    assert "« Atlantide » n’est pas une ville connue" in response.content.decode()
    member.refresh_from_db()
    assert member.city == "" and member.headline != "Nouvelle phrase"


def test_a_city_saved_before_is_kept_when_other_parts_change(client, member):
    member.city, member.country = "Hameau-sur-Lys", "FR"
    member.save()
    client.post("/members/me/edit/", profile_form(member, city="Hameau-sur-Lys", country="FR"))
    member.refresh_from_db()
    assert (member.city, member.headline) == ("Hameau-sur-Lys", "Nouvelle phrase")


def test_clearing_the_city_clears_the_position(client, member):
    client.post("/members/me/edit/", profile_form(member, city="Lille"))
    client.post("/members/me/edit/", profile_form(member, city=""))
    member.refresh_from_db()
    assert (member.city, member.latitude, member.longitude) == ("", None, None)
