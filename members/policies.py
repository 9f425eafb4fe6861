"""What one person may do with a member: write to them, ask to connect.

The answer is computed once per (sender, recipient, now) by ``contact_options`` and
read by everything that offers or performs the action: the profile page shows
"Send a message" and "Connect" from it, the contact page opens its form from it,
the API publishes it on a member's detail (``options``), and the services
(``members.services.send_contact_message`` and ``request_connection``) start with
``options.raise_if_refused(…)``, so that nothing offers what the service refuses.

The rules, in the order they are asked:

- a visitor is asked to sign in (401), a member without a profile to create it
  (403, ``members.errors.ProfileRequired``);
- a member the sender may not find (``members.privacy.can_view_profile``) or whose
  record is not claimed (an archive record, a deactivated account) cannot be written
  to or asked: 404, as if they did not exist;
- nobody writes to or connects with themselves;
- writing: a member sends at most ``CONTACT_LIMIT`` messages an hour (429). The
  count is read here from the cache; the service counts the message atomically
  (``members.services.contact._count_contact_message``), because two workers may both read
  "one left";
- connecting: connected members, and a request waiting for an answer either way,
  have nothing to ask; a member whose request was declined may not ask again, while
  the member who declined may ask in turn.

Staff are members here: they may write to and ask the members they may find, with
a profile of their own, like anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from config import ratelimit
from members import privacy
from members.errors import MemberError, ProfileRequired, SignInRequired
from members.models import Connection, ConnectionStatus, Profile, User

CONTACT_LIMIT = 5
CONTACT_WINDOW_SECONDS = 3600

Action = Literal["contact", "connect"]
ConnectionState = Literal["none", "connected", "sent", "received", "declined", "self"]


def profile_of(user: User | AnonymousUser) -> Profile | None:
    """The profile of ``user``, or ``None`` (not signed in, or no profile yet)."""
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def require_profile(user: User | AnonymousUser) -> Profile:
    """The profile of ``user``, for an action that needs one.

    Raises ``ProfileRequired`` (403, "Create your profile first.") for a member
    without a profile yet, and its variant ``SignInRequired`` (401) for a visitor.
    Every app asks here (as ``members.services.require_profile``); HTML views use
    ``members.guards.profile_required``.
    """
    if not user.is_authenticated:
        raise SignInRequired
    profile = profile_of(user)
    if profile is None:
        raise ProfileRequired
    return profile


def contact_key(user: User) -> str:
    """The cache key counting ``user``'s messages of the hour."""
    return f"members:contact:{user.pk}"


def contact_messages_left(user: User | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    return max(0, CONTACT_LIMIT - ratelimit.spent(contact_key(user)))


@dataclass(frozen=True)
class ContactOptions:
    """What ``sender`` may do with ``recipient`` now; a refusal says why not."""

    can_contact: bool
    contact_refusal: MemberError | None
    can_connect: bool
    connect_refusal: MemberError | None
    connection_state: ConnectionState
    connection: Connection | None
    messages_left: int

    def raise_if_refused(self, action: Action) -> None:
        refusal = self.contact_refusal if action == "contact" else self.connect_refusal
        if refusal is not None:
            raise refusal

    def as_dict(self) -> dict:
        """What the API publishes: the answers and the refusals' messages."""
        return {
            "can_contact": self.can_contact,
            "contact_refusal": self.contact_refusal.message if self.contact_refusal else None,
            "can_connect": self.can_connect,
            "connect_refusal": self.connect_refusal.message if self.connect_refusal else None,
            "connection_state": self.connection_state,
            "messages_left": self.messages_left,
        }


def _refusals_to_anyone(
    sender: User | AnonymousUser, recipient: Profile
) -> tuple[Profile | None, MemberError | None, MemberError | None]:
    """The sender's profile, and the refusals to write and to connect they share.

    Without a profile (``None``), both refusals are given.
    """
    refusal: MemberError
    if not sender.is_authenticated:
        refusal = SignInRequired(_("Sign in to write to or connect with a member."))
        return None, refusal, refusal
    me = profile_of(sender)
    if me is None:
        refusal = ProfileRequired()
        return None, refusal, refusal
    if not recipient.is_claimed or not privacy.can_view_profile(sender, recipient):
        return (
            me,
            MemberError(_("This member cannot be contacted."), status=404),
            MemberError(_("This member cannot receive connection requests."), status=404),
        )
    if me.pk == recipient.pk:
        return (
            me,
            MemberError(_("You cannot write to yourself.")),
            MemberError(_("You cannot connect with yourself.")),
        )
    return me, None, None


def _connection_refusal(me: Profile, connection: Connection | None) -> MemberError | None:
    if connection is None:
        return None
    if connection.status == ConnectionStatus.ACCEPTED:
        return MemberError(_("You are already connected."), status=409)
    if connection.status == ConnectionStatus.PENDING:
        return MemberError(
            _("A request between you two is already waiting for an answer."), status=409
        )
    if connection.requester_id == me.pk:
        return MemberError(_("This member declined your request."), status=409)
    return None


def _state(me: Profile, connection: Connection | None) -> ConnectionState:
    if connection is None:
        return "none"
    if connection.status == ConnectionStatus.ACCEPTED:
        return "connected"
    if connection.status == ConnectionStatus.PENDING:
        return "sent" if connection.requester_id == me.pk else "received"
    return "declined"


def contact_options(
    *,
    sender: User | AnonymousUser,
    recipient: Profile,
    now: datetime | None = None,
) -> ContactOptions:
    """What ``sender`` may do with ``recipient`` at ``now``: write, ask to connect.

    ``now`` is accepted so that every policy reads alike; nothing here depends on
    the time but the hourly limit, which the cache counts with its own clock.
    """
    del now
    me, contact_refusal, connect_refusal = _refusals_to_anyone(sender, recipient)
    connection = None
    if me is not None and me.pk == recipient.pk:
        state: ConnectionState = "self"
    elif me is not None and connect_refusal is None:
        connection = Connection.objects.between(me, recipient).first()
        state = _state(me, connection)
        connect_refusal = _connection_refusal(me, connection)
    else:
        state = "none"
    left = contact_messages_left(sender)
    if contact_refusal is None and left == 0:
        contact_refusal = MemberError(
            _("You have sent %(limit)s messages in the last hour; please try again later.")
            % {"limit": CONTACT_LIMIT},
            status=429,
        )
    return ContactOptions(
        can_contact=contact_refusal is None,
        contact_refusal=contact_refusal,
        can_connect=connect_refusal is None,
        connect_refusal=connect_refusal,
        connection_state=state,
        connection=connection,
        messages_left=left if me is not None else 0,
    )
