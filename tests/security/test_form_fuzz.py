"""Every HTML form of the site, filled with what no browser would send: never a 500.

The forms are found, not listed: the test visits the demo's pages as a visitor, a
member who leads a club, an event organiser and a guest holding a cancellation link,
and reads every ``<form>`` they show. Each is then submitted with hypothesis's
values in its fields — over-long strings, integers past the database's, NUL and
control characters, markup, wrong types, repeated or missing fields, bytes as files —
and once with a body past the upload limit. Every answer must be below 500 (the test
client re-raises a view's exception, so a crash fails the example that caused it).

Each example runs in a transaction rolled back after it, with the browser's cookies
put back: an example that erases the account, signs out or leaves a club leaves the
next one the same site to try.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.usersessions.models import UserSession
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clubs.models import Club, JoinPolicy
from events.guest_links import guest_token
from events.models import EventPage
from events.registration import register
from members.demo import LEADER_EMAIL, MEMBER_EMAIL, ORGANISER_EMAIL
from tests.page_types import MEMBER_PAGES, VISITOR_PAGES

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "x" * 60_000,
    "é" * 2_000,
    "\x00",
    "a\x00b",
    "\x01\x08\x1b\x7f",
    "\r\n\t",
    "99999999999999999999",
    str(2**63),
    "-9223372036854775809",
    "-1",
    "0",
    "1e309",
    "NaN",
    "3.14",
    "2026-13-45",
    "9999-12-31T25:61",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "javascript:alert(1)",
    "=1+2",
    "@" * 300 + ".org",
    "null",
    "[]",
    "{}",
    "true",
]
EXAMPLES_PER_FORM = 12

# The site's views that take a form: each must be found on some page, so a form
# that stops being rendered (or a page that stops answering) fails the test too.
EXPECTED_VIEWS = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_email",
    "account_change_password",
    "account_logout",
    "usersessions_list",
    "set_language",
    "search:search",
    "members:directory",
    "members:edit",
    "members:contact",
    "members:connect",
    "members:my_data",
    "members:my_data_export",
    "clubs:directory",
    "clubs:propose",
    "clubs:action",
    "clubs:invite",
    "clubs:announce",
    "clubs:change_role",
    "events:register",
    "events:propose",
    "events:my_calendar",
    "events:check_in",
    "events:guest_cancel",
}
# Forms posted to a Wagtail page's own address: the accessibility statement's report.
EXPECTED_PAGE_FORMS = {"/accessibilite/"}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # the input's type, "textarea" or "select"
    value: str


@dataclass(frozen=True)
class Form:
    page: str
    method: str
    action: str
    enctype: str
    fields: tuple[Field, ...]

    @property
    def view_name(self) -> str:
        return resolve(urlsplit(self.action).path).view_name


def forms_on(page: str, html: str) -> list[Form]:
    forms = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        fields = []
        for element in form.find_all(["input", "textarea", "select"]):
            if (
                not element.get("name")
                or element.name == "input"
                and element.get("type")
                in {
                    "submit",
                    "button",
                    "reset",
                }
            ):
                continue
            if element.name == "select":
                option = element.find("option", selected=True) or element.find("option")
                value = option.get("value", option.text) if option else ""
                kind = "select"
            elif element.name == "textarea":
                value, kind = element.text, "textarea"
            else:
                value, kind = element.get("value", ""), element.get("type", "text")
            fields.append(Field(element["name"], kind, value))
        forms.append(
            Form(
                page=page,
                method=form.get("method", "get").lower(),
                action=urljoin(page, form.get("action") or page),
                enctype=form.get("enctype", ""),
                fields=tuple(fields),
            )
        )
    return forms


def field_values(field: Field):
    """What one field may carry: its own value, a nasty one, any text, two values or none."""
    if field.name == "csrfmiddlewaretoken":
        return st.just(field.value)
    if field.kind == "file":
        return st.one_of(
            st.none(),
            st.binary(max_size=2_000).map(lambda data: SimpleUploadedFile("x.jpg", data)),
            st.sampled_from(NASTY),
        )
    one = st.one_of(st.just(field.value), st.sampled_from(NASTY), st.text(max_size=200))
    return st.one_of(one, st.lists(one, min_size=2, max_size=3), st.none())


def submissions(form: Form):
    return st.fixed_dictionaries({field.name: field_values(field) for field in form.fields}).map(
        lambda data: {name: value for name, value in data.items() if value is not None}
    )


def submit(client, form: Form, data: dict):
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)
    try:
        with transaction.atomic():
            if form.method == "post":
                response = client.post(form.action, data)
            else:
                response = client.get(form.action, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response


def fuzz(client, form: Form) -> None:
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=submissions(form))
    def one_submission(data):
        response = submit(client, form, data)
        assert response.status_code < 500, (form.action, response.status_code)

    one_submission()
    if form.method == "post":
        oversized = submit(client, form, {"fill": "x" * (3 * 1024 * 1024)})
        assert 300 <= oversized.status_code < 500, (form.action, oversized.status_code)


def discover(client, pages) -> list[Form]:
    found = []
    for page in pages:
        response = client.get(page)
        assert response.status_code in {200, 404}, (page, response.status_code)
        found.extend(forms_on(page, response.content.decode()))
    return found


def distinct(forms: list[Form]) -> list[Form]:
    """One form of each shape (view, method, field names): the same form on two pages once."""
    seen, kept = set(), []
    for form in forms:
        shape = (form.view_name, form.method, tuple(sorted(f.name for f in form.fields)))
        if shape not in seen:
            seen.add(shape)
            kept.append(form)
    return kept


@pytest.fixture
def roles(client, demo_site):
    """Each role's client and the pages where it meets forms."""
    users = get_user_model().objects
    leader, member, organiser = (
        users.get(email=email) for email in (LEADER_EMAIL, MEMBER_EMAIL, ORGANISER_EMAIL)
    )
    other = member.profile.pk
    event = EventPage.objects.get(slug="fete-de-la-science")
    guest = register(event=event, name="Invitée Fuzz", email="invitee.fuzz@example.org")
    # A club of each join policy the leader is not in: the join and the ask-to-join forms.
    clubs = Club.objects.active().exclude(memberships__profile=leader.profile)
    other_clubs = [clubs.filter(join_policy=policy).first() for policy in JoinPolicy.values]
    cancel_link = f"/events/guests/cancel/{guest_token(guest, purpose='cancel')}/"
    visitor_pages = [*VISITOR_PAGES, event.url, cancel_link]
    leader_pages = [
        *(page.format(profile=leader.profile.pk) for page in MEMBER_PAGES),
        f"/members/{other}/",
        f"/members/{other}/contact/",
        "/members/me/network/",
        "/members/me/data/",
        "/clubs/propose/",
        "/clubs/",
        *(club.get_absolute_url() for club in other_clubs if club),
        "/events/propose/club-biotech/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/sessions/",
        "/accounts/logout/",
    ]
    organiser_pages = [f"/events/{event.pk}/check-in/", f"/events/{event.pk}/registrations/"]
    signed_in(leader)  # a second browser: the sessions page offers to sign it out
    return [
        (client, visitor_pages),
        (signed_in(leader), leader_pages),
        (signed_in(organiser), organiser_pages),
    ]


def signed_in(user):
    """A browser signed in as ``user``, its session listed as allauth lists a sign-in."""
    client = Client()
    client.force_login(user)
    request = RequestFactory().get("/", HTTP_USER_AGENT="Fuzz")
    request.session, request.user = client.session, user
    UserSession.objects.create_from_request(request)
    return client


def test_no_form_answers_a_server_error(roles):
    fuzzed, page_forms = set(), set()
    for client, pages in roles:
        for form in distinct(discover(client, pages)):
            fuzz(client, form)
            fuzzed.add(form.view_name)
            if form.view_name == "wagtail_serve" and form.method == "post":
                page_forms.add(urlsplit(form.action).path)
    assert EXPECTED_VIEWS - fuzzed == set()
    assert EXPECTED_PAGE_FORMS - page_forms == set()
