"""Refusals: the one shape in which a rule says no, on every page and endpoint.

A service refuses by raising a subclass of ``DomainError`` with a translated
``message`` meant for the person acting, the HTTP ``status`` that describes the
refusal (400 bad input, 403 not allowed, 404 nothing there, 409 not now or not any
more) and, for bad input, ``errors``: a message, or the list of its messages, per
field. The community API turns every ``DomainError`` into the same JSON body
(``config.api``), HTML views through ``config.views.show_refusal``, so that no view
or endpoint maps errors by hand.
"""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    """A rule said no. Each app's error subclasses it; ``status`` defaults per class."""

    status = 400

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        errors: Mapping[str, str | list[str]] | None = None,
    ):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.errors: dict[str, str | list[str]] = dict(errors or {})

    def as_json(self) -> dict:
        """The body of the API's answer: the ``ErrorOut`` schema of ``config.schemas``."""
        return {"message": self.message, "errors": self.errors or None}
