"""The signed links a guest (a visitor without an account) confirms and cancels with.

A guest's registration holds no account to sign in to: the e-mails carry a signed
token naming the registration and its address. The confirmation link expires after
``GUEST_LINK_MAX_AGE``; the cancellation link lasts as long as the registration.
Both the e-mails (which write the links) and the registration services (which read
them) import this module.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from django.core import signing
from django.utils.translation import gettext as _

from events.errors import RegistrationError
from events.models import Registration

GUEST_LINK_MAX_AGE = timedelta(days=7)
GUEST_CONFIRM_SALT = "events.guest.confirm"
GUEST_CANCEL_SALT = "events.guest.cancel"

Purpose = Literal["confirm", "cancel"]


def guest_token(registration: Registration, *, purpose: Purpose) -> str:
    """The signed secret of a guest's confirmation (``confirm``) or cancellation link."""
    salt = GUEST_CONFIRM_SALT if purpose == "confirm" else GUEST_CANCEL_SALT
    return signing.dumps({"registration": registration.pk, "email": registration.email}, salt=salt)


def registration_for_token(token: str, *, purpose: Purpose) -> Registration:
    """The guest's registration a link names; refuses an expired or forged link."""
    salt = GUEST_CONFIRM_SALT if purpose == "confirm" else GUEST_CANCEL_SALT
    max_age = GUEST_LINK_MAX_AGE if purpose == "confirm" else None
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise RegistrationError(
            _("This link has expired: register again to get a new one."), status=410
        ) from error
    except signing.BadSignature as error:
        raise RegistrationError(_("This link is not valid."), status=404) from error
    registration = (
        Registration.objects.select_related("event")
        .filter(pk=data.get("registration"), email=data.get("email"), profile=None)
        .first()
    )
    if registration is None:
        raise RegistrationError(_("This link is not valid."), status=404)
    return registration
