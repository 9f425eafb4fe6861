"""The event page offers an action if and only if the service accepts it, and the API agrees.

For every state of an event and every kind of person, the page is read as that
person, the API's ``registration_options`` too, and the real service is called in
a savepoint that is rolled back: the three answers must agree, and match what the
rules say (the table in ``expected``).
"""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from events import registration
from events.errors import RegistrationError
from events.models import Audience, EventPage, Registration
from members.services import MemberError, require_profile
from tests.clubs.factories import ClubFactory
from tests.events.factories import join
from tests.members.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

API = "/api/community/events"

STATES = [
    "before_opening",
    "open",
    "full_with_waiting_list",
    "full_without_waiting_list",
    "closed",
    "started",
    "ended",
    "cancelled",
]
ACTORS = [
    "visitor",
    "member_without_club",
    "club_member",
    "organiser",
    "staff",
    "already_registered",
    "signed_in_without_profile",
]


def _put_in_state(event: EventPage, state: str) -> None:
    """Moves a published event to ``state`` (the live row the page and services read)."""
    now = timezone.now()
    seats_held = event.registrations.confirmed().count()
    changes = {
        "before_opening": {"registration_opens_at": now + dt.timedelta(days=2)},
        "open": {},
        "full_with_waiting_list": {"capacity": seats_held, "waitlist_enabled": True},
        "full_without_waiting_list": {"capacity": seats_held, "waitlist_enabled": False},
        "closed": {"registration_closes_at": now - dt.timedelta(hours=1)},
        "started": {"start": now - dt.timedelta(hours=1), "end": now + dt.timedelta(hours=1)},
        "ended": {"start": now - dt.timedelta(hours=3), "end": now - dt.timedelta(hours=1)},
        "cancelled": {"cancelled": True},
    }[state]
    EventPage.objects.filter(pk=event.pk).update(**changes)


def _actor(kind: str, club):
    """``(user or None, profile or None)`` of one kind of person."""
    if kind == "visitor":
        return None, None
    if kind == "signed_in_without_profile":
        return UserFactory(), None
    if kind == "member_without_club":
        profile = ProfileFactory()
    elif kind == "staff":
        profile = ProfileFactory(user__is_staff=True, user__is_superuser=True)
    elif kind == "organiser":
        profile = join(club, role="leader")
    else:
        profile = join(club)
    return profile.user, profile


def _register_accepted(event, user, profile) -> bool:
    """Whether the service registers this person, tried in a savepoint rolled back."""
    with transaction.atomic():
        try:
            if user is not None and profile is None:
                require_profile(user)
            registration.register(
                event=event, profile=profile, name="Ada Lovelace", email="ada@example.org"
            )
        except (RegistrationError, MemberError):
            return False
        finally:
            transaction.set_rollback(True)
    return True


def _cancel_accepted(event, profile, mine) -> bool:
    with transaction.atomic():
        try:
            if mine is not None:
                registration.cancel(registration=mine)
            elif profile is not None:
                registration.cancel_mine(event=event, profile=profile)
            else:
                return False
        except RegistrationError:
            return False
        finally:
            transaction.set_rollback(True)
    return True


def expected(state: str, actor: str, audience: str) -> tuple[bool, bool]:
    """What the rules say: (may register, may cancel)."""
    takes_registrations = state in ("open", "full_with_waiting_list")
    meant_for = audience == Audience.PUBLIC or actor in ("club_member", "organiser")
    may_register = (
        takes_registrations
        and meant_for
        and actor not in ("already_registered", "signed_in_without_profile")
    )
    may_cancel = actor == "already_registered" and state not in ("started", "ended")
    return may_register, may_cancel


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.CLUB_MEMBERS])
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("state", STATES)
def test_the_page_offers_what_the_service_accepts(client, make_event, state, actor, audience):
    club = ClubFactory(name="Club Biotech")
    event = make_event(organiser_club=club, audience=audience, capacity=10)
    registration.register(event=event, profile=join(club))
    user, profile = _actor(actor, club)
    mine = None
    if actor == "already_registered":
        mine = registration.register(event=event, profile=profile)
    _put_in_state(event, state)
    event = EventPage.objects.get(pk=event.pk)

    if user is not None:
        client.force_login(user)
    page = client.get(event.url)
    assert page.status_code == 200
    html = page.content.decode()
    page_register = f'action="/events/{event.pk}/register/"' in html
    page_cancel = f'action="/events/{event.pk}/cancel/"' in html
    options = client.get(f"{API}/{event.pk}").json()["registration_options"]

    service_register = _register_accepted(event, user, profile)
    service_cancel = _cancel_accepted(event, profile, mine)

    assert page_register == service_register == options["can_register"]
    assert page_cancel == service_cancel == options["can_cancel"]
    assert (service_register, service_cancel) == expected(state, actor, audience)
    if not options["can_register"]:
        assert options["refusal"]
    assert Registration.objects.filter(event=event).count() == 1 + (mine is not None)


def test_a_full_event_with_a_waiting_list_says_so_before_one_registers(client, make_event):
    event = make_event(capacity=1)
    registration.register(event=event, profile=ProfileFactory())
    client.force_login(ProfileFactory().user)
    assert "Rejoindre la liste d’attente" in client.get(event.url).content.decode()
    assert client.get(f"{API}/{event.pk}").json()["registration_options"]["will_waitlist"]
