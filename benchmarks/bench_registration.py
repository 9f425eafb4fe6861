"""Registrations per second under contention on PostgreSQL.

200 clients (processes, each with its own database connection) are released
together and register 3 members each to one event of 300 seats with a waiting
list: 600 registrations fight for one row lock. Prints the total time, the
rate, the latency per registration (p50/p95) and checks the invariants (no seat
beyond capacity, nobody twice, the rest waitlisted).

Runs on its own database (``BENCH_DATABASE_URL``, by default
``postgres://cercle@127.0.0.1:5432/cercle_bench``), created and migrated here.
"""

import gc
import multiprocessing
import os
import random
import statistics
import sys
import time
from urllib.parse import urlsplit

CLIENTS = 200
PER_CLIENT = 3
SEATS = 300
SEED = 2026

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://cercle@127.0.0.1:5432/cercle_bench")


def _fresh_database() -> None:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def _setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = DATABASE_URL
    import django

    django.setup()
    from django.test.utils import override_settings

    # As in production: e-mails wait in the database queue for the worker.
    override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}).enable()


def _data():
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from wagtail.models import Page, Site

    from events.models import EventIndexPage, EventPage
    from home.models import HomePage
    from members.models import Profile, User

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Accueil", slug="accueil", hero_title="Cercle"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    index = home.add_child(instance=EventIndexPage(title="Événements", slug="events"))
    start = timezone.now() + timedelta(days=30)

    def publish(title: str, hours: int, **seats) -> EventPage:
        event = index.add_child(
            instance=EventPage(
                title=title,
                summary="Le banc d’essai des inscriptions.",
                start=start,
                end=start + timedelta(hours=hours),
                venue="Maison de l’innovation",
                organiser_service="Pôle partenariats",
                **seats,
            )
        )
        event.save_revision().publish()
        return event

    event = publish("Forum des porteurs de projets", 3, capacity=SEATS, waitlist_enabled=True)
    # Where each client registers once before the rush, to run every line of the path.
    warm_up = publish("Répétition", 1)
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"bench{number}@example.org", password=password)
        for number in range(CLIENTS * PER_CLIENT)
    )
    profiles = Profile.objects.bulk_create(
        Profile(user=user, kind="alumnus", first_name="Camille", last_name=f"Banc{number}")
        for number, user in enumerate(users)
    )
    for profile, user in zip(profiles, users, strict=True):
        profile.user = user
    return EventPage.objects.get(pk=event.pk), EventPage.objects.get(pk=warm_up.pk), profiles


def _run(event, warm_up, profiles) -> tuple[float, list[float], list[str]]:
    """Each client is a process of its own, as behind gunicorn's workers: no GIL shared."""
    from django.db import connections

    random.Random(SEED).shuffle(profiles)
    batches = [profiles[n::CLIENTS] for n in range(CLIENTS)]
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(CLIENTS + 1)
    results = context.Queue()
    connections.close_all()  # each client opens its own connection
    gc.freeze()  # the clients share the parent's objects without copying them
    clients = [
        context.Process(target=_client, args=(event, warm_up, batch, barrier, results))
        for batch in batches
    ]
    for process in clients:
        process.start()
    barrier.wait()
    began = time.perf_counter()
    latencies: list[float] = []
    failures: list[str] = []
    for _ in clients:
        done, error = results.get()
        latencies += done
        if error:
            failures.append(error)
    elapsed = time.perf_counter() - began
    for process in clients:
        process.join()
    return elapsed, latencies, failures


def _client(event, warm_up, batch, barrier, results) -> None:
    from django.db import connections

    from events import registration

    latencies: list[float] = []
    error = ""
    try:
        # A warm worker, as gunicorn's are long before the rush: its connection open
        # (production keeps them, CONN_MAX_AGE) and the whole path run once, on
        # another event.
        registration.register(event=warm_up, profile=batch[0])
        barrier.wait()
        for profile in batch:
            began = time.perf_counter()
            registration.register(event=event, profile=profile)
            latencies.append(time.perf_counter() - began)
    except Exception as failure:  # noqa: BLE001 - counted and reported by the parent
        error = repr(failure)
    finally:
        connections.close_all()
        results.put((latencies, error))


def _invariants(event) -> tuple[bool, str]:
    from events.models import Registration

    active = Registration.objects.active().filter(event=event)
    confirmed = active.filter(status="confirmed").count()
    waitlisted = active.filter(status="waitlisted").count()
    duplicates = active.count() - active.values("profile").distinct().count()
    expected_waiting = CLIENTS * PER_CLIENT - SEATS
    ok = confirmed == SEATS and waitlisted == expected_waiting and duplicates == 0
    return ok, (
        f"confirmed {confirmed}/{SEATS} seats, waitlisted {waitlisted} "
        f"(expected {expected_waiting}), duplicates {duplicates}"
    )


def main() -> int:
    _fresh_database()
    _setup_django()
    from django.core.management import call_command

    print(f"Migrating {urlsplit(DATABASE_URL).path.lstrip('/')} …", flush=True)
    call_command("migrate", verbosity=0)
    event, warm_up, profiles = _data()
    total = len(profiles)
    print(
        f"{CLIENTS} clients × {PER_CLIENT} registrations = {total} for {SEATS} seats "
        "with a waiting list, one event, PostgreSQL row lock",
        flush=True,
    )
    elapsed, latencies, failures = _run(event, warm_up, profiles)
    latencies.sort()
    ok, summary = _invariants(event)
    print(f"total time         {elapsed:.2f} s")
    print(f"registrations/s    {len(latencies) / elapsed:.0f}")
    print(f"latency p50        {statistics.median(latencies) * 1000:.1f} ms")
    print(f"latency p95        {latencies[int(len(latencies) * 0.95) - 1] * 1000:.1f} ms")
    print(f"failures           {len(failures)}")
    print(f"invariants         {'OK' if ok and not failures else 'BROKEN'}: {summary}")
    return 0 if ok and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
