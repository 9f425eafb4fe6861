"""Registering to events: seats, the waiting list, cancellations, capacity, check-in.

Every function here is the one writer of its records: the pages, the API, the
organisers' screens and the commands call them. Who may register or cancel, and
when, is decided by ``events.policies.options_for``, which the pages and the API
read too. Each write runs in a transaction that first locks the event's row
(``config.locking.lock_one``: ``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the
settings open every transaction with ``BEGIN IMMEDIATE``, which serialises
writers), computes the options under the lock, refuses or counts the seats, and
writes. Two people asking for the
last seat at the same moment are served one after the other: one gets the seat,
the other the waiting list. The database also refuses a second active
registration of the same member, or of the same guest e-mail address, to one event.

Guests (visitors without an account) register to public events and confirm their
e-mail address through a signed link. An unconfirmed guest holds no seat: the
seat (or a place on the waiting list) is given when they confirm, so that an
address typed by mistake never keeps a member out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.locking import lock_one, race_window
from events import notifications
from events.errors import RegistrationError
from events.guest_links import registration_for_token
from events.models import EventPage, Registration, RegistrationQuestion, RegistrationStatus
from events.models.pages import MAX_CAPACITY
from events.policies import options_for
from home.mail import recipient_language
from members.models import Profile, User

MAX_ANSWER_LENGTH = 2000

__all__ = ["RegistrationError", "register", "cancel", "cancel_mine", "confirm_guest"]


@dataclass
class Outcome:
    """What a write did: the registration concerned and who left the waiting list."""

    registration: Registration | None
    promoted: list[Registration]


def _lock_event(event_id: int) -> EventPage:
    # Only what the rules read: the lock is held while they run.
    events = EventPage.objects.only(
        "live",
        "registration_enabled",
        "cancelled",
        "start",
        "end",
        "capacity",
        "waitlist_enabled",
        "registration_opens_at",
        "registration_closes_at",
        "audience",
        "organiser_club_id",
        "attendance_mode",
        "join_url",
        "latest_revision_id",
    )
    event = lock_one(events.filter(pk=event_id))
    if event is None:
        raise RegistrationError(_("There is no such event."), status=404)
    return event


def clean_answers(*, questions: list[RegistrationQuestion], answers: dict | None) -> dict[str, str]:
    """The answers keyed by question id, or an error naming each missing one."""
    answers = {str(key): value for key, value in (answers or {}).items()}
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for question in questions:
        key = str(question.pk)
        value = answers.get(key)
        value = "" if value is None else str(value).strip()
        if len(value) > MAX_ANSWER_LENGTH:
            errors[key] = _("Keep the answer under %(count)s characters.") % {
                "count": MAX_ANSWER_LENGTH
            }
        elif question.required and not value:
            errors[key] = _("This question needs an answer.")
        elif value:
            cleaned[key] = value
    if errors:
        raise RegistrationError(_("Answer the required questions to register."), errors=errors)
    return cleaned


def _clean_guest(name: str, email: str) -> tuple[str, str]:
    name, email = (name or "").strip(), (email or "").strip().lower()
    errors = {}
    if not name:
        errors["name"] = _("Give your name.")
    elif len(name) > 200:
        errors["name"] = _("Keep your name under 200 characters.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Give a valid e-mail address.")
    if errors:
        raise RegistrationError(_("Give your name and e-mail address to register."), errors=errors)
    return name, email


def _seat_or_queue(event: EventPage) -> str:
    """Confirmed while seats remain, otherwise the waiting list when it is open."""
    if event.capacity is None:
        return RegistrationStatus.CONFIRMED
    taken = Registration.objects.filter(event=event).confirmed().count()
    if taken < event.capacity:
        return RegistrationStatus.CONFIRMED
    if event.waitlist_enabled:
        return RegistrationStatus.WAITLISTED
    raise RegistrationError(_("This event is full."), status=409)


# The writes ----------------------------------------------------------------


def register(
    *,
    event: EventPage,
    profile: Profile | None = None,
    name: str = "",
    email: str = "",
    answers: dict | None = None,
    now: datetime | None = None,
    notify: bool = True,
) -> Registration:
    """Registers a member (``profile``) or a guest (``name`` and ``email``) to ``event``.

    The options (``events.policies.options_for``) are computed under the event's
    lock and refuse first. A member then gets a seat while seats remain, otherwise
    a place on the waiting list when it is open. A guest's registration waits for
    the confirmation of their e-mail address (see ``confirm_guest``); registering
    again before confirming sends the link again. ``notify=False`` sends no e-mail
    (registrations loaded from elsewhere, such as the demo content).
    """
    now = now or timezone.now()
    # The questions are the page's content, not the seats: read before the lock,
    # which is held only for what the rule reads and the write.
    questions = list(event.questions.all())
    with transaction.atomic():
        event = _lock_event(event.pk)
        options = options_for(event=event, actor=profile, now=now)
        options.raise_if_refused()
        cleaned = clean_answers(questions=questions, answers=answers)
        if profile is not None and profile.user is not None:
            # The options refused a profile that has no account yet.
            name, email = profile.full_name, profile.user.email
        else:
            name, email = _clean_guest(name, email)
            pending = (
                Registration.objects.active().filter(event=event, profile=None, email=email).first()
            )
            if pending is not None and pending.status == RegistrationStatus.PENDING:
                notifications.notify(pending, "guest_confirmation")
                return pending
        if profile is None:
            status = RegistrationStatus.PENDING
        elif options.will_waitlist:
            status = RegistrationStatus.WAITLISTED
        else:
            status = RegistrationStatus.CONFIRMED
        race_window()
        # A second active registration of the same person is refused by the database
        # (a unique constraint): the lock holder learns it from the insert itself. No
        # savepoint: the refusal rolls the whole transaction back.
        try:
            registration = Registration.objects.create(
                event=event,
                profile=profile,
                name=name,
                email=email,
                status=status,
                answers=cleaned,
                language=recipient_language(translation.get_language()),
                created_at=now,
                queued_at=now,
                confirmed_at=now if status == RegistrationStatus.CONFIRMED else None,
            )
        except IntegrityError as error:
            raise RegistrationError(
                _("You are already registered to this event."), status=409
            ) from error
        if notify:
            notifications.notify(registration, _KIND_BY_STATUS[status])
        return registration


_KIND_BY_STATUS = {
    RegistrationStatus.PENDING: "guest_confirmation",
    RegistrationStatus.CONFIRMED: "confirmed",
    RegistrationStatus.WAITLISTED: "waitlisted",
}


def confirm_guest(*, token: str, now: datetime | None = None) -> Registration:
    """A guest confirms their address: they get a seat, a place in line, or a refusal.

    Confirming twice changes nothing.
    """
    now = now or timezone.now()
    registration = registration_for_token(token, purpose="confirm")
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != RegistrationStatus.PENDING:
            if registration.status == RegistrationStatus.CANCELLED:
                raise RegistrationError(_("This registration was cancelled."), status=409)
            return registration
        if event.cancelled:
            raise RegistrationError(_("This event has been cancelled."), status=409)
        if event.start <= now:
            raise RegistrationError(_("This event has already started or is over."), status=409)
        registration.status = _seat_or_queue(event)
        registration.queued_at = now
        if registration.status == RegistrationStatus.CONFIRMED:
            registration.confirmed_at = now
        race_window()
        registration.save(update_fields=["status", "queued_at", "confirmed_at"])
        notifications.notify(registration, _KIND_BY_STATUS[RegistrationStatus(registration.status)])
        return registration


def _promote(event: EventPage, now: datetime) -> list[Registration]:
    """Gives the free seats to the waiting list, first come first served; tells each."""
    waiting = Registration.objects.filter(event=event).waitlisted()
    if event.capacity is not None:
        free = event.capacity - Registration.objects.filter(event=event).confirmed().count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        notifications.notify(registration, "promoted")
    return promoted


def cancel(*, registration: Registration, now: datetime | None = None) -> Outcome:
    """Cancels a registration; a freed seat goes to the first person waiting."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        options = options_for(
            event=event, actor=registration.profile, now=now, registration=registration
        )
        options.raise_if_cancel_refused()
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = [] if event.cancelled else _promote(event, now)
        return Outcome(registration, promoted)


