"""schema.org description of an event, for search engines (JSON-LD)."""

from config.links import absolute_url
from home.models import InstitutionSettings

ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def _place(page) -> dict:
    place = {"@type": "Place", "name": page.venue}
    if page.address:
        place["address"] = {"@type": "PostalAddress", "streetAddress": page.address}
    if page.latitude is not None and page.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": page.latitude,
            "longitude": page.longitude,
        }
    return place


def _organiser(page, request) -> dict:
    if page.organiser_club_id:
        club = page.organiser_club
        return {
            "@type": "Organization",
            "name": club.name,
            "url": absolute_url(club.get_absolute_url()),
        }
    if page.organiser_service:
        return {"@type": "Organization", "name": page.organiser_service}
    return {"@type": "Organization", "name": InstitutionSettings.load(request_or_site=request).name}


def event(page, request) -> dict:
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": page.start.isoformat(),
        "endDate": page.end.isoformat(),
        "url": url,
        "inLanguage": "fr",
        "eventStatus": "https://schema.org/EventCancelled"
        if page.cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[page.attendance_mode],
        "organizer": _organiser(page, request),
        "keywords": [tag.name for tag in page.tags.all()],
    }
    locations = []
    if page.has_venue:
        locations.append(_place(page))
    if page.is_online:
        # The join link is for confirmed registrants: search engines get the page.
        locations.append({"@type": "VirtualLocation", "url": url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    if page.registration_enabled:
        offer = {
            "@type": "Offer",
            "url": url,
            "price": 0,
            "priceCurrency": "EUR",
            "availability": "https://schema.org/SoldOut"
            if page.is_full
            else "https://schema.org/InStock",
        }
        if page.registration_opens_at:
            offer["validFrom"] = page.registration_opens_at.isoformat()
        data["offers"] = offer
        data["isAccessibleForFree"] = True
    if page.capacity is not None:
        data["maximumAttendeeCapacity"] = page.capacity
        data["remainingAttendeeCapacity"] = page.seats_left
    return data
