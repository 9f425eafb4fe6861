"""The contact relay's limit on the cache production uses: Redis, shared by every worker.

Five messages an hour must mean five for the member, whichever worker takes each
one, and an hour must stay an hour however many messages it counts. Two negative
controls show that the tests see what goes wrong otherwise: a limit kept in each
worker's memory lets each worker send five, and the cache production used before
(the database cache, whose ``incr`` writes the counter again with the default
timeout) shortens the hour to five minutes.
"""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from members import services
from members.policies import contact_key
from tests.members.factories import ProfileFactory

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS_PER_WORKER = services.CONTACT_LIMIT

# A worker: sends ATTEMPTS_PER_WORKER messages once told to go, then prints how many
# e-mails went out and how many attempts were refused.
WORKER = """
import json, sys
import django
django.setup()
from django.core import mail
from django.test.utils import override_settings, setup_test_environment
from members import services
from members.models import Profile, User

setup_test_environment()
sender = User.objects.get(pk=int(sys.argv[1]))
recipient = Profile.objects.get(pk=int(sys.argv[2]))
refused = 0
with override_settings(CACHES=json.loads(sys.argv[3])):
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(int(sys.argv[4])):
        try:
            services.send_contact_message(
                sender=sender, recipient=recipient, subject="S", body="B"
            )
        except services.MemberError:
            refused += 1
print(len(mail.outbox), refused, flush=True)
"""


def _send(sender, recipient, times):
    refused = 0
    for _ in range(times):
        try:
            services.send_contact_message(
                sender=sender.user, recipient=recipient, subject="S", body="B"
            )
        except services.MemberError:
            refused += 1
    return refused


def _database_url():
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _two_workers_at_once(caches, sender, recipient):
    """Both workers send ATTEMPTS_PER_WORKER messages at once; returns (delivered, refused)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
    }
    arguments = [str(sender.user.pk), str(recipient.pk), json.dumps(caches)]
    workers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", WORKER, *arguments, str(ATTEMPTS_PER_WORKER)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for worker in workers:
            assert worker.stdout.readline().strip() == "ready"
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        results = [worker.communicate(timeout=120)[0].split() for worker in workers]
    finally:
        for worker in workers:
            worker.kill()
    assert all(worker.returncode == 0 for worker in workers)
    return tuple(sum(int(result[column]) for result in results) for column in (0, 1))


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The workers read the test database over their own connections: PostgreSQL only.",
)


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_sending_at_once_deliver_five_messages_in_all(redis_cache, settings):
    sender, recipient = ProfileFactory(), ProfileFactory()
    delivered, refused = _two_workers_at_once(settings.CACHES, sender, recipient)
    assert delivered == services.CONTACT_LIMIT
    assert refused == 2 * ATTEMPTS_PER_WORKER - services.CONTACT_LIMIT


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_negative_control_a_limit_in_each_workers_memory_lets_each_send_five(settings):
    sender, recipient = ProfileFactory(), ProfileFactory()
    local_memory = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    delivered, refused = _two_workers_at_once(local_memory, sender, recipient)
    assert (delivered, refused) == (2 * services.CONTACT_LIMIT, 0)


@pytest.mark.django_db
def test_the_hour_stays_an_hour_whatever_it_counts(redis_cache, settings):
    sender, recipient = ProfileFactory(), ProfileFactory()
    assert _send(sender, recipient, services.CONTACT_LIMIT + 1) == 1
    client = redis.Redis.from_url(redis_cache)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    (counter,) = client.keys(f"{prefix}:*:{contact_key(sender.user)}")
    assert client.ttl(counter) > services.CONTACT_WINDOW_SECONDS - 60
    assert services.contact_messages_left(sender.user) == 0


@pytest.mark.django_db
def test_negative_control_the_database_cache_shortens_the_hour_to_minutes(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cercle_cache",
        }
    }
    call_command("createcachetable")
    sender, recipient = ProfileFactory(), ProfileFactory()
    assert _send(sender, recipient, 2) == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM cercle_cache WHERE cache_key LIKE %s",
            [f"%{contact_key(sender.user)}"],
        )
        ((expires,),) = cursor.fetchall()
    if timezone.is_naive(expires):  # SQLite keeps UTC without saying so
        expires = expires.replace(tzinfo=datetime.UTC)
    left = (expires - timezone.now()).total_seconds()
    assert left <= 300 < services.CONTACT_WINDOW_SECONDS - 60
