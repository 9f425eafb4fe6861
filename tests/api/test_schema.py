"""The community API keeps the promises of its own OpenAPI document.

schemathesis reads ``/api/community/openapi.json`` from the application itself (in
process, through Django's WSGI entry point) and sends every operation requests built
from the document: its boundary values (the coverage phase) and random ones (the
fuzzing phase), schema-valid and not. Each answer must:

- not be a server error;
- be documented: its status code, its content type and its body as the schema says;
- accept a schema-valid request: a 400 there means the document promises more than
  the endpoint takes (a refusal for a rule, 401/403/404/409, stays allowed).

Twice: as a visitor, with identifiers drawn at random, and signed in as a member with
a profile who leads a club and organises an event, with the path's identifiers
pinned to those rows so that the endpoints run their rules rather than answer 404.
The run is bounded (a few examples per operation, derandomized) to stay within a
few minutes on CI's two cores.
"""

from __future__ import annotations

import datetime as dt
from http.cookies import SimpleCookie

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from clubs.models import MembershipRole, MembershipStatus
from config.wsgi import application
from events.models import Registration, RegistrationStatus
from tests.clubs.factories import ClubFactory, MembershipFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, in_days, publish
from tests.home.factories import make_site_home
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.api_schema

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    positive_data_acceptance,
]

# A CSRF secret the run sends as its cookie and its header, as a browser's page would.
CSRF_TOKEN = "schemathesisCsrfSecret0123456789"  # 32 letters and digits

schema = schemathesis.openapi.from_wsgi("/api/community/openapi.json", application)


BOUNDED = settings(
    max_examples=20,
    derandomize=True,
    deadline=dt.timedelta(seconds=20),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
    database=None,
    print_blob=False,
)


@pytest.fixture
def in_test_transaction(db):
    """Requests through the WSGI handler stay inside the test's transaction.

    Django closes "old" connections when a request starts and ends; in a test that
    would close the one holding the test's transaction. Its test client unhooks
    this the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def community(in_test_transaction):
    """A member with a profile who leads a club and organises an event someone attends."""
    leader = ProfileFactory(city="Lille", country="FR")
    club = ClubFactory(slug="api-club", city="Lille", country="FR")
    MembershipFactory(club=club, profile=leader, role=MembershipRole.LEADER)
    pending = MembershipFactory(club=club, status=MembershipStatus.PENDING, joined_at=None)
    index = EventIndexPageFactory(parent=make_site_home())
    event = publish(EventPageFactory(parent=index, organiser_club=club, start=in_days(7)))
    guest = ProfileFactory()
    registration = Registration.objects.create(
        event=event,
        profile=guest,
        name=guest.full_name,
        email=guest.user.email,
        status=RegistrationStatus.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    return {
        "user": leader.user,
        "pins": {
            "slug": club.slug,
            "event_id": event.pk,
            "member_id": leader.pk,
            "membership_id": pending.pk,
            "registration_id": registration.pk,
        },
    }


def session_cookies(user=None) -> dict[str, str]:
    cookies = {"csrftoken": CSRF_TOKEN}
    if user is not None:
        client = Client()
        client.force_login(user)
        jar: SimpleCookie = client.cookies
        cookies["sessionid"] = jar["sessionid"].value
    return cookies


# Operations whose valid bodies the document cannot wholly describe: a profile's city
# must be one the gazetteer knows, its addresses must be deliverable. Their refusals
# are still checked to be documented, translated 4xx, never a server error.
SEMANTIC_BODIES = {("PATCH", "/api/community/members/me")}


def call(case, cookies: dict[str, str]) -> None:
    checks = CHECKS
    if (case.method.upper(), case.path) in SEMANTIC_BODIES:
        checks = [check for check in CHECKS if check is not positive_data_acceptance]
    case.call_and_validate(
        cookies=cookies,
        headers={"X-CSRFToken": CSRF_TOKEN},
        checks=checks,
    )


@schema.parametrize()
@BOUNDED
def test_visitor(case, community):
    call(case, session_cookies())


@schema.parametrize()
@BOUNDED
def test_signed_in_member(case, community):
    pins = community["pins"]
    case.path_parameters = {
        name: pins.get(name, value) for name, value in (case.path_parameters or {}).items()
    }
    call(case, session_cookies(community["user"]))
