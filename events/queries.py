"""What the site reads of events: listings, a member's registrations, organisers' lists.

Reads only: the writes (registering, cancelling, checking in, the seats) are in
``events.registration``, what a person may do in ``events.policies``. The listings'
filters are ``events.models.EventFilters``.
"""

from __future__ import annotations

import io

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from clubs.models import Club
from config import spreadsheets
from events.models import (
    EventFilters,
    EventPage,
    Registration,
    RegistrationStatus,
    filter_events,
    shown_events,
)
from members.models import Profile, User
from members.services import profile_of

__all__ = ["EventFilters", "filter_events"]


def published_events():
    """Every event a visitor may find (members-only events are listed too; registering is not)."""
    return (
        EventPage.objects.live()
        .public()
        .select_related("organiser_club")
        .prefetch_related("tags")
        .with_seats_taken()
    )


def upcoming_events(*, limit: int | None = None) -> list[EventPage]:
    events = published_events().upcoming().filter(cancelled=False)
    return shown_events(events[:limit] if limit else events)


def upcoming_events_for_club(
    club: Club, viewer: User | AnonymousUser | None = None, *, limit: int = 5
) -> list[EventPage]:
    """The club's next events, for its page; ``viewer`` (a user) sees what they may see.

    A page of a members-only club is for signed-in users only, so are its events.
    """
    if not Club.objects.visible_to(viewer).filter(pk=club.pk).exists():
        return []
    return shown_events(published_events().upcoming().filter(organiser_club=club)[:limit])


# A person and an event -------------------------------------------------------


def registration_of(event: EventPage, profile: Profile | None) -> Registration | None:
    """The member's active registration to ``event``, if any."""
    if profile is None:
        return None
    return Registration.objects.active().filter(event=event, profile=profile).first()


def my_registrations(profile: Profile, *, upcoming_only: bool = True) -> list[Registration]:
    registrations = (
        Registration.objects.active()
        .filter(profile=profile, event__live=True)
        .select_related("event")
        .order_by("event__start", "pk")
    )
    if upcoming_only:
        registrations = registrations.filter(event__end__gte=timezone.now())
    return list(registrations)


def can_manage_event(user: User | AnonymousUser, event: EventPage) -> bool:
    """Editors who may change the page, and the leaders of the organising club."""
    if not user.is_authenticated:
        return False
    if event.permissions_for_user(user).can_edit():
        return True
    club = event.organiser_club
    return club is not None and club.is_managed_by(profile_of(user))


# Organisers ------------------------------------------------------------------


def registrations_for_organisers(event: EventPage, *, search: str = ""):
    registrations = Registration.objects.filter(event=event).exclude(
        status=RegistrationStatus.CANCELLED
    )
    if search:
        registrations = registrations.filter(Q(name__icontains=search) | Q(email__icontains=search))
    return registrations.order_by("status", "queued_at", "pk")


def registrations_csv(event: EventPage) -> str:
    """The registrations (seats, then the waiting list in order) with their answers."""
    questions = list(event.questions.all())
    out = io.StringIO()
    writer = spreadsheets.SpreadsheetWriter(out)
    writer.writerow(
        ["name", "email", "status", "waitlist_position", "registered_at", "checked_in_at"]
        + [question.label for question in questions]
    )
    position = 0
    rows = registrations_for_organisers(event).order_by("queued_at", "pk")
    for registration in rows:
        waiting = registration.status == RegistrationStatus.WAITLISTED
        position += waiting
        writer.writerow(
            [
                registration.name,
                registration.email,
                registration.status,
                position if waiting else "",
                timezone.localtime(registration.created_at).isoformat(),
                timezone.localtime(registration.checked_in_at).isoformat()
                if registration.checked_in_at
                else "",
            ]
            + [answer for _question, answer in registration.answer_rows(questions)]
        )
    return out.getvalue()
