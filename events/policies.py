"""What a person may do with an event's registration, answered before anyone acts.

``options_for(event=…, actor=…, now=…)`` is the one place where the registration
rules are read:

- whether the event takes registrations at this moment: published, registration
  enabled, not cancelled, not started, past its opening date, before its closing
  date;
- whether the event is meant for this person: everyone, members of the community
  (a signed-in member with a profile), or the members of the organising club
  (its leaders and moderators are members too);
- whether a seat is left, else whether the waiting list takes them;
- whether they may cancel: an active registration, before the event starts (any
  time once the event is cancelled), unless they were checked in;
- whether they see the link to join online: a confirmed registrant of an online
  or hybrid event, and nobody else.

The services of ``events.registration`` compute the options under the event's
lock and start with ``raise_if_refused()`` / ``raise_if_cancel_refused()``; the
event page, the community API, the e-mails and the calendars only read them, so
that what a page offers is exactly what the service accepts.

The refusals are checked in a fixed order and the first one is given: a signed-in
user without a profile is asked to create it (``members.services.require_profile``),
then the event's state (the same for everyone), then the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from config.dates import format_date
from events.errors import RegistrationError
from events.models import (
    ACTIVE_STATUSES,
    Audience,
    EventPage,
    Registration,
    RegistrationStatus,
)
from members.models import Profile, User
from members.services import MemberError, require_profile

Actor = Profile | User | AnonymousUser | None
"""Who asks: a member's profile, a signed-in user, a visitor (``None`` or anonymous)."""


@dataclass(frozen=True)
class RegistrationOptions:
    """What ``actor`` may do with ``event``'s registration at one moment."""

    can_register: bool
    refusal: str | None
    """Why ``can_register`` is false, translated; ``None`` when they may register."""
    refusal_status: int | None
    will_waitlist: bool
    """Registering now puts them on the waiting list (the event is full)."""
    can_cancel: bool
    cancel_refusal: str | None
    cancel_refusal_status: int | None
    join_url: str
    """The link to join online, for a confirmed registrant of an online event; else ``""``."""
    mine: Registration | None
    """The actor's active registration (or the registration the options are for)."""
    profile: Profile | None
    """The member registering; ``None`` for a visitor (a guest)."""
    needs_guest_details: bool
    """A visitor registers with a name and an e-mail address they confirm."""
    needs_sign_in: bool
    """A visitor would be let in by signing in (an event for members)."""
    needs_profile: bool
    """Signed in, without a profile yet: creating it comes first."""

    def raise_if_refused(self) -> None:
        if not self.can_register:
            raise RegistrationError(self.refusal or "", status=self.refusal_status)

    def raise_if_cancel_refused(self) -> None:
        if not self.can_cancel:
            raise RegistrationError(self.cancel_refusal or "", status=self.cancel_refusal_status)


def options_for(
    *,
    event: EventPage,
    actor: Actor,
    now: datetime | None = None,
    registration: Registration | None = None,
) -> RegistrationOptions:
    """The options of ``actor`` for ``event`` at ``now``.

    ``registration`` is the registration the question is about when the caller
    already holds it (a guest's, through their link; one line of a member's
    calendar); otherwise the actor's active registration is looked up.
    """
    now = now or timezone.now()
    profile, profile_refusal = _profile_of(actor)
    guest = profile is None and profile_refusal is None
    mine, taken = registration, None
    if mine is None and profile is not None:
        mine, taken = _mine_and_seats_taken(event, profile)

    refusal = (profile_refusal.message, 403) if profile_refusal is not None else None
    if refusal is None:
        refusal = _event_refusal(event, now)
    if refusal is None and mine is not None and mine.is_active:
        refusal = (_("You are already registered to this event."), 409)
    if refusal is None and profile is not None and profile.user_id is None:
        refusal = (_("Activate your account to register."), 403)
    if refusal is None:
        refusal = _audience_refusal(event, profile)
    will_waitlist = False
    seats_left = event.seats_left if taken is None else event.seats_left_when(taken)
    if refusal is None and seats_left == 0:
        if event.waitlist_enabled:
            will_waitlist = True
        else:
            refusal = (_("This event is full."), 409)

    cancel_refusal = _cancel_refusal(event, mine, now)
    return RegistrationOptions(
        can_register=refusal is None,
        refusal=refusal[0] if refusal else None,
        refusal_status=refusal[1] if refusal else None,
        will_waitlist=will_waitlist,
        can_cancel=cancel_refusal is None,
        cancel_refusal=cancel_refusal[0] if cancel_refusal else None,
        cancel_refusal_status=cancel_refusal[1] if cancel_refusal else None,
        join_url=join_url_for(event=event, registration=mine),
        mine=mine,
        profile=profile,
        needs_guest_details=guest,
        needs_sign_in=guest and event.audience != Audience.PUBLIC,
        needs_profile=profile_refusal is not None,
    )


