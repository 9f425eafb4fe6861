"""Schemas every router of the community API shares."""

from ninja import Schema


class ErrorOut(Schema):
    """Every refusal: a translated ``message``, and what was wrong where it helps."""

    message: str
    detail: list | dict | None = None
