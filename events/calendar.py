"""iCalendar files and feeds of events, built with the ``icalendar`` library.

Times are written in the site's time zone (Europe/Paris by default) with a
``TZID`` and the matching ``VTIMEZONE``, so that calendars show the right hour on
both sides of a daylight-saving change.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from config.links import absolute_url, site_host
from events.models import CalendarToken, EventPage
from members.models import Profile

MIME_TYPE = "text/calendar"
CONTENT_TYPE = f"{MIME_TYPE}; charset=utf-8"


def event_component(
    event: EventPage, *, join_url: str = "", zone: ZoneInfo | None = None
) -> icalendar.Event:
    """One ``VEVENT``; ``join_url`` is given only in a confirmed registrant's calendar."""
    zone = zone or ZoneInfo(settings.TIME_ZONE)
    url = absolute_url(event.get_url())
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{site_host()}")
    component.add("dtstamp", datetime.now(UTC))
    component.add("dtstart", event.start.astimezone(zone))
    component.add("dtend", event.end.astimezone(zone))
    component.add("summary", event.title)
    description = [event.summary, url]
    if join_url:
        description.append(join_url)
    component.add("description", "\n\n".join(part for part in description if part))
    component.add("url", url)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    location = ", ".join(part for part in (event.venue, " ".join(event.address.split())) if part)
    if event.is_online and not event.has_venue:
        location = join_url or url
    if location:
        component.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (event.latitude, event.longitude))
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    tags = [tag.name for tag in event.tags.all()]
    if tags:
        component.add("categories", tags)
    if event.organiser_name:
        component.add("x-cercle-organiser", event.organiser_name)
    return component


def calendar(
    events: Iterable[EventPage],
    *,
    name: str,
    join_urls: dict[int, str] | None = None,
) -> bytes:
    """A ``VCALENDAR`` holding ``events`` and the time zones they use."""
    zone = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Cercle//Events//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(
            event_component(
                event,
                join_url=(join_urls or {}).get(event.pk, ""),
                zone=zone,
            )
        )
    if not cal.walk("VEVENT"):
        # An empty feed still names its time zone, for calendars that insist on one.
        cal.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    else:
        cal.add_missing_timezones()
    return cal.to_ical()


def upcoming_public_events():
    """Every published event anyone may see that has not ended."""
    return (
        EventPage.objects.live()
        .public()
        .upcoming(timezone.now())
        .select_related("organiser_club")
        .prefetch_related("tags")
    )


# A member's personal calendar ---------------------------------------------------


def calendar_token(profile: Profile) -> CalendarToken:
    """The secret of the member's personal calendar link, made on first use."""
    token, _created = CalendarToken.objects.get_or_create(
        profile=profile, defaults={"token": CalendarToken.new_token()}
    )
    return token


def renew_calendar_token(profile: Profile) -> CalendarToken:
    """A new secret: the old link stops working."""
    token = calendar_token(profile)
    token.token = CalendarToken.new_token()
    token.save(update_fields=["token", "created_at"])
    return token
