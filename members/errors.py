"""The members' refusals: each one a ``config.errors.DomainError``.

``MemberError`` is a rule of ``members`` saying no; the API answers it through
``config.api`` and HTML views show it with ``config.views.show_refusal``.
``ProfileRequired`` is the one answer to "signed in, but no profile yet", wherever
an action needs a profile (in every app: ``members.services.require_profile``);
``SignInRequired``, its variant for someone not signed in at all, answers 401.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from config.errors import DomainError


class MemberError(DomainError):
    """A rule of the members said no; ``message`` is translated and meant for the member."""

    status = 400


class ProfileRequired(MemberError):
    """The action needs a profile and the person acting has none yet."""

    status = 403

    def __init__(self, message: str | None = None, **kwargs):
        super().__init__(message or _("Create your profile first."), **kwargs)


class SignInRequired(ProfileRequired):
    """The action needs a profile and the person acting is not even signed in."""

    status = 401

    def __init__(self, message: str | None = None, **kwargs):
        super().__init__(message or _("Sign in to use this endpoint."), **kwargs)
