"""What the site shows of events: listings, filters, a registrant's status, organisers' rights.

The writes (registering, cancelling, checking in) are in ``events.registration``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, Q
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from events.models import (
    CalendarToken,
    EventPage,
    Registration,
    RegistrationStatus,
)
from events.policies import options_for
from members.services import profile_of


@dataclass
class EventFilters:
    """The filters of the events listings (the index page and the API)."""

    when: str = "upcoming"
    theme: str = ""
    organiser: str = ""
    online: bool | None = None
    club: str = ""
    starts_after: date | None = None
    starts_before: date | None = None
    with_seats_left: bool = False
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> EventFilters:
        online = query.get("online", "")
        return cls(
            when=query.get("when", "upcoming")
            if query.get("when") in ("past", "all")
            else "upcoming",
            theme=query.get("theme", "").strip(),
            organiser=query.get("organiser", "").strip(),
            online=True if online in ("1", "true", "yes") else None,
        )


def filter_events(events, filters: EventFilters, *, now: datetime | None = None):
    now = now or timezone.now()
    if filters.when == "past":
        events = events.past(now)
    elif filters.when == "upcoming":
        events = events.upcoming(now)
    else:
        events = events.order_by("start", "pk")
    if filters.theme:
        events = events.filter(tags__slug=filters.theme)
    if filters.organiser.startswith("club:"):
        events = events.filter(organiser_club__slug=filters.organiser.removeprefix("club:"))
    elif filters.organiser.startswith("service:"):
        events = events.filter(
            organiser_club=None, organiser_service=filters.organiser.removeprefix("service:")
        )
    if filters.club:
        events = events.filter(organiser_club__slug=filters.club)
    if filters.online is True:
        events = events.exclude(attendance_mode="in_person")
    elif filters.online is False:
        events = events.filter(attendance_mode="in_person")
    if filters.starts_after:
        events = events.filter(start__date__gte=filters.starts_after)
    if filters.starts_before:
        events = events.filter(start__date__lte=filters.starts_before)
    if filters.with_seats_left:
        events = events.filter(
            Q(capacity=None) | Q(capacity__gt=F("seats_taken")),
            registration_enabled=True,
            cancelled=False,
        )
    return events


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
    return list(events[:limit] if limit else events)


def upcoming_events_for_club(club, viewer=None, *, limit: int = 5) -> list[EventPage]:
    """The club's next events, for its page; ``viewer`` (a user) sees what they may see.

    A page of a members-only club is for signed-in users only, so are its events.
    """
    from clubs.models import Club

    if not Club.objects.visible_to(viewer).filter(pk=club.pk).exists():
        return []
    return list(published_events().upcoming().filter(organiser_club=club)[:limit])


def home_section(request: HttpRequest) -> list[EventPage]:
    return upcoming_events(limit=3)


# A person and an event -------------------------------------------------------


def registration_of(event: EventPage, profile) -> Registration | None:
    """The member's active registration to ``event``, if any."""
    if profile is None:
        return None
    return Registration.objects.active().filter(event=event, profile=profile).first()


def my_registrations(profile, *, upcoming_only: bool = True) -> list[Registration]:
    registrations = (
        Registration.objects.active()
        .filter(profile=profile, event__live=True)
        .select_related("event")
        .order_by("event__start", "pk")
    )
    if upcoming_only:
        registrations = registrations.filter(event__end__gte=timezone.now())
    return list(registrations)


def dashboard_registrations(request: HttpRequest) -> list[Registration]:
    profile = profile_of(request.user)
    return my_registrations(profile) if profile else []


def can_manage_event(user, event: EventPage) -> bool:
    """Editors who may change the page, and the leaders of the organising club."""
    if not user.is_authenticated:
        return False
    if event.permissions_for_user(user).can_edit():
        return True
    club = event.organiser_club
    return club is not None and club.is_managed_by(profile_of(user))


def event_page_context(event: EventPage, request: HttpRequest) -> dict:
    """What the event page shows of the visitor's registration: it reads the options."""
    from events.forms import RegistrationForm

    options = options_for(event=event, actor=request.user)
    mine = options.mine
    return {
        "options": options,
        "registration": mine,
        "waitlist_position": mine.waitlist_position() if mine else None,
        "join_url": options.join_url,
        "registration_form": RegistrationForm(event=event, guest=options.needs_guest_details)
        if options.can_register
        else None,
        "can_manage": can_manage_event(request.user, event),
    }


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
    writer = csv.writer(out)
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
                _safe_cell(registration.name),
                registration.email,
                registration.status,
                position if waiting else "",
                timezone.localtime(registration.created_at).isoformat(),
                timezone.localtime(registration.checked_in_at).isoformat()
                if registration.checked_in_at
                else "",
            ]
            + [_safe_cell(registration.answers.get(str(q.pk), "")) for q in questions]
        )
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """Keeps a spreadsheet from running an answer as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# Personal calendar -----------------------------------------------------------


def calendar_token(profile) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(
        profile=profile, defaults={"token": CalendarToken.new_token()}
    )
    return token


def renew_calendar_token(profile) -> CalendarToken:
    """A new secret: the old link stops working."""
    token = calendar_token(profile)
    token.token = CalendarToken.new_token()
    token.save(update_fields=["token", "created_at"])
    return token
