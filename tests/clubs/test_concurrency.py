"""Two leaders leaving at the same moment: the club's row lock keeps one of them."""

import threading

import pytest
from django.db import OperationalError, connection

from clubs import services
from tests.clubs.factories import ClubFactory, LeaderFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_leaders_leaving_at_once_leave_one_leader_behind():
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
        finally:
            connection.close()

    threads = [threading.Thread(target=leave, args=(profile,)) for profile in leaders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert club.memberships.leaders().count() == 1
    assert outcomes.count("left") == 1
