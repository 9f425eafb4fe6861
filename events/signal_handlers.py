"""What happens when an editor publishes an event: registrants told, new seats given."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from events import notifications, registration
from events.models import EventPage, Registration, RegistrationStatus

# A change to one of these, once published, is worth an e-mail to registrants.
SCHEDULE_FIELDS = ("start", "end", "venue", "address", "attendance_mode")
WATCHED_FIELDS = (*SCHEDULE_FIELDS, "cancelled", "capacity")


@receiver(pre_save, sender=EventPage)
def remember_published_event(sender, instance, update_fields=None, **kwargs):
    """Keeps what the live event said before this save, to compare afterwards."""
    instance._published_before = None
    if instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(WATCHED_FIELDS):
        return
    instance._published_before = (
        EventPage.objects.filter(pk=instance.pk, live=True).values(*WATCHED_FIELDS).first()
    )


@receiver(post_save, sender=EventPage)
def follow_up_published_event(sender, instance, created, **kwargs):
    before = getattr(instance, "_published_before", None)
    instance._published_before = None
    if created or before is None or not instance.live:
        return
    if instance.cancelled and not before["cancelled"]:
        notifications.tell_registrants(event=instance, kind="cancelled")
        return
    if not instance.cancelled and any(
        getattr(instance, name) != before[name] for name in SCHEDULE_FIELDS
    ):
        notifications.tell_registrants(event=instance, kind="changed")
    more_seats = instance.capacity is None or (
        before["capacity"] is not None and instance.capacity > before["capacity"]
    )
    if more_seats and instance.capacity != before["capacity"]:
        registration.fill_free_seats(event=instance)


@receiver(post_delete, sender=Registration)
def give_away_a_deleted_seat(sender, instance, **kwargs):
    """A member who erases their account frees their seat: the waiting list moves up."""
    if instance.status != RegistrationStatus.CONFIRMED:
        return
    event_id = instance.event_id

    def promote():
        event = EventPage.objects.filter(pk=event_id).first()
        if event is not None:
            registration.fill_free_seats(event=event)

    transaction.on_commit(promote)
