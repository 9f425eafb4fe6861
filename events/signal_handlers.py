"""What happens when an event is published: registrants told, new seats given.

``connect()``, called from ``EventsConfig.ready()``, wires the handlers. A
publication is Wagtail's ``page_published``; what it changed is read by comparing
the published revision with the one published before it (Wagtail's log of
publications names it), so that drafts, revisions saved without publishing and
row updates never count as a change registrants hear about.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import PageLogEntry, Revision
from wagtail.signals import page_published

from config import pagecache
from events import notifications, registration
from events.models import EventPage, Registration, RegistrationStatus

# A change to one of these, once published, is worth an e-mail to registrants.
SCHEDULE_FIELDS = ("start", "end", "venue", "address", "attendance_mode")


def connect() -> None:
    page_published.connect(follow_up_published_event, sender=EventPage)
    post_delete.connect(give_away_a_deleted_seat, sender=Registration)
    # A registration changes the seats left, on the event's page and in every listing.
    pagecache.watch(
        Registration,
        lambda registration: [f"page:{registration.event_id}", pagecache.of_kind(EventPage)],
    )


def _published_before(page: EventPage, revision: Revision) -> EventPage | None:
    """The event as it was published before ``revision``; ``None`` for a first publication."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .exclude(revision_id=revision.pk)
        .exclude(revision_id=None)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry else None


def follow_up_published_event(sender, instance: EventPage, revision: Revision, **kwargs) -> None:
    before = _published_before(instance, revision)
    if before is None:
        return
    if instance.cancelled and not before.cancelled:
        notifications.tell_registrants(event=instance, kind="cancelled")
        return
    if not instance.cancelled and any(
        getattr(instance, name) != getattr(before, name) for name in SCHEDULE_FIELDS
    ):
        notifications.tell_registrants(event=instance, kind="changed")
    more_seats = instance.capacity is None or (
        before.capacity is not None and instance.capacity > before.capacity
    )
    if more_seats and instance.capacity != before.capacity:
        registration.fill_free_seats(event=instance)


def give_away_a_deleted_seat(sender, instance: Registration, **kwargs) -> None:
    """A member who erases their account frees their seat: the waiting list moves up."""
    if instance.status != RegistrationStatus.CONFIRMED:
        return
    event_id = instance.event_id

    def promote():
        event = EventPage.objects.filter(pk=event_id).first()
        if event is not None:
            registration.fill_free_seats(event=event)

    transaction.on_commit(promote)
