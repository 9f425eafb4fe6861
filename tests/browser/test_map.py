"""The clubs' map in Chromium: in the page's language, clustered where clubs are close,
usable with the keyboard alone (a link past it, popups that take the focus, close with
Escape and give it back), and without an axe violation."""

import pytest

from tests.browser.conftest import axe_violations, set_language

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def open_map(page, base_url, language):
    set_language(page.context, base_url, language)
    page.goto(base_url + "/clubs/")
    page.wait_for_selector("#club-map.club-map__canvas--ready")


def a_marker(page, *, keyboard=False):
    """A club's own marker, opening clusters (click or Enter) until one shows."""
    markers = page.locator(".leaflet-marker-icon[title]")
    for _ in range(8):
        if markers.count():
            return markers.first
        cluster = page.locator(".marker-cluster").first
        if keyboard:
            cluster.focus()
            page.keyboard.press("Enter")
        else:
            cluster.click()
        page.wait_for_timeout(700)
    raise AssertionError("no club marker after opening eight clusters")


def test_the_map_speaks_french_and_gathers_clubs_close_together(demo, page, refusals):
    open_map(page, demo.url, "fr")
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "Zoom avant"
    assert page.get_attribute(".leaflet-control-zoom-out", "title") == "Zoom arrière"
    credit = page.get_attribute(
        ".leaflet-control-attribution a[href='https://leafletjs.com']", "title"
    )
    assert credit.startswith("Leaflet, une bibliothèque JavaScript")
    # Arras and Brussels overlap at the first zoom: a cluster names how many it holds.
    cluster = page.locator(".marker-cluster").first
    assert "clubs ici" in cluster.inner_text() or "clubs ici" in cluster.text_content()
    a_marker(page).click()
    close = page.locator(".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == "Fermer la fiche de ce club"
    # The popup fades in: axe reads its colours once it is opaque.
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    assert axe_violations(page) == []
    assert refusals == []


def test_the_map_works_with_the_keyboard_alone(demo, page, refusals):
    open_map(page, demo.url, "en")
    # A link past the map comes just before its controls and markers, shown when
    # the keyboard reaches it.
    page.focus(".club-map__skip")
    assert page.locator(".club-map__skip").bounding_box()["x"] >= 0
    page.keyboard.press("Tab")
    assert page.evaluate(
        "() => document.getElementById('club-map').contains(document.activeElement)"
    )
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.className") == "club-map__skip"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "results-title"
    # A marker opens its popup with Enter; the focus goes into it, Escape closes it
    # and the focus is back on the marker.
    marker = a_marker(page, keyboard=True)
    name = marker.get_attribute("title")
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup")
    assert page.evaluate("() => document.activeElement.textContent") == name
    assert page.evaluate("() => document.activeElement.lang") == "fr"
    page.keyboard.press("Escape")
    page.wait_for_selector(".leaflet-popup", state="detached", timeout=2_000)
    assert page.evaluate("() => document.activeElement.getAttribute('title')") == name
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "Zoom in"
    assert axe_violations(page) == []
    assert refusals == []
