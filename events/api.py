"""The community API's events: listing, registering, cancelling, and the organisers' side.

Every refusal answers with a JSON body carrying a translated ``message``.
"""

from datetime import date, datetime

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from config.schemas import ErrorOut
from events import registration, services
from events.models import EventPage, Registration
from events.registration import RegistrationError
from events.services import EventFilters
from members.services import profile_of

router = Router(tags=["events"])

MAX_PAGE_SIZE = 100


class QuestionOut(Schema):
    id: int
    label: str
    help_text: str
    kind: str
    required: bool


class EventOut(Schema):
    id: int
    title: str
    url: str
    summary: str
    start: datetime
    end: datetime
    time_zone: str
    cancelled: bool
    attendance_mode: str
    venue: str
    address: str
    latitude: float | None = None
    longitude: float | None = None
    organiser: str
    club: str | None = None
    audience: str
    themes: list[str]
    registration_enabled: bool
    capacity: int | None = None
    seats_left: int | None = None
    waitlist_enabled: bool
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None


class EventDetailOut(EventOut):
    questions: list[QuestionOut]
    contact_email: str
    my_registration: dict | None = None


class EventPageOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    results: list[EventOut]


class RegistrationOut(Schema):
    id: int
    event_id: int
    event_title: str
    status: str
    waitlist_position: int | None = None
    registered_at: datetime
    checked_in: bool
    join_url: str | None = None


class OrganiserRegistrationOut(RegistrationOut):
    name: str
    email: str
    answers: dict[str, str]


class RegisterIn(Schema):
    answers: dict[str, str] = Field(default_factory=dict, description="Question id → answer")
    name: str = Field("", description="Guests only: the name to register under")
    email: str = Field("", description="Guests only: the address the confirmation goes to")


class CheckInIn(Schema):
    present: bool = True


class CapacityIn(Schema):
    capacity: int | None = Field(None, description="Seats; null for unlimited")


class EventListFilters(Schema):
    starts_after: date | None = Field(None, description="Events starting on or after this day")
    starts_before: date | None = Field(None, description="Events starting on or before this day")
    club: str = Field("", description="The organising club's slug")
    theme: str = Field("", description="A theme's slug")
    online: bool | None = Field(None, description="true: online or hybrid; false: in person")
    seats_left: bool = Field(False, description="Only events one can still get a seat at")
    when: str = Field("upcoming", description="upcoming, past or all")
    page: int = 1
    page_size: int = 20


def _event_out(event: EventPage) -> dict:
    return {
        "id": event.pk,
        "title": event.title,
        "url": event.get_url() or "",
        "summary": event.summary,
        "start": event.start,
        "end": event.end,
        "time_zone": event.time_zone,
        "cancelled": event.cancelled,
        "attendance_mode": event.attendance_mode,
        "venue": event.venue,
        "address": event.address,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "organiser": event.organiser_name,
        "club": event.organiser_club.slug if event.organiser_club_id else None,
        "audience": event.audience,
        "themes": [tag.slug for tag in event.tags.all()],
        "registration_enabled": event.registration_enabled,
        "capacity": event.capacity,
        "seats_left": event.seats_left,
        "waitlist_enabled": event.waitlist_enabled,
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
    }


def _registration_out(item: Registration) -> dict:
    event = item.event
    confirmed = item.status == "confirmed"
    return {
        "id": item.pk,
        "event_id": item.event_id,
        "event_title": event.title,
        "status": item.status,
        "waitlist_position": item.waitlist_position(),
        "registered_at": item.created_at,
        "checked_in": item.checked_in_at is not None,
        "join_url": event.join_url if confirmed and event.is_online else None,
    }


def _error(error: RegistrationError):
    return Status(error.status, {"message": error.message, "detail": error.errors or None})


def _not_found():
    return Status(404, {"message": _("There is no such event.")})


def _unauthorized():
    return Status(401, {"message": _("Sign in to use this endpoint.")})


def _event(pk: int) -> EventPage | None:
    return services.published_events().filter(pk=pk).first()


@router.get(
    "/",
    response={200: EventPageOut, 400: ErrorOut},
    summary="List events",
)
def list_events(request: HttpRequest, filters: Query[EventListFilters]):
    """Published events, soonest first (``when=past``: latest first)."""
    unknown = sorted(set(request.GET) - set(EventListFilters.model_fields))
    if unknown:
        return Status(
            400,
            {
                "message": _("Unknown parameters: %(names)s.") % {"names": ", ".join(unknown)},
            },
        )
    if filters.when not in ("upcoming", "past", "all"):
        return Status(400, {"message": _("“when” is upcoming, past or all.")})
    if not 1 <= filters.page_size <= MAX_PAGE_SIZE or filters.page < 1:
        return Status(
            400,
            {
                "message": _("The page is 1 or more; a page holds 1 to %(max)s events.")
                % {"max": MAX_PAGE_SIZE}
            },
        )
    events = services.filter_events(
        services.published_events(),
        EventFilters(
            when=filters.when,
            theme=filters.theme,
            club=filters.club,
            online=filters.online,
            starts_after=filters.starts_after,
            starts_before=filters.starts_before,
            with_seats_left=filters.seats_left,
        ),
    )
    paginator = Paginator(events, filters.page_size)
    if filters.page > max(paginator.num_pages, 1):
        return Status(400, {"message": _("There is no page %(page)s.") % {"page": filters.page}})
    page = paginator.page(filters.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "page_size": filters.page_size,
        "num_pages": paginator.num_pages,
        "results": [_event_out(event) for event in page],
    }


