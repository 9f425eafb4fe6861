"""Keyboard users: the skip link comes first and focus is always visible."""

import pytest

from tests.browser.conftest import set_language

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            return outline || (s.boxShadow && s.boxShadow !== 'none');
        }"""
    )


def test_skip_link_first_and_focus_visible(demo, page, refusals):
    set_language(page.context, demo.url, "fr")
    page.goto(demo.url + "/")
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert first and first.startswith("#")
    assert _focus_is_visible(page)
    for _ in range(15):
        page.keyboard.press("Tab")
        tag = page.evaluate("() => document.activeElement.tagName")
        assert _focus_is_visible(page), tag
    assert refusals == []


def test_search_suggestion_chosen_by_keyboard(demo, page, refusals):
    set_language(page.context, demo.url, "fr")
    page.goto(demo.url + "/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "site-search-q":
            break
    page.keyboard.type("biotech", delay=50)
    page.locator("#site-search-suggestions [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.rstrip("/") != demo.url)
    assert "biotech" in page.url
    assert refusals == []
