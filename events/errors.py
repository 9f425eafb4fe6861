"""The refusals of the events app: each a ``config.errors.DomainError``.

``RegistrationError`` is what registering, cancelling, checking in and changing the
seats refuse with; ``ProposalError`` what proposing a club's event refuses with.
The community API answers both in one shape (``config.api``), HTML views show them
through ``config.views.show_refusal``.
"""

from config.errors import DomainError


class RegistrationError(DomainError):
    """A registration rule said no; ``message`` is meant for the person registering."""


class ProposalError(DomainError):
    """A club leader's event proposal was refused; ``errors`` names the wrong fields."""
