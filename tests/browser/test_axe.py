"""axe-core (WCAG 2.1 A and AA rules) finds nothing on any page type, in both languages."""

import pytest
from django.contrib.auth import get_user_model

from members.demo import LEADER_EMAIL
from tests.browser.conftest import axe_violations, set_language
from tests.page_types import MEMBER_PAGES, VISITOR_PAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _scan(page, base_url, paths):
    found = {}
    for path in paths:
        response = page.goto(base_url + path)
        assert response.status == (404 if "n-existe-pas" in path else 200), path
        assert page.evaluate("() => document.querySelector('main') !== null"), path
        if violations := axe_violations(page):
            found[path] = violations
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
def test_visitor_pages(demo, page, refusals, language):
    set_language(page.context, demo.url, language)
    assert _scan(page, demo.url, VISITOR_PAGES) == {}
    assert refusals == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_refused_forms(demo, page, refusals, language):
    """Forms showing their errors: a wrong password, an incomplete sign-up."""
    set_language(page.context, demo.url, language)
    page.goto(demo.url + "/accounts/login/")
    page.fill("input[name=login]", "nobody@example.org")
    page.fill("input[name=password]", "not-the-password")
    page.locator("main form[method=post] [type=submit]").first.click()
    assert axe_violations(page) == []
    page.goto(demo.url + "/accounts/signup/")
    page.locator("main form[method=post] [type=submit]").first.click()
    assert axe_violations(page) == []
    # The accessibility statement's contact form, sent empty: its error summary takes
    # the focus, and the title says there is an error.
    page.goto(demo.url + "/accessibilite/")
    page.locator("main form.statement__form [type=submit]").click()
    page.wait_for_load_state()
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert page.title().startswith("Erreur\u202f:" if language == "fr" else "Error:")
    assert axe_violations(page) == []
    assert refusals == []


def _sign_in(page, base_url):
    user = get_user_model().objects.get(email=LEADER_EMAIL)
    user.set_password("x-long-pass-9")
    user.save()
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=login]", LEADER_EMAIL)
    page.fill("input[name=password]", "x-long-pass-9")
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()
    return user


@pytest.mark.parametrize("language", ["fr", "en"])
def test_page_showing_a_message(demo, page, refusals, language):
    set_language(page.context, demo.url, language)
    _sign_in(page, demo.url)
    assert page.locator(".message").count() == 1
    assert axe_violations(page) == []
    assert refusals == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_member_pages(demo, page, refusals, language):
    """A club leader visits the member pages, their own club's management page included."""
    set_language(page.context, demo.url, language)
    user = _sign_in(page, demo.url)
    paths = [p.format(profile=user.profile.pk) for p in MEMBER_PAGES]
    assert _scan(page, demo.url, paths) == {}
    assert refusals == []
