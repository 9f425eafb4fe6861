"""Journeys: a real user's path through the site, in Chromium, end to end.

Each journey fails on a Content-Security-Policy refusal and runs axe-core on the
pages it meets (those showing a message are left out: the messages list is
the known axe ``listitem`` finding, see ``test_axe``). Locators go by role and
label, so they prove accessible names too.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from clubs.models import Membership, MembershipRole, MembershipStatus
from events.models import EventPage, Registration, RegistrationStatus
from home.demo import ADMIN_EMAIL
from members.models import Profile
from news.models import NewsIndexPage
from tests.browser.conftest import axe_violations, set_language

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OPEN_EVENT = "fete-de-la-science"
FULL_EVENT = "webinaire-reussir-sa-recherche-de-stage"


def _registered_to_neither() -> Profile:
    return (
        Profile.objects.filter(user__is_active=True)
        .exclude(event_registrations__event__slug__in=[OPEN_EVENT, FULL_EVENT])
        .order_by("pk")
        .first()
    )


def _registration_status(page):
    return page.get_by_role("region", name="Registration").get_by_role("status")


def test_register_wait_and_be_promoted(demo, signed_in, refusals):
    """A member registers, joins a waiting list; a seat frees up and goes to the first waiting."""
    newcomer = _registered_to_neither()
    page = signed_in(newcomer.user)

    page.goto(f"{demo.url}/events/{OPEN_EVENT}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Register", exact=True).click()
    page.wait_for_url(f"{demo.url}/events/{OPEN_EVENT}/")
    assert _registration_status(page).inner_text() == (
        "You are registered: your seat is confirmed."
    )

    page.goto(f"{demo.url}/events/{FULL_EVENT}/")
    registration = page.get_by_role("region", name="Registration")
    assert "The event is full" in registration.inner_text()
    registration.get_by_role("button", name="Join the waiting list").click()
    page.wait_for_url(f"{demo.url}/events/{FULL_EVENT}/")
    assert "You are on the waiting list, in position 5." in _registration_status(page).inner_text()

    event = EventPage.objects.get(slug=FULL_EVENT)
    seated, first_waiting = (
        Registration.objects.filter(event=event, status=status).order_by("created_at", "pk")[0]
        for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    )
    mail.outbox.clear()
    leaving = signed_in(seated.profile.user)
    leaving.goto(f"{demo.url}/events/{FULL_EVENT}/")
    leaving.get_by_role("button", name="Cancel my registration").click()
    leaving.wait_for_url(f"{demo.url}/events/{FULL_EVENT}/")
    expect(leaving.get_by_text("Your registration is cancelled.")).to_be_visible()

    promoted = signed_in(first_waiting.profile.user)
    promoted.goto(f"{demo.url}/dashboard/")
    entry = promoted.get_by_role("listitem").filter(
        has=promoted.get_by_role("link", name=event.title)
    )
    assert "Confirmed" in entry.inner_text()
    assert axe_violations(promoted) == []
    [letter] = [m for m in mail.outbox if m.to == [first_waiting.profile.user.email]]
    assert re.search("seat freed up|place s’est libérée", letter.subject)

    page.reload()
    assert "in position 4." in _registration_status(page).inner_text()
    assert axe_violations(page) == []
    assert refusals == []


def test_sign_up_and_choose_who_sees_what(demo, page, refusals):
    """A newcomer signs up, confirms the address, makes one section public, one private."""
    set_language(page.context, demo.url, "en")
    page.set_default_timeout(10_000)
    page.goto(f"{demo.url}/accounts/signup/")
    assert axe_violations(page) == []
    page.get_by_label("Email:", exact=True).fill("nadia.roux@example.org")
    page.get_by_label("Password:", exact=True).fill("une-phrase-de-passe-9")
    page.get_by_label("Password (again):", exact=True).fill("une-phrase-de-passe-9")
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    page.wait_for_url(re.compile("/accounts/confirm-email/$"))

    [letter] = [m for m in mail.outbox if m.to == ["nadia.roux@example.org"]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", letter.body).group(0)
    page.goto(link)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{demo.url}/members/me/edit/")

    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Roux")
    page.get_by_label("Headline:", exact=True).fill("Ingénieure en mobilités douces")
    page.get_by_label("Biography:", exact=True).fill("Vingt ans de pistes cyclables.")
    page.get_by_role("group", name="Who sees “Headline”").get_by_label(
        "Everybody, including visitors"
    ).check()
    page.get_by_role("group", name="Who sees “Biography”").get_by_label("Only me").check()
    page.get_by_label("Listed in the public directory").check()
    page.get_by_label(re.compile("^I have read the privacy notice")).check()
    page.get_by_role("button", name="Save my profile").click()
    page.wait_for_url(lambda url: not url.endswith("/members/me/edit/"))

    page.get_by_role("link", name="As a visitor sees it").click()
    page.wait_for_url(re.compile(r"\?as=visitor$"))
    main = page.get_by_role("main")
    assert "Ingénieure en mobilités douces" in main.inner_text()
    assert "Vingt ans de pistes cyclables." not in main.inner_text()
    page.get_by_role("link", name="As I see it").click()
    page.wait_for_url(re.compile(r"/members/\d+/$"))
    assert "Vingt ans de pistes cyclables." in page.get_by_role("main").inner_text()
    assert refusals == []


def test_join_a_club_and_one_on_approval(demo, signed_in, refusals):
    """A member joins an open club; the leaders of a club on approval accept them."""
    open_club, approval_club = "club-biotech", "club-des-docteurs"
    member = (
        Profile.objects.filter(user__is_active=True)
        .exclude(club_memberships__club__slug__in=[open_club, approval_club])
        .order_by("pk")
        .first()
    )
    leader = Membership.objects.get(
        club__slug=approval_club, role=MembershipRole.LEADER, status=MembershipStatus.ACTIVE
    ).profile
    page = signed_in(member.user)

    page.goto(f"{demo.url}/clubs/{open_club}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Join the club").click()
    page.wait_for_url(f"{demo.url}/clubs/{open_club}/")
    expect(page.get_by_text("You are a member of this club (Member).")).to_be_visible()

    page.goto(f"{demo.url}/clubs/{approval_club}/")
    page.get_by_label("A word for the leaders (optional)").fill("Doctorante en chimie verte.")
    page.get_by_role("button", name="Ask to join").click()
    page.wait_for_url(f"{demo.url}/clubs/{approval_club}/")
    expect(page.get_by_text("Your request is waiting for the leaders' answer.")).to_be_visible()

    manager = signed_in(leader.user)
    manager.goto(f"{demo.url}/clubs/{approval_club}/manage/")
    assert axe_violations(manager) == []
    requests = manager.get_by_role("region", name="Requests to join")
    requests.get_by_role("row").filter(has_text="Doctorante en chimie verte.").get_by_role(
        "button", name="Approve"
    ).click()
    manager.wait_for_url(re.compile(f"/clubs/{approval_club}/manage/"))
    expect(requests.get_by_text("Doctorante en chimie verte.")).to_have_count(0)

    page.reload()
    expect(page.get_by_text("You are a member of this club (Member).")).to_be_visible()
    assert axe_violations(page) == []
    assert refusals == []


def test_an_editor_publishes_a_story_a_visitor_reads_it(demo, signed_in, page, refusals):
    """An editor writes a story in the Wagtail admin and publishes it; a visitor reads it."""
    index = NewsIndexPage.objects.get()
    editor = signed_in(get_user_model().objects.get(email=ADMIN_EMAIL))
    editor.goto(f"{demo.url}/admin/pages/add/news/newspage/{index.pk}/")
    editor.get_by_role("textbox", name=re.compile("^Title")).fill("Le jardin partagé ouvre")
    editor.get_by_role("textbox", name=re.compile("^Summary")).fill(
        "Quarante parcelles au pied de la bibliothèque universitaire."
    )
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    editor.wait_for_url(re.compile(f"/admin/pages/{index.pk}/"))

    set_language(page.context, demo.url, "en")
    page.goto(f"{demo.url}/news/")
    page.get_by_role("link", name="Le jardin partagé ouvre").click()
    page.wait_for_url(re.compile("/news/le-jardin-partag"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Le jardin partagé ouvre")
    assert "Quarante parcelles" in page.get_by_role("main").inner_text()
    assert axe_violations(page) == []
    assert refusals == []


def _tab_to(page, locator, presses: int = 120) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_registration_form_with_the_keyboard_alone(demo, signed_in, refusals):
    """A member fills the registration form and sends it with Tab, typing and Enter."""
    newcomer = _registered_to_neither()
    page = signed_in(newcomer.user)
    page.goto(f"{demo.url}/events/{OPEN_EVENT}/")
    _tab_to(page, page.get_by_label("Nombre d’enfants qui vous accompagnent"))
    page.keyboard.type("2")
    _tab_to(page, page.get_by_role("button", name="Register", exact=True), presses=5)
    page.keyboard.press("Enter")
    expect(_registration_status(page)).to_have_text("You are registered: your seat is confirmed.")
    assert refusals == []
