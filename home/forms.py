"""Form pieces shared by every app."""

from __future__ import annotations

from django import forms

from home import places


def chosen_place(form: forms.BaseForm, data: dict, *, country: str = "") -> places.Place | None:
    """The city ``form``'s ``city`` field names (or the suggestion picked into ``place_id``).

    An unknown place becomes the field's error, and ``None`` is returned.
    """
    try:
        return places.resolve_place(data["city"], place_id=data.get("place_id"), country=country)
    except places.UnknownPlace as error:
        form.add_error("city", error.message)
        return None
