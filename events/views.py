from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clubs.models import Club
from config.links import absolute_url
from config.views import csrf_protect_accounts, show_refusal
from events import calendar, queries, registration
from events.errors import ProposalError, RegistrationError
from events.forms import CheckInForm, CheckInSearchForm, EventProposalForm, RegistrationForm
from events.guest_links import registration_for_token
from events.models import CalendarToken, EventPage, Registration
from events.policies import options_for
from events.proposals import may_propose, propose_event
from members.guards import profile_required
from members.services import profile_of


def _live_event(pk: int) -> EventPage:
    event = EventPage.objects.live().public().filter(pk=pk).first()
    if event is None:
        raise Http404(_("There is no such event."))
    return event


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=calendar.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Registrants -------------------------------------------------------------------


@require_POST
@csrf_protect_accounts
def register(request, pk):
    event = _live_event(pk)
    options = options_for(event=event, actor=request.user)
    if options.needs_profile:
        messages.error(request, options.refusal)
        return redirect("members:edit")
    form = RegistrationForm(request.POST, event=event, guest=options.needs_guest_details)
    if form.is_valid():
        try:
            done = registration.register(
                event=event,
                profile=options.profile,
                name=form.cleaned_data.get("name", ""),
                email=form.cleaned_data.get("email", ""),
                answers=form.answers(),
            )
        except RegistrationError as error:
            form.add_service_errors(error.errors)
            show_refusal(request, error)
        else:
            messages.success(request, _status_message(done))
            return redirect(event.get_url(request))
    context = event.get_context(request)
    context["registration_form"] = form  # read by {% event_registration %}
    return render(request, event.get_template(request), context, status=400)


def _status_message(done: Registration) -> str:
    if done.status == "pending":
        return _("Almost done: confirm your registration with the link we sent to %(email)s.") % {
            "email": done.email
        }
    if done.status == "waitlisted":
        return _("The event is full: you are on the waiting list, in position %(position)s.") % {
            "position": done.waitlist_position()
        }
    return _("Your seat is confirmed. We sent the details by e-mail.")


@require_POST
@login_required
def cancel(request, pk):
    event = _live_event(pk)
    options = options_for(event=event, actor=request.user)
    try:
        registration.cancel_mine(event=event, profile=options.profile)
    except RegistrationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_url(request))


def _guest_link(request, token, *, purpose):
    try:
        found = registration_for_token(token, purpose=purpose)
    except RegistrationError as error:
        return render(request, "events/guest_link.html", {"error": error.message}, status=400)
    if request.method == "POST":
        try:
            if purpose == "confirm":
                done = registration.confirm_guest(token=token)
                messages.success(request, _status_message(done))
            else:
                registration.cancel(registration=found)
                messages.success(request, _("Your registration is cancelled."))
        except RegistrationError as error:
            show_refusal(request, error)
        return redirect(found.event.get_url(request))
    return render(
        request,
        "events/guest_link.html",
        {"registration": found, "event": found.event, "purpose": purpose},
    )


def guest_confirm(request, token):
    """The link e-mailed to a guest; confirming is a button, so link checkers confirm nothing."""
    return _guest_link(request, token, purpose="confirm")


def guest_cancel(request, token):
    return _guest_link(request, token, purpose="cancel")


# Calendars ---------------------------------------------------------------------


def event_ics(request, pk):
    event = _live_event(pk)
    return _ics_response(calendar.calendar([event], name=event.title), f"{event.slug}.ics")


def feed_ics(request):
    return _ics_response(
        calendar.calendar(calendar.upcoming_public_events(), name=_("Events")), "events.ics"
    )


def club_feed_ics(request, slug):
    club = get_object_or_404(Club.objects.visible_to(None), slug=slug)
    events = calendar.upcoming_public_events().filter(organiser_club=club)
    return _ics_response(calendar.calendar(events, name=club.name), f"{club.slug}.ics")


