"""Schemas every router of the community API shares."""

from ninja import Schema


class ErrorOut(Schema):
    """Every refusal: a translated ``message``, and what was wrong where it helps."""

    message: str
    detail: list | dict | None = None


class SuggestionOut(Schema):
    """One value a chooser offers: ``value`` goes back to the form, ``label`` is shown."""

    value: str
    label: str
    detail: str = ""


class SuggestionsOut(Schema):
    results: list[SuggestionOut]
