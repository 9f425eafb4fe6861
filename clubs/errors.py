"""The clubs' refusal: one ``DomainError`` subclass, raised by the policy and the services."""

from __future__ import annotations

from config.errors import DomainError


class ClubError(DomainError):
    """A club rule said no; ``message`` is translated and meant for the person acting."""

    status = 400
