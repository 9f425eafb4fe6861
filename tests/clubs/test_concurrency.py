"""Two leaders leaving at the same moment: the club's row lock keeps one of them."""

import threading

import pytest
from django.db import OperationalError, connection

from clubs import services
from config import locking
from tests.clubs.factories import ClubFactory, LeaderFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Under xdist, one at a time with the other races (tests/events/test_concurrency.py).
    pytest.mark.xdist_group("serial"),
]


def two_leaders_leave_at_once():
    """Two leaders of a new club leave it in parallel threads, each on its own connection."""
    club = ClubFactory()
    leaders = [LeaderFactory(club=club).profile, LeaderFactory(club=club).profile]
    start = threading.Barrier(len(leaders))
    outcomes = []

    def leave(profile):
        try:
            start.wait()
            services.leave(club=club, profile=profile)
            outcomes.append("left")
        except services.ClubError:
            outcomes.append("refused")
        except OperationalError:
            # SQLite answers a concurrent writer with "database is locked".
            outcomes.append("busy")
        except threading.BrokenBarrierError:
            outcomes.append("stuck")
        finally:
            connection.close()

    threads = [threading.Thread(target=leave, args=(profile,)) for profile in leaders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return club, outcomes


def test_two_leaders_leaving_at_once_leave_one_leader_behind():
    club, outcomes = two_leaders_leave_at_once()

    assert club.memberships.leaders().count() == 1
    assert outcomes.count("left") == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite serialises writers itself: without the row lock the race cannot happen.",
)
def test_without_the_row_lock_the_same_race_leaves_a_club_without_leader(monkeypatch):
    """Negative control: the harness above does catch the bug the row lock prevents."""
    leaderless = 0
    for _run in range(3):
        # Both leaders pass the "someone else leads" check before either of them writes.
        both_checked = threading.Barrier(2, timeout=10)
        monkeypatch.setattr(locking, "race_hook", both_checked.wait)
        club, outcomes = two_leaders_leave_at_once()
        if not club.memberships.leaders().exists():
            leaderless += 1
            assert outcomes == ["left", "left"]

    assert leaderless >= 1