def cancel_mine(*, event: EventPage, profile: Profile, now: datetime | None = None) -> Outcome:
    """Cancels the member's own registration to ``event`` (refused when there is none)."""
    options = options_for(event=event, actor=profile, now=now)
    options.raise_if_cancel_refused()
    mine = options.mine
    if mine is None:
        raise RegistrationError(_("You are not registered to this event."), status=404)
    return cancel(registration=mine, now=now)


def change_capacity(
    *,
    event: EventPage,
    capacity: int | None,
    now: datetime | None = None,
    user: User | None = None,
) -> Outcome:
    """Sets the number of seats (``None``: unlimited); new seats go to the waiting list.

    Refuses fewer seats than people already holding one: nobody loses a seat.

    The seats are a field of the page, so the change is a real revision published
    through Wagtail (its history says who changed the seats, and the next
    publication starts from it). An editor's draft is kept safe: the published
    revision is the live content with the new number, and the draft is saved again
    on top of it with the new number too, so it stays the latest revision and
    publishing it later keeps the seats. A draft under review is not published
    over (publishing would cancel its review): the organisers are asked to wait.
    An event not published yet gets a new draft revision.
    """
    now = now or timezone.now()
    if capacity is not None and capacity < 0:
        raise RegistrationError(_("The number of seats cannot be negative."))
    if capacity is not None and capacity > MAX_CAPACITY:
        raise RegistrationError(
            _("An event has at most %(limit)s seats.") % {"limit": MAX_CAPACITY},
            errors={"capacity": _("At most %(limit)s.") % {"limit": MAX_CAPACITY}},
        )
    with transaction.atomic():
        event = _lock_event(event.pk)
        taken = Registration.objects.filter(event=event).confirmed().count()
        if capacity is not None and capacity < taken:
            raise RegistrationError(
                _("%(count)s people already hold a seat: the event cannot have fewer seats.")
                % {"count": taken},
                status=409,
            )
        page = EventPage.objects.get(pk=event.pk)
        if page.live and page.has_unpublished_changes and page.workflow_in_progress:
            raise RegistrationError(
                _("Changes to this event are under review: change the seats once they are."),
                status=409,
            )
        draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
        event.capacity = capacity
        promoted = _promote(event, now)
        if page.live:
            page.capacity = capacity
            # The organisers' right to change the seats was checked by the caller
            # (``queries.can_manage_event``); club leaders have no Wagtail publish right.
            page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        if draft is not None:
            draft.capacity = capacity
            draft.save_revision(user=user, clean=False)
        return Outcome(None, promoted)


def fill_free_seats(*, event: EventPage, now: datetime | None = None) -> list[Registration]:
    """After an editor publishes more seats: the waiting list moves up."""
    with transaction.atomic():
        event = _lock_event(event.pk)
        return _promote(event, now or timezone.now())


def check_in(
    *, registration: Registration, present: bool = True, now: datetime | None = None
) -> Registration:
    """Marks a confirmed registrant as present (or not, to undo a mistake)."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != RegistrationStatus.CONFIRMED:
            raise RegistrationError(
                _("Only a registrant with a confirmed seat can be checked in."), status=409
            )
        registration.checked_in_at = now if present else None
        registration.save(update_fields=["checked_in_at"])
        return registration
