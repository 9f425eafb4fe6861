"""The events' e-mails: to a registrant, in their language, once the transaction commits.

Every e-mail goes through ``home.mail.send_templated`` (subject prefixed with the
institution's name, a plain-text part from ``events/emails/<kind>.txt`` and an HTML
part). It is written in the recipient's language: a member's account language
(``members.User.language``); a guest's, the language they registered in
(``Registration.language``). What a registrant may see (the link to join online)
is read from ``events.policies.options_for``, like on the event page.

The writes queue the e-mails with ``notify`` (one registration) or
``tell_registrants`` (everyone holding a seat or waiting); a background task sends
each one after the transaction commits.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from config.links import absolute_url
from events import calendar
from events.guest_links import guest_token
from events.models import EventPage, Registration, RegistrationStatus
from events.policies import options_for
from home.mail import send_templated

SUBJECTS = {
    "guest_confirmation": _("Confirm your registration to %(event)s"),
    "confirmed": _("Your seat at %(event)s is confirmed"),
    "waitlisted": _("You are on the waiting list for %(event)s"),
    "promoted": _("A seat freed up: you are registered to %(event)s"),
    "reminder": _("Tomorrow: %(event)s"),
    "changed": _("%(event)s has changed"),
    "cancelled": _("%(event)s is cancelled"),
}

# The e-mails that carry the event's calendar file.
WITH_CALENDAR = {"confirmed", "promoted", "reminder", "changed"}


def recipient_language(registration: Registration) -> str:
    """A member's account language; a guest's, the language they registered in."""
    user = registration.profile.user if registration.profile_id else None
    if user is not None and user.language:
        return user.language
    return registration.language


def cancel_url(registration: Registration) -> str:
    if registration.is_guest:
        token = guest_token(registration, purpose="cancel")
        return absolute_url(reverse("events:guest_cancel", args=[token]))
    return absolute_url(registration.event.get_url())


@task()
def send_registration_email(*, registration_id: int, kind: str) -> None:
    """Sends one registrant the e-mail ``kind`` (a key of ``SUBJECTS``)."""
    registration = (
        Registration.objects.select_related("event", "event__organiser_club", "profile__user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    event = registration.event
    options = options_for(event=event, actor=registration.profile, registration=registration)
    context = {
        "registration": registration,
        "event": event,
        "event_url": absolute_url(event.get_url()),
        "start": event.start,
        "end": event.end,
        "cancel_url": cancel_url(registration),
        "position": registration.waitlist_position(),
        "join_url": options.join_url,
    }
    if kind == "guest_confirmation":
        token = guest_token(registration, purpose="confirm")
        context["confirm_url"] = absolute_url(reverse("events:guest_confirm", args=[token]))
    attachments = []
    if kind in WITH_CALENDAR and registration.status == RegistrationStatus.CONFIRMED:
        ics = calendar.calendar(
            [event],
            name=event.title,
            join_urls={event.pk: options.join_url} if options.join_url else None,
        )
        attachments.append((f"{event.slug}.ics", ics, calendar.MIME_TYPE))
    send_templated(
        to=registration.email,
        subject=SUBJECTS[kind],
        template=f"events/emails/{kind}",
        context=context,
        language=recipient_language(registration),
        reply_to=[event.contact_email] if event.contact_email else None,
        attachments=attachments,
    )


def notify(registration: Registration, kind: str) -> None:
    """Queues the e-mail ``kind`` to ``registration``, sent once the transaction commits."""
    _enqueue([registration.pk], kind)


def _enqueue(registration_ids: list[int], kind: str) -> None:
    def send():
        for registration_id in registration_ids:
            send_registration_email.enqueue(registration_id=registration_id, kind=kind)

    transaction.on_commit(send)


def tell_registrants(*, event: EventPage, kind: str) -> int:
    """Writes to everyone holding a seat or waiting: ``changed`` or ``cancelled``."""
    ids = list(
        Registration.objects.filter(
            event=event,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        ).values_list("pk", flat=True)
    )
    _enqueue(ids, kind)
    return len(ids)


def send_day_before_reminders(*, now: datetime | None = None) -> int:
    """Reminds each confirmed registrant of tomorrow's events, once.

    The reminder is recorded on the registration in the same transaction that
    queues the e-mail, and rows another run is handling are skipped, so running
    this twice (or twice at once) sends each reminder once.
    """
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    zone = timezone.get_current_timezone()
    day_starts = timezone.make_aware(datetime.combine(tomorrow, time.min), zone)
    day_ends = day_starts + timedelta(days=1)
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=RegistrationStatus.CONFIRMED,
                reminder_sent_at=None,
                event__live=True,
                event__cancelled=False,
                event__start__gte=day_starts,
                event__start__lt=day_ends,
            )
            .values_list("pk", flat=True)
        )
        Registration.objects.filter(pk__in=due).update(reminder_sent_at=now)
        _enqueue(due, "reminder")
    return len(due)
