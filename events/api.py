"""The community API's events: listing, registering, cancelling, and the organisers' side.

Endpoints follow ``config.protocol``: refusals are the services' ``RegistrationError``
(answered once by ``config.api``), listings are ``Page`` envelopes, choices and
bounds are declared in the schemas. What the caller may do with an event is the
``registration_options`` of its detail, read from ``events.policies.options_for``.
"""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from config.protocol import Page, PageQuery, paginate, refusals, reject_unknown
from events import queries, registration
from events.errors import RegistrationError
from events.models import (
    AttendanceMode,
    Audience,
    EventFilters,
    EventPage,
    QuestionKind,
    Registration,
)
from events.models.pages import MAX_CAPACITY
from events.policies import RegistrationOptions, join_url_for, options_for
from members.services import require_profile

router = Router(tags=["events"])

RegistrationStatusName = Literal["pending", "confirmed", "waitlisted", "cancelled"]
When = Literal["upcoming", "past", "all"]


class RegistrationQuestionOut(Schema):
    id: int
    label: str
    help_text: str
    kind: Literal[tuple(QuestionKind.values)]  # type: ignore[valid-type]
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
    attendance_mode: Literal[tuple(AttendanceMode.values)]  # type: ignore[valid-type]
    venue: str
    address: str
    latitude: float | None = None
    longitude: float | None = None
    organiser: str
    club: str | None = None
    audience: Literal[tuple(Audience.values)]  # type: ignore[valid-type]
    themes: list[str]
    registration_enabled: bool
    capacity: int | None = None
    seats_left: int | None = None
    waitlist_enabled: bool
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None


class EventListOut(Page[EventOut]):
    """A page of events."""


class RegistrationOut(Schema):
    id: int
    event_id: int
    event_title: str
    status: RegistrationStatusName
    waitlist_position: int | None = None
    registered_at: datetime
    checked_in: bool
    join_url: str | None = None


class RegistrationOptionsOut(Schema):
    """What the caller may do with the event's registration, as the pages offer it."""

    can_register: bool
    refusal: str | None = Field(None, description="Why not, when can_register is false")
    will_waitlist: bool = Field(description="Registering now joins the waiting list")
    can_cancel: bool
    cancel_refusal: str | None = Field(None, description="Why not, when can_cancel is false")
    needs_guest_details: bool = Field(description="Register with a name and an e-mail address")
    needs_sign_in: bool = Field(description="Signing in may let the caller register")
    needs_profile: bool = Field(description="Signed in: create a profile first")
    join_url: str | None = Field(None, description="Confirmed registrants of online events")


class EventDetailOut(EventOut):
    questions: list[RegistrationQuestionOut]
    contact_email: str
    my_registration: RegistrationOut | None = None
    registration_options: RegistrationOptionsOut


class OrganiserRegistrationOut(RegistrationOut):
    name: str
    email: str
    answers: dict[str, str]


class RegisterIn(Schema):
    answers: dict[str, str] = Field(default_factory=dict, description="Question id → answer")
    name: str = Field("", max_length=200, description="Guests only: the name to register under")
    email: str = Field(
        "", max_length=254, description="Guests only: the address the confirmation goes to"
    )


class CheckInIn(Schema):
    present: bool = True


class EventCapacityIn(Schema):
    capacity: int | None = Field(
        None, ge=0, le=MAX_CAPACITY, description="Seats; null for unlimited"
    )


class EventListFilters(Schema):
    starts_after: date | None = Field(None, description="Events starting on or after this day")
    starts_before: date | None = Field(None, description="Events starting on or before this day")
    club: str = Field("", max_length=100, description="The organising club's slug")
    theme: str = Field("", max_length=100, description="A theme's slug")
    online: bool | None = Field(None, description="true: online or hybrid; false: in person")
    seats_left: bool = Field(False, description="Only events one can still get a seat at")
    when: When = Field("upcoming", description="Upcoming (soonest first), past or all")


class MyRegistrationsQuery(Schema):
    upcoming: bool = Field(True, description="Only the events that have not ended")


class OrganiserRegistrationsQuery(Schema):
    q: str = Field("", max_length=200, description="Part of a registrant's name or e-mail address")


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


def _registration_out(item: Registration, *, join_url: str | None = None) -> dict:
    """``join_url``: the caller's options' link; computed for ``item`` when not given."""
    if join_url is None:
        join_url = join_url_for(event=item.event, registration=item)
    return {
        "id": item.pk,
        "event_id": item.event_id,
        "event_title": item.event.title,
        "status": item.status,
        "waitlist_position": item.waitlist_position(),
        "registered_at": item.created_at,
        "checked_in": item.checked_in_at is not None,
        "join_url": join_url or None,
    }


def _options_out(options: RegistrationOptions) -> dict:
    return {
        "can_register": options.can_register,
        "refusal": options.refusal,
        "will_waitlist": options.will_waitlist,
        "can_cancel": options.can_cancel,
        "cancel_refusal": options.cancel_refusal,
        "needs_guest_details": options.needs_guest_details,
        "needs_sign_in": options.needs_sign_in,
        "needs_profile": options.needs_profile,
        "join_url": options.join_url or None,
    }


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise RegistrationError(_("Sign in to use this endpoint."), status=401)


