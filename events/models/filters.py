"""The filters of the events listings (the index page and the API), as queryset filters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.db.models import F, Q
from django.utils import timezone

from config.text import text_errors


@dataclass
class EventFilters:
    """What a listing keeps: when, theme, organiser, online, club, dates, seats left."""

    when: str = "upcoming"
    theme: str = ""
    organiser: str = ""
    online: bool | None = None
    club: str = ""
    starts_after: date | None = None
    starts_before: date | None = None
    with_seats_left: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> EventFilters:
        """The index page's filters, from its query string."""
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
    """``events`` (an ``EventPageQuerySet``) kept by ``filters`` and in their order."""
    now = now or timezone.now()
    if any(text_errors(value, max_length=bound) for value, bound in _bounded_values(filters)):
        # No theme, club or service holds what the database could not store.
        return events.none()
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


def _bounded_values(filters: EventFilters):
    """Each text filter with the longest value it compares with: a theme's slug, a
    club's slug, a service's name after its ``service:`` prefix."""
    event = apps.get_model("events", "EventPage")
    theme = apps.get_model("events", "EventPageTag")._meta.get_field("tag").related_model
    club = event._meta.get_field("organiser_club").related_model
    slug = theme._meta.get_field("slug").max_length
    club_slug = club._meta.get_field("slug").max_length
    service = event._meta.get_field("organiser_service").max_length
    return (
        (filters.theme, slug),
        (filters.organiser, len("service:") + max(service, club_slug)),
        (filters.club, club_slug),
    )