@router.get(
    "/me/registrations",
    response={200: list[RegistrationOut], 401: ErrorOut, 404: ErrorOut},
    summary="My registrations",
)
def my_registrations(request: HttpRequest, upcoming: bool = True):
    if not request.user.is_authenticated:
        return _unauthorized()
    profile = profile_of(request.user)
    if profile is None:
        return Status(404, {"message": _("You have no profile yet.")})
    items = services.my_registrations(profile, upcoming_only=upcoming)
    return [_registration_out(item) for item in items]


@router.get("/{int:event_id}", response={200: EventDetailOut, 404: ErrorOut}, summary="An event")
def event_detail(request: HttpRequest, event_id: int):
    event = _event(event_id)
    if event is None:
        return _not_found()
    mine = services.registration_of(event, profile_of(request.user))
    return {
        **_event_out(event),
        "questions": [
            {
                "id": question.pk,
                "label": question.label,
                "help_text": question.help_text,
                "kind": question.kind,
                "required": question.required,
            }
            for question in event.questions.all()
        ],
        "contact_email": event.contact_email,
        "my_registration": _registration_out(mine) if mine else None,
    }


@router.post(
    "/{int:event_id}/registration",
    response={201: RegistrationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Register to an event",
)
def register(request: HttpRequest, event_id: int, payload: RegisterIn):
    """A member registers with their profile; a visitor gives a name and an e-mail address
    and confirms it through the link e-mailed to them (status ``pending`` until then)."""
    event = _event(event_id)
    if event is None:
        return _not_found()
    profile = profile_of(request.user)
    if request.user.is_authenticated and profile is None:
        return Status(403, {"message": _("Create your profile first.")})
    try:
        done = registration.register(
            event=event,
            profile=profile,
            name=payload.name,
            email=payload.email,
            answers=payload.answers,
        )
    except RegistrationError as error:
        return _error(error)
    return Status(201, _registration_out(done))


@router.delete(
    "/{int:event_id}/registration",
    response={200: RegistrationOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cancel my registration",
)
def cancel(request: HttpRequest, event_id: int):
    if not request.user.is_authenticated:
        return _unauthorized()
    event = _event(event_id)
    if event is None:
        return _not_found()
    mine = services.registration_of(event, profile_of(request.user))
    if mine is None:
        return Status(404, {"message": _("You are not registered to this event.")})
    try:
        outcome = registration.cancel(registration=mine)
    except RegistrationError as error:
        return _error(error)
    return _registration_out(outcome.registration)


def _managed(request: HttpRequest, event_id: int):
    if not request.user.is_authenticated:
        return None, _unauthorized()
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        return None, _not_found()
    if not services.can_manage_event(request.user, event):
        return None, Status(
            403, {"message": _("Only the event's organisers can see its registrations.")}
        )
    return event, None


@router.get(
    "/{int:event_id}/registrations",
    response={200: list[OrganiserRegistrationOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Organisers: the registrations and the waiting list",
)
def registrations(request: HttpRequest, event_id: int, q: str = ""):
    event, refusal = _managed(request, event_id)
    if refusal:
        return refusal
    rows = services.registrations_for_organisers(event, search=q.strip()).select_related("event")
    return [
        {**_registration_out(row), "name": row.name, "email": row.email, "answers": row.answers}
        for row in rows.order_by("queued_at", "pk")
    ]


@router.post(
    "/{int:event_id}/registrations/{int:registration_id}/check-in",
    response={
        200: OrganiserRegistrationOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
    summary="Organisers: check a registrant in (or undo it)",
)
def check_in(request: HttpRequest, event_id: int, registration_id: int, payload: CheckInIn):
    event, refusal = _managed(request, event_id)
    if refusal:
        return refusal
    found = Registration.objects.filter(event=event, pk=registration_id).first()
    if found is None:
        return Status(404, {"message": _("There is no such registration.")})
    try:
        done = registration.check_in(registration=found, present=payload.present)
    except RegistrationError as error:
        return _error(error)
    return {
        **_registration_out(done),
        "name": done.name,
        "email": done.email,
        "answers": done.answers,
    }


@router.put(
    "/{int:event_id}/capacity",
    response={
        200: EventOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
    summary="Organisers: change the number of seats",
)
def change_capacity(request: HttpRequest, event_id: int, payload: CapacityIn):
    """More seats go to the waiting list at once; fewer than the seats held is refused."""
    event, refusal = _managed(request, event_id)
    if refusal:
        return refusal
    try:
        registration.change_capacity(event=event, capacity=payload.capacity)
    except RegistrationError as error:
        return _error(error)
    return _event_out(EventPage.objects.with_seats_taken().get(pk=event.pk))