def _event(pk: int) -> EventPage:
    event = queries.published_events().filter(pk=pk).first()
    if event is None:
        raise RegistrationError(_("There is no such event."), status=404)
    return event


def _managed(request: HttpRequest, event_id: int) -> EventPage:
    _signed_in(request)
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        raise RegistrationError(_("There is no such event."), status=404)
    if not queries.can_manage_event(request.user, event):
        raise RegistrationError(
            _("Only the event's organisers can see its registrations."), status=403
        )
    return event


@router.get("/", response={200: EventListOut, **refusals(400)}, summary="List events")
def list_events(request: HttpRequest, filters: Query[EventListFilters], pages: Query[PageQuery]):
    """Published events, soonest first (``when=past``: latest first)."""
    reject_unknown(request, EventListFilters, PageQuery)
    events = queries.filter_events(
        queries.published_events(),
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
    return paginate(events, pages, _event_out)


@router.get(
    "/me/registrations",
    response={200: list[RegistrationOut], **refusals(400, 401, 403)},
    summary="My registrations",
)
def my_registrations(request: HttpRequest, query: Query[MyRegistrationsQuery]):
    reject_unknown(request, MyRegistrationsQuery)
    _signed_in(request)
    profile = require_profile(request.user)
    items = queries.my_registrations(profile, upcoming_only=query.upcoming)
    return [_registration_out(item) for item in items]


@router.get("/{id:event_id}", response={200: EventDetailOut, **refusals(404)}, summary="An event")
def event_detail(request: HttpRequest, event_id: int):
    """The event, and what the caller may do with its registration."""
    event = _event(event_id)
    options = options_for(event=event, actor=request.user)
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
        "my_registration": _registration_out(options.mine, join_url=options.join_url)
        if options.mine
        else None,
        "registration_options": _options_out(options),
    }


@router.post(
    "/{id:event_id}/registration",
    response={201: RegistrationOut, **refusals(400, 403, 404, 409)},
    summary="Register to an event",
)
def register(request: HttpRequest, event_id: int, payload: RegisterIn):
    """A member registers with their profile; a visitor gives a name and an e-mail address
    and confirms it through the link e-mailed to them (status ``pending`` until then)."""
    event = _event(event_id)
    profile = require_profile(request.user) if request.user.is_authenticated else None
    done = registration.register(
        event=event,
        profile=profile,
        name=payload.name,
        email=payload.email,
        answers=payload.answers,
    )
    return Status(201, _registration_out(done))


@router.delete(
    "/{id:event_id}/registration",
    response={200: RegistrationOut, **refusals(401, 403, 404, 409)},
    summary="Cancel my registration",
)
def cancel(request: HttpRequest, event_id: int):
    _signed_in(request)
    event = _event(event_id)
    outcome = registration.cancel_mine(event=event, profile=require_profile(request.user))
    return _registration_out(outcome.registration)


@router.get(
    "/{id:event_id}/registrations",
    response={200: list[OrganiserRegistrationOut], **refusals(400, 401, 403, 404)},
    summary="Organisers: the registrations and the waiting list",
)
def registrations(request: HttpRequest, event_id: int, query: Query[OrganiserRegistrationsQuery]):
    reject_unknown(request, OrganiserRegistrationsQuery)
    event = _managed(request, event_id)
    rows = queries.registrations_for_organisers(event, search=query.q.strip())
    return [
        {**_registration_out(row), "name": row.name, "email": row.email, "answers": row.answers}
        for row in rows.select_related("event").order_by("queued_at", "pk")
    ]


@router.post(
    "/{id:event_id}/registrations/{id:registration_id}/check-in",
    response={200: OrganiserRegistrationOut, **refusals(400, 401, 403, 404, 409)},
    summary="Organisers: check a registrant in (or undo it)",
)
def check_in(request: HttpRequest, event_id: int, registration_id: int, payload: CheckInIn):
    event = _managed(request, event_id)
    found = Registration.objects.filter(event=event, pk=registration_id).first()
    if found is None:
        raise RegistrationError(_("There is no such registration."), status=404)
    done = registration.check_in(registration=found, present=payload.present)
    return {
        **_registration_out(done),
        "name": done.name,
        "email": done.email,
        "answers": done.answers,
    }


@router.put(
    "/{id:event_id}/capacity",
    response={200: EventOut, **refusals(400, 401, 403, 404, 409)},
    summary="Organisers: change the number of seats",
)
def change_capacity(request: HttpRequest, event_id: int, payload: EventCapacityIn):
    """More seats go to the waiting list at once; fewer than the seats held is refused."""
    event = _managed(request, event_id)
    registration.change_capacity(event=event, capacity=payload.capacity, user=request.user)
    return _event_out(EventPage.objects.with_seats_taken().get(pk=event.pk))
