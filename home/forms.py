"""Form pieces shared by every app."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from config.text import text_errors
from home import places


class SiteFormRenderer(DjangoTemplates):
    """Fields as the site shows them: a required field says so in its label, before
    anything is sent (WCAG 3.3.2), with its help text and errors tied to the input."""

    field_template_name = "forms/field.html"


def chosen_place(form: forms.BaseForm, data: dict, *, country: str = "") -> places.Place | None:
    """The city ``form``'s ``city`` field names (or the suggestion picked into ``place_id``).

    An unknown place becomes the field's error, and ``None`` is returned.
    """
    try:
        return places.resolve_place(data["city"], place_id=data.get("place_id"), country=country)
    except places.UnknownPlace as error:
        form.add_error("city", error.message)
        return None


class AccessibilityReportForm(forms.Form):
    """A visitor tells the staff what they could not read or do on the site."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We answer you here."),
    )
    page_url = forms.URLField(
        label=_("Address of the page concerned"),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    message = forms.CharField(
        label=_("What went wrong"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What you tried to do, what happened, and the browser or assistive "
            "technology you use, if you wish."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        for name, multiline in (("name", False), ("message", True)):
            if value := cleaned.get(name):
                for error in text_errors(value, max_length=None, multiline=multiline):
                    self.add_error(name, error)
        return cleaned
