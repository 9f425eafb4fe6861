from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from events.models import EventPage


@hooks.register("register_page_listing_more_buttons")
def registrations_buttons(page, user, next_url=None):
    """From an event in the page explorer to its registrations and its check-in page."""
    if page.specific_class is not EventPage or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Registrations"),
        reverse("events:registrations", args=[page.pk]),
        icon_name="group",
        priority=60,
    )
    yield Button(
        _("Check-in"), reverse("events:check_in", args=[page.pk]), icon_name="tick", priority=61
    )
