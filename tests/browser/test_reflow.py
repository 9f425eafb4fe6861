"""Reflow (WCAG 1.4.10) with text spacing (1.4.12): at 320 CSS pixels wide, with the
spacing WCAG asks a page to bear, no page scrolls sideways and no text is cut."""

import pytest
from django.contrib.auth import get_user_model

from members.demo import LEADER_EMAIL
from tests.browser.conftest import set_language
from tests.page_types import MEMBER_PAGES, VISITOR_PAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# WCAG 1.4.12's figures, as a bookmarklet applies them; a constructed style sheet,
# which the page's policy (no inline style) does not refuse.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
MEASURE = """css => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const width = document.documentElement.clientWidth;
    const past = [];
    for (const element of document.querySelectorAll('body *')) {
        const box = element.getBoundingClientRect();
        if (box.width > 1 && box.right > width + 1) {
            const name = `${element.tagName.toLowerCase()}.${element.className}`;
            past.push(`${name} +${Math.round(box.right - width)}px`);
        }
    }
    return {scrolls: document.documentElement.scrollWidth - width, past: past.slice(0, 3)};
}"""


def _overflows(page, base_url, paths):
    found = {}
    for path in paths:
        page.goto(base_url + path)
        measure = page.evaluate(MEASURE, TEXT_SPACING)
        if measure["scrolls"] > 0:
            found[path] = measure
    return found


@pytest.fixture
def narrow(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context
    context.close()


def test_visitor_pages_reflow_at_320_pixels(demo, narrow, refusals):
    set_language(narrow, demo.url, "fr")
    page = narrow.new_page()
    assert _overflows(page, demo.url, VISITOR_PAGES) == {}


def test_member_pages_reflow_at_320_pixels(demo, narrow, signed_in):
    leader = get_user_model().objects.get(email=LEADER_EMAIL)
    page = signed_in(leader, "fr")
    page.set_viewport_size({"width": 320, "height": 640})
    paths = [path.format(profile=leader.profile.pk) for path in MEMBER_PAGES]
    assert _overflows(page, demo.url, paths) == {}
