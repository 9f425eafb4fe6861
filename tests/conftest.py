import io
import os
import re
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import translation

from tests.services import REDIS_UNAVAILABLE_ENV
from tests.services.redis_server import DEFAULT_URL as USUAL_REDIS_URL


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request in English before it leaves
    English active in the thread (the locale middleware does not switch back)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits live in the cache: each test starts with none spent."""
    cache.clear()


def _redis_url() -> str:
    """``REDIS_TEST_URL`` (``make test`` sets it), else the usual local Redis when it answers."""
    if url := os.environ.get("REDIS_TEST_URL"):
        return url
    reason = os.environ.get(REDIS_UNAVAILABLE_ENV)
    if reason is None:
        try:
            redis.Redis.from_url(USUAL_REDIS_URL, socket_connect_timeout=2).ping()
        except redis.RedisError as error:
            reason = f"{USUAL_REDIS_URL} does not answer ({error}) and REDIS_TEST_URL is not set"
        else:
            return USUAL_REDIS_URL
    pytest.fail(f"No Redis: {reason}", pytrace=False)


@pytest.fixture(autouse=True)
def _signed_in_as_allauth_does(monkeypatch):
    """``client.force_login`` leaves the session as a real sign-in through allauth does.

    The session records a password authentication made now, and for an account that
    must have a second factor (staff) a TOTP authenticator and its use, as allauth's
    MFA stage records it. ``client.login`` stays a bare Django sign-in.
    """
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.base.internal.flows import post_authentication
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from members.middleware import needs_second_factor

    force_login = Client.force_login

    def signed_in(client, user, backend=None):
        force_login(client, user, backend)
        request = RequestFactory().get("/")
        request.session = client.session
        record_authentication(request, user, "password", email=user.email)
        # A fresh copy: the permission cache of the caller's instance stays untouched.
        if needs_second_factor(type(user).objects.get(pk=user.pk)):
            authenticator = (
                Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
                or TOTP.activate(user, generate_totp_secret()).instance
            )
            request.user = user
            post_authentication(request, authenticator)
        request.session.save()

    monkeypatch.setattr(Client, "force_login", signed_in)

    # Wagtail's test helper signs its test superuser in with a password; the same
    # second-factor stage follows.
    from django.contrib.auth import get_user_model
    from wagtail.test.utils import WagtailTestUtils

    wagtail_login = WagtailTestUtils.login

    def login(test, user=None, username=None, password="password"):  # noqa: S107
        user = wagtail_login(test, user=user, username=username, password=password)
        if user is None:
            email = username if "@" in username else f"{username}@example.com"
            user = get_user_model().objects.get(email=email)
        signed_in(test.client, user)
        return user

    monkeypatch.setattr(WagtailTestUtils, "login", login)


@pytest.fixture
def redis_cache(settings):
    """The default cache on the test Redis, as in production, under this test's own key prefix.

    Returns the server's URL. Nothing here clears the cache: on Redis that flushes
    the whole database, other users' keys with it.
    """
    url = _redis_url()
    prefix = f"cercle-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield url
    client = redis.Redis.from_url(url)
    if keys := list(client.scan_iter(f"{prefix}:*")):
        client.delete(*keys)
    client.close()


@pytest.fixture
def footer_read(db):
    """The footer's statement link read once, as every request after a site's first
    finds it in the cache: query bounds then count what a page itself asks."""
    from home.statement_link import statement_link

    statement_link()


@pytest.fixture
def demo_output(db):
    """Loads the demo content as `make run` does and returns what the command printed."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_site(demo_output):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def demo_admin_credentials(demo_output):
    email = re.search(r"e-mail:\s+(\S+)", demo_output).group(1)
    password = re.search(r"password:\s+(\S+)", demo_output).group(1)
    return email, password
