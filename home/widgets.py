"""Form widgets shared by every app."""

from django import forms
from django.urls import reverse_lazy
from django.utils.html import format_html


class NativeDateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates only: a date shown in
    the language's format ("01/01/2018") would read as empty and be erased on save."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NativeDateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker, which reads and writes ISO values only."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class ChooserInput(forms.TextInput):
    """A text input that also offers suggestions from ``url`` as one types.

    It works as a plain text field without JavaScript: the server resolves what
    was typed. ``js/combobox.js`` turns it into an ARIA 1.2 combobox whose listbox
    follows the input; picking a suggestion writes its value into the form's
    ``value_field`` (a hidden input), so the server need not guess. The endpoint
    answers ``{"results": [{"value", "label", "detail"}]}``.
    """

    class Media:
        css = {"all": ["css/chooser.css"]}
        js = ["js/combobox.js"]

    def __init__(self, *, url: str, value_field: str = "", attrs=None):
        super().__init__(attrs)
        self.url = url
        self.value_field = value_field

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        listbox = f"{widget_attrs.get('id', name)}-suggestions"
        # Off unless the field says what it holds (a member's own city: address-level2).
        widget_attrs.setdefault("autocomplete", "off")
        widget_attrs.update(
            {
                "role": "combobox",
                "aria-autocomplete": "list",
                "aria-expanded": "false",
                "aria-controls": listbox,
                "data-chooser-url": str(self.url),
                "data-chooser-value": self.value_field,
            }
        )
        context["listbox_id"] = listbox
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        field = self._render(self.template_name, context, renderer)
        return format_html(
            '<span class="chooser">{}<ul id="{}" class="chooser__suggestions" role="listbox" '
            "hidden></ul></span>",
            field,
            context["listbox_id"],
        )


def city_chooser() -> ChooserInput:
    """A city typed or picked from the gazetteer (``home.places``) into ``place_id``."""
    return ChooserInput(url=reverse_lazy("community_api:suggest_places"), value_field="place_id")