def personal_feed_ics(request, token):
    found = CalendarToken.objects.select_related("profile").filter(token=token).first()
    if found is None:
        raise Http404(_("This calendar link is not valid (anymore)."))
    registrations = queries.my_registrations(found.profile, upcoming_only=False)
    join_urls = {
        item.event_id: options_for(
            event=item.event, actor=found.profile, registration=item
        ).join_url
        for item in registrations
    }
    response = _ics_response(
        calendar.calendar(
            [item.event for item in registrations],
            name=_("My events"),
            join_urls=join_urls,
        ),
        "my-events.ics",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@profile_required
def my_calendar(request):
    profile = request.profile
    if request.method == "POST":
        calendar.renew_calendar_token(profile)
        messages.success(request, _("Your calendar has a new link; the old one no longer works."))
        return redirect("events:my_calendar")
    token = calendar.calendar_token(profile)
    feed_url = absolute_url(reverse("events:personal_feed", args=[token.token]))
    return render(request, "events/my_calendar.html", {"feed_url": feed_url})


# Organisers --------------------------------------------------------------------


def _managed_event(request, pk) -> EventPage:
    event = get_object_or_404(EventPage, pk=pk)
    if not queries.can_manage_event(request.user, event):
        raise PermissionDenied(_("Only the event's organisers can see its registrations."))
    return event


@login_required
def registrations(request, pk):
    event = _managed_event(request, pk)
    rows = list(queries.registrations_for_organisers(event).order_by("queued_at", "pk"))
    questions = list(event.questions.all())
    for row in rows:
        row.answer_values = [answer for _label, answer in row.answer_rows(questions)]
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "confirmed": [row for row in rows if row.status == "confirmed"],
            "waitlisted": [row for row in rows if row.status == "waitlisted"],
            "pending": [row for row in rows if row.status == "pending"],
            "questions": questions,
        },
    )


@login_required
def registrations_export(request, pk):
    event = _managed_event(request, pk)
    response = HttpResponse(queries.registrations_csv(event), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def check_in(request, pk):
    """A page for a phone at the door: find a name, mark them present. Plain forms, no script."""
    event = _managed_event(request, pk)
    search_form = CheckInSearchForm(request.GET)
    search = search_form.search()
    if request.method == "POST":
        form = CheckInForm(request.POST)
        found = (
            Registration.objects.filter(event=event, pk=form.cleaned_data["registration"]).first()
            if form.is_valid()
            else None
        )
        if found is None:
            messages.error(request, _("There is no such registration."))
        else:
            try:
                done = registration.check_in(
                    registration=found, present=form.cleaned_data["present"] != "0"
                )
            except RegistrationError as error:
                show_refusal(request, error)
            else:
                messages.success(
                    request,
                    (
                        _("%(name)s is checked in.")
                        if done.checked_in_at
                        else _("%(name)s is no longer checked in.")
                    )
                    % {"name": done.name},
                )
        search = CheckInSearchForm(request.POST).search() or search
        target = reverse("events:check_in", args=[event.pk])
        return redirect(f"{target}?{urlencode({'q': search})}" if search else target)
    rows = queries.registrations_for_organisers(event, search=search).filter(status="confirmed")
    present = event.registrations.filter(checked_in_at__isnull=False).count()
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "rows": rows.order_by("name"),
            "search": search,
            "search_form": search_form,
            "present": present,
        },
    )


@profile_required
def propose(request, slug):
    club = get_object_or_404(Club, slug=slug)
    profile = request.profile
    if not may_propose(club=club, profile=profile):
        raise PermissionDenied(_("Only the club's leaders can propose its events."))
    form = EventProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            propose_event(club=club, profile=profile, data=form.cleaned_data)
        except ProposalError as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(
                request,
                _("Your event is proposed: the editors review it before publication."),
            )
            return redirect("events:propose", slug=club.slug)
    return render(request, "events/propose.html", {"club": club, "form": form})


# What other apps' pages show -------------------------------------------------


def home_section(request: HttpRequest) -> list[EventPage]:
    """The home page's next events."""
    return queries.upcoming_events(limit=3)


def dashboard_registrations(request: HttpRequest) -> list[Registration]:
    """The member's dashboard panel: their upcoming registrations."""
    profile = profile_of(request.user)
    return queries.my_registrations(profile) if profile else []
