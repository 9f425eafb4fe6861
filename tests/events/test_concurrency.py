"""The proof that registration never overbooks: real parallel registrations on PostgreSQL.

200 members, each in their own thread with their own database connection, are
released together by a barrier and ask for the last 5 seats of an event; 20 times.
The negative control runs the same race with ``config.locking.race_hook`` set: the
lock is not taken and every racer waits at the service's ``race_window()`` (after
counting the seats, before writing) for the others. It must overbook: it shows the
test can see the bug the lock prevents.
"""

import threading
import time

import pytest
from django.db import connection, connections

from config import locking
from events import registration
from events.models import Registration, RegistrationStatus
from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish
from tests.home.factories import make_site_home
from tests.members.factories import ProfileFactory

CLIENTS = 200
ROUNDS = 20
SEATS_LEFT = 5
ALREADY_TAKEN = 3

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Under xdist, on one worker with the other races and the degradation tests, one
    # at a time: 200 threads load both cores, and those tests time a node's restart.
    pytest.mark.xdist_group("serial"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Row locks and parallel connections need PostgreSQL; SQLite serialises writers.",
    ),
]


@pytest.fixture
def crowd(settings):
    # The e-mails are queued, not sent: the race is about seats, and 4,000 e-mails
    # rendered by 200 threads would only slow it down.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # 200 clients queue behind one row lock: on CI's two shared cores the last of them
    # waits longer than production's LOCK_TIMEOUT. The race is about seats, not about
    # waiting (tests/config/test_locking.py holds the timeout to its "try again").
    settings.LOCK_TIMEOUT = 300
    index = EventIndexPageFactory(parent=make_site_home())
    return index, ProfileFactory.create_batch(CLIENTS + ALREADY_TAKEN)


def _event_with_last_seats(index, early_birds):
    event = publish(
        EventPageFactory(parent=index, capacity=ALREADY_TAKEN + SEATS_LEFT, waitlist_enabled=True)
    )
    for profile in early_birds:
        registration.register(event=event, profile=profile)
    return event


def _race(event, profiles) -> list[BaseException]:
    barrier = threading.Barrier(len(profiles))
    failures: list[BaseException] = []

    def client(profile):
        try:
            barrier.wait()
            registration.register(event=event, profile=profile)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(profile,)) for profile in profiles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _wait_for_closed_connections()
    return failures


def _wait_for_closed_connections(timeout: float = 30.0) -> None:
    """Waits until the server has let the racers' connections go.

    A closed connection's server process ends a moment later: on two busy cores, the
    next round's 200 connections could otherwise find the last round's still counted
    against ``max_connections``.
    """
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            if cursor.fetchone()[0] <= 5:
                return
            time.sleep(0.05)


def _counts(event) -> dict[str, int]:
    registrations = Registration.objects.filter(event=event)
    active = registrations.active()
    return {
        "confirmed": registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
        "waitlisted": registrations.filter(status=RegistrationStatus.WAITLISTED).count(),
        "duplicates": active.count() - active.values("profile").distinct().count(),
    }


def test_two_hundred_people_racing_for_the_last_five_seats_never_overbook(crowd):
    index, profiles = crowd
    early_birds, racers = profiles[:ALREADY_TAKEN], profiles[ALREADY_TAKEN:]
    for _round in range(ROUNDS):
        event = _event_with_last_seats(index, early_birds)
        failures = _race(event, racers)
        assert failures == []
        counts = _counts(event)
        assert counts == {
            "confirmed": ALREADY_TAKEN + SEATS_LEFT,
            "waitlisted": CLIENTS - SEATS_LEFT,
            "duplicates": 0,
        }
        # The waiting list is in the order people got the lock: no two share a place.
        positions = [r.waitlist_position() for r in event.registrations.waitlisted()]
        assert positions == list(range(1, CLIENTS - SEATS_LEFT + 1))


class RacersMeet:
    """The race hook: each racer waits for the others between its check and its write.

    The test's own thread (setting up each round) passes straight through.
    """

    def __init__(self):
        self.barrier = None

    def __call__(self):
        if self.barrier is not None and threading.current_thread() is not threading.main_thread():
            self.barrier.wait(timeout=60)


def test_the_same_race_without_the_lock_overbooks(crowd, monkeypatch):
    """Negative control: the race above does catch overbooking when nothing prevents it."""
    meet = RacersMeet()
    monkeypatch.setattr(locking, "race_hook", meet)
    index, profiles = crowd
    early_birds, racers = profiles[:ALREADY_TAKEN], profiles[ALREADY_TAKEN:]
    overbooked_rounds = 0
    for _round in range(ROUNDS):
        event = _event_with_last_seats(index, early_birds)
        meet.barrier = threading.Barrier(len(racers))
        _race(event, racers)
        meet.barrier = None
        counts = _counts(event)
        overbooked_rounds += counts["confirmed"] > event.capacity
        assert counts["duplicates"] == 0
    assert overbooked_rounds > 0
