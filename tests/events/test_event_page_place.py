"""Editors place an event on the map by choosing its city in the admin."""

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventPage
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home


def event_form(**overrides):
    data = {
        "title": "Rencontre à Montréal",
        "slug": "rencontre-montreal",
        "summary": "Les diplômés du Québec se retrouvent.",
        "start": "2027-03-10 18:00",
        "end": "2027-03-10 21:00",
        "attendance_mode": "in_person",
        "venue": "Café du Plateau",
        "address": "",
        "city": "",
        "latitude": "",
        "longitude": "",
        "join_url": "",
        "organiser_service": "Service des diplômés",
        "organiser_club": "",
        "body": streamfield([]),
        "audience": "members",
        "capacity": "",
        "waitlist_enabled": "on",
        "questions": inline_formset([]),
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "tags": "",
    }
    data.update(overrides)
    return nested_form_data(data)


class EventPlaceTests(WagtailPageTestCase):
    def setUp(self):
        self.index = EventIndexPageFactory(parent=make_site_home())
        self.login()

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=("events", "eventpage", self.index.pk))

    def add(self, **overrides):
        return self.client.post(self.add_url(), event_form(**overrides))

    def test_the_editor_form_offers_a_city_chooser(self):
        page = self.client.get(self.add_url()).content.decode()
        assert 'data-chooser-url="/api/community/places/suggestions"' in page
        assert "/static/js/combobox.js" in page

    def test_a_city_chosen_fills_in_the_position(self):
        response = self.add(city="Montréal, Canada")
        assert response.status_code == 302, response.context["form"].errors
        event = EventPage.objects.get()
        assert (round(event.latitude, 1), round(event.longitude, 1)) == (45.5, -73.6)

    def test_coordinates_typed_by_the_editor_are_kept(self):
        self.add(city="Montréal", latitude="45.5048", longitude="-73.5772")
        event = EventPage.objects.get()
        assert (event.latitude, event.longitude) == (45.5048, -73.5772)

    def test_an_unknown_city_is_a_form_error(self):
        response = self.add(city="Atlantide")
        assert response.status_code == 200
        assert "n’est pas une ville connue" in response.content.decode()
        assert not EventPage.objects.exists()
