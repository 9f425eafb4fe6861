"""Events: their pages, the questions asked at registration, registrations, calendar tokens.

The rules for registering, cancelling, promoting from the waiting list and checking
in are read in ``events.policies`` and written in ``events.registration``; these
modules describe the records.
"""

from .filters import EventFilters, filter_events
from .pages import (
    EVENTS_PER_PAGE,
    AttendanceMode,
    Audience,
    EventIndexPage,
    EventPage,
    EventPageManager,
    EventPageQuerySet,
    EventPageTag,
    shown_events,
)
from .registrations import (
    ACTIVE_STATUSES,
    CalendarToken,
    QuestionKind,
    Registration,
    RegistrationQuerySet,
    RegistrationQuestion,
    RegistrationStatus,
)

__all__ = [
    "ACTIVE_STATUSES",
    "EVENTS_PER_PAGE",
    "AttendanceMode",
    "Audience",
    "CalendarToken",
    "EventFilters",
    "EventIndexPage",
    "EventPage",
    "EventPageManager",
    "EventPageQuerySet",
    "EventPageTag",
    "QuestionKind",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationQuestion",
    "RegistrationStatus",
    "filter_events",
    "shown_events",
]
