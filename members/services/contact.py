"""The contact relay: a member writes to another by e-mail, neither address shown.

Whether a member may write is ``members.policies.contact_options``; the hourly
limit is counted when a message is sent, atomically, on the cache every worker
shares (``config.ratelimit``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from config import ratelimit
from members import notifications
from members.errors import MemberError
from members.models import ContactMessage, Profile, User
from members.policies import (
    CONTACT_LIMIT,
    CONTACT_WINDOW_SECONDS,
    contact_key,
    contact_options,
    require_profile,
)


def send_contact_message(*, sender: User, recipient: Profile, subject: str, body: str) -> None:
    """Relays a message to ``recipient`` by e-mail; neither address is shown to the other.

    ``members.policies.contact_options`` says whether ``sender`` may; a member may
    send ``CONTACT_LIMIT`` messages an hour, counted here atomically. The message is
    kept: both members find it in their data export, and it goes with either one's
    erasure.
    """
    contact_options(sender=sender, recipient=recipient).raise_if_refused("contact")
    sender_profile = require_profile(sender)
    if ratelimit.spend(contact_key(sender), window_seconds=CONTACT_WINDOW_SECONDS) > CONTACT_LIMIT:
        raise MemberError(
            _("You have sent %(limit)s messages in the last hour; please try again later.")
            % {"limit": CONTACT_LIMIT},
            status=429,
        )
    message = ContactMessage.objects.create(
        sender=sender_profile, recipient=recipient, subject=subject, body=body
    )
    transaction.on_commit(
        lambda: notifications.deliver_contact_message.enqueue(message_id=message.pk)
    )
