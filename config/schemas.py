"""Schemas every router of the community API shares."""

from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    """Every refusal: a translated ``message``, and for bad input what was wrong where."""

    message: str
    errors: dict[str, Any] | None = Field(
        None, description="For bad input: a message (or the validator's details) per field"
    )


class SuggestionOut(Schema):
    """One value a chooser offers: ``value`` goes back to the form, ``label`` is shown."""

    value: str
    label: str
    detail: str = ""


class SuggestionsOut(Schema):
    results: list[SuggestionOut]
