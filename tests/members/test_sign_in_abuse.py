"""Sign-in abuse: no account enumeration, failed logins are rate-limited."""

import os
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.db import connection

User = get_user_model()
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def known_member(db):
    user = User.objects.create_user(email="lea.martin@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    cache.clear()
    yield user
    cache.clear()


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, known_member):
    known = client.post("/accounts/password/reset/", {"email": "lea.martin@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    # Both addresses get a message: the unknown one is told no account exists.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "lea.martin@example.org",
        "nobody@example.org",
    ]


def test_sign_up_with_a_taken_address_answers_as_a_new_one(client, known_member):
    taken = client.post(
        "/accounts/signup/",
        {"email": "lea.martin@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.cookies.clear()
    new = client.post(
        "/accounts/signup/",
        {"email": "new.member@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert taken.status_code == new.status_code == 302
    assert taken.headers["Location"] == new.headers["Location"]
    assert User.objects.filter(email="lea.martin@example.org").count() == 1


def test_failed_logins_are_limited_per_account(client, known_member):
    for _attempt in range(5):
        response = client.post(
            "/accounts/login/", {"login": "lea.martin@example.org", "password": "wrong"}
        )
        assert response.status_code == 200
    # The right password no longer opens the account until the limit expires.
    response = client.post(
        "/accounts/login/", {"login": "lea.martin@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client.get("/").wsgi_request.user.is_anonymous


def test_a_failed_login_alone_does_not_lock_the_account(client, known_member):
    client.post("/accounts/login/", {"login": "lea.martin@example.org", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"login": "lea.martin@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == known_member


def failed_sign_ins_elsewhere(email: str, attempts: int, *, cache: dict | None) -> list[int]:
    """``attempts`` wrong passwords for ``email`` from another process on the same database."""
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}"
            f"@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
    }
    if cache is not None:
        environment.update(CACHE_URL=cache["LOCATION"], CACHE_KEY_PREFIX=cache["KEY_PREFIX"])
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.members.sign_in_elsewhere", email, str(attempts)],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return [int(line) for line in done.stdout.split()]


# The other process needs to see the account: a database server, committed rows.
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two processes share no in-memory SQLite database (production runs PostgreSQL)",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("shared", [True, False], ids=["redis", "each-process-its-own-memory"])
def test_failed_sign_ins_in_two_processes_add_up(client, redis_cache, settings, shared):
    """Three failures in another worker and two here lock the account: on Redis only.

    The negative control gives each process a memory of its own, as a cache that is
    not shared would: the two here are then too few, and the password opens it.
    """
    user = User.objects.create_user(email="lea.martin@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if not shared:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    elsewhere = failed_sign_ins_elsewhere(
        user.email, 3, cache=settings.CACHES["default"] if shared else None
    )
    assert elsewhere == [200, 200, 200]
    for _attempt in range(2):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    if shared:
        assert response.status_code == 200
        assert "Trop de tentatives de connexion échouées." in response.content.decode()
        assert client.get("/").wsgi_request.user.is_anonymous
    else:
        assert response.status_code == 302
        assert client.get("/").wsgi_request.user == user
