"""Messages to registrants that no registration triggers: reminders, changes, cancellations."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events.models import EventPage, Registration, RegistrationStatus


def _enqueue(registration_ids: list[int], kind: str) -> None:
    from events.emails import send_registration_email

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