def _mine_and_seats_taken(
    event: EventPage, profile: Profile
) -> tuple[Registration | None, int | None]:
    """The member's active registration and, for an event with seats, the seats taken.

    One query reads both (the registration itself is read only when there is one):
    the services run this under the event's lock, where every query lengthens the
    wait of everyone queueing for the last seats.
    """
    registrations = Registration.objects.filter(event=event)
    if event.capacity is None:
        return registrations.active().filter(profile=profile).first(), None
    found = registrations.aggregate(
        taken=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        mine=Max("pk", filter=Q(profile=profile, status__in=ACTIVE_STATUSES)),
    )
    mine = registrations.get(pk=found["mine"]) if found["mine"] is not None else None
    return mine, found["taken"]


def join_url_for(*, event: EventPage, registration: Registration | None) -> str:
    """The link to join online, for ``registration`` when it holds a confirmed seat."""
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    return event.join_url if confirmed and event.is_online else ""


def _profile_of(actor: Actor) -> tuple[Profile | None, MemberError | None]:
    """The actor's profile, or why a signed-in user without one cannot act yet."""
    if actor is None or isinstance(actor, Profile):
        return actor, None
    if not actor.is_authenticated:
        return None, None
    try:
        return require_profile(actor), None
    except MemberError as error:
        return None, error


def _local(moment: datetime) -> str:
    return format_date(timezone.localtime(moment), "DATETIME_FORMAT")


def _event_refusal(event: EventPage, now: datetime) -> tuple[str, int] | None:
    """Why the event takes no registration at ``now``, the same for everyone."""
    if not event.live:
        return _("There is no such event."), 404
    if not event.registration_enabled:
        return _("This event is open to all without registration."), 400
    if event.cancelled:
        return _("This event has been cancelled."), 409
    if event.start <= now:
        return _("This event has already started or is over."), 409
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens on %(date)s.") % {
            "date": _local(event.registration_opens_at)
        }, 409
    if event.registration_closes_at and now >= event.registration_closes_at:
        return _("Registration for this event is closed."), 409
    return None


def _audience_refusal(event: EventPage, profile: Profile | None) -> tuple[str, int] | None:
    """Why the event is not meant for ``profile`` (``None``: a visitor)."""
    if event.audience == Audience.PUBLIC:
        return None
    if profile is None:
        return _("This event is for members of the community: sign in to register."), 403
    if event.audience == Audience.CLUB_MEMBERS:
        club = event.organiser_club
        if club is None or not club.has_member(profile):
            return _("This event is for the members of %(club)s.") % {
                "club": club.name if club else _("the organising club")
            }, 403
    return None


def _cancel_refusal(
    event: EventPage, mine: Registration | None, now: datetime
) -> tuple[str, int] | None:
    if mine is None:
        return _("You are not registered to this event."), 404
    if not mine.is_active:
        return _("This registration is already cancelled."), 409
    if event.start <= now and not event.cancelled:
        return _("The event has started: it is too late to cancel."), 409
    if mine.checked_in_at is not None:
        return _("This person was checked in: undo the check-in before cancelling."), 409
    return None
