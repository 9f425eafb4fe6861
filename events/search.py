"""Events in the public search.

An event open to everyone is found by visitors and members; an event for members,
or for the members of its club, by signed-in members only (its page says who may
register); so is any event of a members-only club. A cancelled event stays findable,
its card says so.

A document keeps the event's start (ISO 8601), time zone, venue, attendance mode and
whether it is cancelled, not their wording: the line under the hit is written when it
is shown (``event_details``), in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from config.dates import format_date
from search import sources
from search.documents import MEMBERS, PUBLIC, Document
from search.text import plain_text

from .models import AttendanceMode, Audience, EventPage, EventPageTag


def _audiences(event: EventPage) -> tuple[str, ...]:
    club = event.organiser_club
    if event.audience == Audience.PUBLIC and (club is None or club.is_public):
        return (PUBLIC, MEMBERS)
    return (MEMBERS,)


def event_documents(event: EventPage) -> list[Document]:
    url = event.get_url()
    if not url:
        return []
    themes = [tag.name for tag in event.tags.all()]
    body = plain_text(event.body)
    text = " ".join(
        part for part in (body, event.venue, event.address, event.organiser_name, *themes) if part
    )
    facets = {
        "theme": tuple(themes),
        "organiser": (event.organiser_name,) if event.organiser_name else (),
        "attendance": (event.attendance_mode,),
    }
    return [
        Document(
            kind="events",
            id=str(event.pk),
            audience=audience,
            title=event.title,
            url=url,
            summary=event.summary,
            text=text,
            facets={name: values for name, values in facets.items() if values},
            latitude=event.latitude,
            longitude=event.longitude,
            date=event.start,
            extra={
                "start": event.start.isoformat(),
                "time_zone": event.time_zone,
                "venue": event.venue,
                "attendance": event.attendance_mode,
                "cancelled": event.cancelled,
            },
        )
        for audience in _audiences(event)
    ]


def event_details(extra: Mapping[str, object]) -> str:
    """When (in the event's time zone) and where, and whether it is cancelled."""
    if "place" in extra:
        # Indexed before the start was stored: the line written then, until a rebuild.
        return str(extra["place"])
    start = datetime.fromisoformat(str(extra["start"]))
    when = format_date(
        timezone.localtime(start, ZoneInfo(str(extra["time_zone"]))), "DATETIME_FORMAT"
    )
    parts = [when, extra["venue"] or AttendanceMode(extra["attendance"]).label]
    if extra["cancelled"]:
        parts.append(_("Cancelled"))
    return " · ".join(str(part) for part in parts)


SOURCE = sources.Source(
    kind="events",
    objects=lambda: (
        EventPage.objects.live().public().select_related("organiser_club").prefetch_related("tags")
    ),
    documents=event_documents,
    watch={EventPage: sources.same_object, EventPageTag: lambda row: (row.content_object_id,)},
    facet_labels={"attendance": lambda value: AttendanceMode(value).label},
    details=event_details,
)
