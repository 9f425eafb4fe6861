"""A club's event proposal chooses its city: the event gets its position on the map."""

import re

import pytest

from events.models import EventPage
from tests.clubs.factories import ClubFactory
from tests.events.factories import in_days, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(client, events_index):
    club = ClubFactory(slug="biotech")
    client.force_login(join(club, role="leader").user)
    return club


def proposal(**data):
    return {
        "title": "Afterwork à Montréal",
        "summary": "Rencontrer les diplômés du club.",
        "start": in_days(20).strftime("%Y-%m-%dT%H:%M"),
        "end": in_days(20, hour=21).strftime("%Y-%m-%dT%H:%M"),
        "attendance_mode": "in_person",
        "venue": "Café du Plateau",
        "audience": "club_members",
        **data,
    }


def test_the_form_offers_a_city_chooser(client, leader):
    page = client.get("/events/propose/biotech/").content.decode()
    city = re.search(r'<input[^>]*name="city"[^>]*>', page).group(0)
    assert 'data-chooser-url="/api/community/places/suggestions"' in city
    assert '<input type="hidden" name="place_id" id="id_place_id">' in page
    assert "Place id" not in page


def test_a_city_puts_the_event_on_the_map(client, leader):
    response = client.post("/events/propose/biotech/", proposal(city="montreal"))
    assert response.status_code == 302
    event = EventPage.objects.get(title="Afterwork à Montréal")
    assert event.latitude == pytest.approx(45.51, abs=0.05)
    assert event.longitude == pytest.approx(-73.59, abs=0.05)
    assert event.address == "Montréal, Canada"


def test_an_unknown_city_is_a_form_error(client, leader):
    response = client.post("/events/propose/biotech/", proposal(city="Atlantide"))
    assert "« Atlantide » n’est pas une ville connue" in response.content.decode()
    assert not EventPage.objects.filter(title="Afterwork à Montréal").exists()
