import re

import pytest
import redis
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError

User = get_user_model()
PASSWORD = "correct-horse-battery-42"


def sign_up(client, email="lea.martin@example.org"):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


@pytest.mark.django_db
def test_sign_up_sends_a_verification_email_and_verifying_signs_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/confirm-email/"

    user = User.objects.get(email="lea.martin@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea.martin@example.org"]
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", message.body).group(1)

    assert client.get("/").wsgi_request.user.is_anonymous
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/").wsgi_request.user == user


@pytest.mark.django_db
def test_unverified_account_cannot_sign_in(client):
    sign_up(client)
    client.logout()
    mail.outbox.clear()
    response = client.post(
        "/accounts/login/", {"login": "lea.martin@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/accounts/confirm-email/"
    assert client.get("/").wsgi_request.user.is_anonymous


@pytest.mark.django_db
def test_sign_up_with_a_taken_address_creates_nothing_and_reveals_nothing(client):
    """The page looks the same as for a new address; the owner is told by e-mail."""
    user = User.objects.create_user(email="lea.martin@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = sign_up(client, email="Lea.Martin@Example.org")
    assert response.headers["Location"] == "/accounts/confirm-email/"
    assert User.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["lea.martin@example.org"]]


@pytest.fixture
def verified_member(db):
    user = User.objects.create_user(email="samir.haddad@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_login_with_email_and_password(client, verified_member, demo_site):
    response = client.post(
        "/accounts/login/", {"login": "samir.haddad@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == verified_member
    assert "samir.haddad@example.org" in client.get("/").content.decode()


@pytest.mark.django_db
def test_wrong_password_gets_a_clear_error(client, verified_member):
    response = client.post(
        "/accounts/login/", {"login": "samir.haddad@example.org", "password": "nope"}
    )
    assert response.status_code == 200
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode()
    assert client.get("/").wsgi_request.user.is_anonymous


@pytest.mark.django_db
def test_password_reset_sends_a_link(client, verified_member):
    response = client.post("/accounts/password/reset/", {"email": "samir.haddad@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_email_is_the_login_identifier():
    user = User.objects.create_user(email="Nadia.Benali@EXAMPLE.org", password=PASSWORD)
    assert user.email == "Nadia.Benali@example.org"
    assert User.USERNAME_FIELD == "email"
    assert user.check_password(PASSWORD)
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="nadia.benali@example.org", password=PASSWORD)


def test_passwords_are_hashed_with_argon2_outside_tests():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_failed_logins_are_counted_in_the_shared_cache(
    client, verified_member, redis_cache, settings
):
    """allauth's limits count in production's cache: Redis, shared by every worker."""
    for _ in range(5):
        client.post("/accounts/login/", {"login": verified_member.email, "password": "nope"})
    response = client.post(
        "/accounts/login/", {"login": verified_member.email, "password": PASSWORD}
    )
    assert "Trop de tentatives de connexion échouées." in response.content.decode()
    assert client.get("/").wsgi_request.user.is_anonymous
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    assert redis.Redis.from_url(redis_cache).keys(f"{prefix}:*")
