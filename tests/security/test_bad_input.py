"""Malformed input answers a translated 4xx, never a server error, and stores nothing.

Each request below once reached a 500 (an over-long filter, a page number or an id
past the database's integers, an oversized body, a capacity past 2⁶³); each now has a
declared bound that is enforced before the database is asked.
"""

import json

import pytest
from django.conf import settings

from events.models import EventPage
from members.models import Profile, User
from tests.members.factories import ProfileFactory
from tests.members.test_bad_input import profile_form

pytestmark = pytest.mark.django_db

LONG = "x" * 60_000
HUGE = "99999999999999999999"
PAST_IDS = str(2**63)


@pytest.fixture
def french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


@pytest.fixture
def member(french, demo_site):
    profile = Profile.objects.filter(user__isnull=False, user__is_superuser=False).first()
    french.force_login(profile.user)
    return profile


def assert_refused(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.content[:300])


UNBOUNDED_QUERIES = [
    f"/api/community/members/?programme={LONG}",
    f"/api/community/members/?city={LONG}",
    f"/api/community/members/?expertise={LONG}",
    f"/api/community/members/?q={LONG}",
    f"/organisations/?q={LONG}",
    f"/clubs/?q={LONG}",
    f"/clubs/?theme={LONG}",
    f"/members/?q={LONG}",
    f"/members/?city={LONG}",
    f"/search/?q={LONG}",
    f"/api/community/search?q={LONG}",
    f"/api/community/clubs/?q={LONG}",
    f"/events/?theme={LONG}",
    "/events/?theme=a%00b",
    "/events/?organiser=service:%00",
    f"/api/community/members/?page={HUGE}",
    f"/api/community/search?q=club&page={HUGE}",
    f"/api/community/events/?page={HUGE}",
    f"/api/community/clubs/?page={HUGE}",
    f"/members/?page={HUGE}",
    f"/search/?q=club&page={HUGE}",
    f"/clubs/?page={HUGE}",
    f"/events/?page={HUGE}",
    f"/api/community/events/{PAST_IDS}",
    f"/api/community/events/{PAST_IDS}/registrations",
    f"/api/community/members/{PAST_IDS}",
    f"/events/calendar/{PAST_IDS}.ics",
]


def test_an_unbounded_query_is_refused_or_answered(member, french):
    # One demo site for every query (loading it takes seconds).
    answers = {url[:80]: french.get(url).status_code for url in UNBOUNDED_QUERIES}
    assert {url: status for url, status in answers.items() if status >= 500} == {}


@pytest.mark.parametrize(
    "method, url",
    [
        ("post", f"/api/community/events/{PAST_IDS}/registration"),
        ("delete", f"/api/community/events/{PAST_IDS}/registration"),
        ("put", f"/api/community/events/{PAST_IDS}/capacity"),
    ],
)
def test_an_event_id_past_the_database_answers_not_found(signed_in, french, method, url):
    response = getattr(french, method)(url, data="{}", content_type="application/json")
    assert_refused(response, 404)
    assert response.json()["message"]


def test_a_capacity_past_the_database_is_refused(french, demo_site):
    event = EventPage.objects.live().filter(capacity__isnull=False).first()
    french.force_login(User.objects.filter(is_superuser=True).first())
    response = french.put(
        f"/api/community/events/{event.pk}/capacity",
        data=json.dumps({"capacity": 10**19}),
        content_type="application/json",
    )
    assert_refused(response, 400)
    assert "capacity" in response.json()["errors"]
    event.refresh_from_db()
    assert event.capacity != 10**19


def test_an_oversized_api_body_answers_413_with_a_message(signed_in, french):
    body = json.dumps({"biography": "x" * (3 * 1024 * 1024)})
    response = french.patch("/api/community/members/me", data=body, content_type="application/json")
    assert_refused(response, 413)
    assert "trop" in response.json()["message"].lower()


def test_an_oversized_form_body_answers_413_in_the_site_layout(signed_in, french):
    response = french.post("/members/me/edit/", {"biography": "x" * (3 * 1024 * 1024)})
    assert_refused(response, 413)
    assert "<main" in response.content.decode()


INVALID_CHANGES = [
    ({"biography": "x" * 100_000}, "biography"),
    ({"headline": "Une\x00phrase"}, "headline"),
    ({"headline": "Une\x07phrase"}, "headline"),
    ({"expertise": ["x" * 300]}, "expertise"),
    ({"expertise": ["x" * 1_000_000]}, "expertise"),
    ({"first_name": "x" * 10_000}, "first_name"),
]


@pytest.fixture
def signed_in(french):
    profile = ProfileFactory(headline="Ancienne phrase")
    french.force_login(profile.user)
    return profile


@pytest.mark.parametrize("changes, field", INVALID_CHANGES)
def test_the_api_stores_only_what_the_form_accepts(signed_in, french, changes, field):
    response = french.patch(
        "/api/community/members/me", data=json.dumps(changes), content_type="application/json"
    )
    assert_refused(response, 400)
    assert response.json()["errors"][field]
    after = Profile.objects.get(pk=signed_in.pk)
    assert after.headline == "Ancienne phrase"
    assert not after.biography
    assert not after.expertise.exists()


def test_the_form_refuses_control_characters(signed_in, french):
    response = french.post("/members/me/edit/", profile_form(signed_in, headline="Une\x07phrase"))
    assert response.status_code == 200
    assert "caractère de contrôle" in response.content.decode()
    signed_in.refresh_from_db()
    assert signed_in.headline == "Ancienne phrase"
