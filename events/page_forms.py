"""The editors' form for an event page: a city chosen fills in its position."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.forms import chosen_place
from home.widgets import city_chooser


class EventPageForm(WagtailAdminPageForm):
    city = forms.CharField(
        label=_("City"),
        max_length=200,
        required=False,
        help_text=_(
            "Choose the city to place the event on the map; a latitude and a longitude "
            "typed below are kept instead."
        ),
        widget=city_chooser(),
    )

    def clean(self):
        data = super().clean()
        place = chosen_place(self, data) if data.get("city") else None
        if place is None:
            return data
        if data.get("latitude") is None and data.get("longitude") is None:
            data["latitude"], data["longitude"] = place.latitude, place.longitude
        return data
