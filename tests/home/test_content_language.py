"""On English pages, the community's French content is marked lang="fr" (WCAG 3.1.2)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from clubs.models import Club
from events.models import EventPage
from members.models import Organisation
from news.models import NewsPage


def _unmarked(html: str, strings: set[str]) -> list[str]:
    """The demo's French strings in ``html``'s body with no lang="fr" around them."""
    body = BeautifulSoup(html, "html.parser").body
    found = []
    for text in body.find_all(string=True):
        value = " ".join(text.split())
        if value not in strings or text.parent.name in ("script", "style"):
            continue
        marked = text.find_parent(attrs={"lang": True})
        if marked is None or marked["lang"] != "fr":
            found.append(value)
    return found


def _demo_strings() -> set[str]:
    titles = set(Page.objects.live().exclude(depth=1).values_list("title", flat=True))
    clubs = Club.objects.values_list("name", "summary")
    events = EventPage.objects.live().values_list("summary", flat=True)
    news = NewsPage.objects.live().values_list("summary", flat=True)
    organisations = Organisation.objects.values_list("name", flat=True)
    return {
        *titles,
        *(value for pair in clubs for value in pair),
        *events,
        *news,
        *organisations,
    } - {""}


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _urls(demo_site):
    event = EventPage.objects.live().first()
    story = NewsPage.objects.live().first()
    club = Club.objects.active().first()
    about = Page.objects.live().get(slug="a-propos")
    return [
        "/",
        about.url,
        story.get_parent().url,
        story.url,
        event.get_parent().url,
        event.url,
        reverse("clubs:directory"),
        club.get_absolute_url(),
        reverse("members:organisations"),
        Organisation.objects.first().get_absolute_url(),
        reverse("search:search") + "?q=club",
    ]


@pytest.mark.django_db
def test_french_content_on_english_pages_is_marked_french(demo_site, client):
    strings = _demo_strings()
    client = _english(client)
    for url in _urls(demo_site):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert _unmarked(html, strings) == [], url


@pytest.mark.django_db
def test_the_menu_says_its_french_titles_are_french(demo_site, client):
    html = _english(client).get("/").content.decode()
    menu = BeautifulSoup(html, "html.parser").select_one("nav.main-menu")
    links = {link.get_text(strip=True): link.get("lang") for link in menu.find_all("a")}
    assert links["À propos"] == "fr"
    assert links["Actualités"] == "fr"
    assert links["Clubs"] is None  # the interface's own word, in English


@pytest.mark.django_db
def test_french_pages_carry_no_extra_lang(demo_site, client):
    page = BeautifulSoup(client.get("/").content.decode(), "html.parser")
    assert page.html["lang"] == "fr"
    # Only the language switcher names its languages in their own language.
    marked = {element.get_text(strip=True) for element in page.body.find_all(lang="fr")}
    assert marked == {"Français"}


@pytest.mark.django_db
def test_search_suggestions_are_told_the_language_of_their_names(demo_site, client):
    page = BeautifulSoup(_english(client).get("/").content.decode(), "html.parser")
    assert page.select_one("#site-search-suggestions")["data-label-lang"] == "fr"
