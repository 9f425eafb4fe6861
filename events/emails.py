"""The e-mails of registration, sent by a background task once the transaction commits."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from config.links import absolute_url
from events import calendar
from events.models import Registration, RegistrationStatus

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


def cancel_url(registration: Registration) -> str:
    from events.registration import guest_token

    if registration.is_guest:
        token = guest_token(registration, purpose="cancel")
        return absolute_url(reverse("events:guest_cancel", args=[token]))
    return absolute_url(registration.event.get_url())


def registration_ics(registration: Registration) -> bytes:
    event = registration.event
    join_url = event.join_url if registration.status == RegistrationStatus.CONFIRMED else ""
    return calendar.calendar(
        [event],
        name=event.title,
        join_urls={event.pk: join_url} if join_url else None,
    )


@task()
def send_registration_email(*, registration_id: int, kind: str) -> None:
    """Sends one registrant the e-mail ``kind`` (a key of ``SUBJECTS``)."""
    from events.registration import guest_token

    registration = (
        Registration.objects.select_related("event", "event__organiser_club")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": absolute_url(event.get_url()),
        "start": event.start,
        "end": event.end,
        "cancel_url": cancel_url(registration),
        "position": registration.waitlist_position(),
        "join_url": event.join_url
        if registration.status == RegistrationStatus.CONFIRMED and event.is_online
        else "",
    }
    if kind == "guest_confirmation":
        token = guest_token(registration, purpose="confirm")
        context["confirm_url"] = absolute_url(reverse("events:guest_confirm", args=[token]))
    message = EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        + str(SUBJECTS[kind]) % {"event": event.title},
        body=render_to_string(f"events/emails/{kind}.txt", context),
        to=[registration.email],
        reply_to=[event.contact_email] if event.contact_email else None,
    )
    if kind in WITH_CALENDAR and registration.status == RegistrationStatus.CONFIRMED:
        message.attach(f"{event.slug}.ics", registration_ics(registration), calendar.MIME_TYPE)
    message.send()
