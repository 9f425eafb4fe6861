import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from clubs.models import Club, MembershipRole
from events.models import EventIndexPage, EventPage
from tests.clubs.factories import MembershipFactory
from tests.members.factories import ProfileFactory


def in_days(days: float, hour: int = 18) -> dt.datetime:
    moment = timezone.localtime() + dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Événements"
    slug = "events"
    introduction = "Rencontres, conférences et fêtes de l’université."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Rencontre numéro {n}")
    summary = "Une soirée pour rencontrer les diplômés et les partenaires."
    start = factory.LazyFunction(lambda: in_days(10))
    end = factory.LazyAttribute(lambda event: event.start + dt.timedelta(hours=2))
    venue = "Amphithéâtre Bacchus"
    address = "42 rue Paul Duez, 59000 Lille"
    organiser_service = "Relations avec les diplômés"
    capacity = 10

    class Meta:
        model = EventPage


def publish(event: EventPage) -> EventPage:
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def join(club: Club, profile=None, *, role=MembershipRole.MEMBER):
    """Makes ``profile`` (a new one by default) an active member of ``club``; returns it."""
    return MembershipFactory(club=club, profile=profile or ProfileFactory(), role=role).profile
