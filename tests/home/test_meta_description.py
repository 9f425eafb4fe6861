"""Every page describes itself to search engines: the editor's words, else its own summary."""

import html
import re

import pytest
from wagtail.models import Page, get_page_models

from tests.clubs.factories import ClubFactory
from tests.home.factories import StandardPageFactory, make_site_home

pytestmark = pytest.mark.django_db


def description(response) -> str:
    found = re.findall(r'<meta name="description" content="([^"]*)">', response.content.decode())
    assert len(found) == 1
    return html.unescape(found[0])


def test_the_demo_home_and_standard_pages_have_descriptions(demo_site, client):
    assert description(client.get("/")) == (
        "Diplômés, étudiants, personnels, entreprises, associations et collectivités : "
        "Cercle est votre espace."
    )
    assert description(client.get("/a-propos/")).startswith("Cercle réunit l'université")


def test_every_demo_page_has_a_description(demo_site, client):
    for page in Page.objects.live().public().exclude(depth=1).specific():
        assert description(client.get(page.url)), page.url


def test_the_editors_description_comes_first_and_long_texts_are_cut(client):
    home = make_site_home()
    page = StandardPageFactory(parent=home, slug="long", introduction="Le réseau " * 40)
    text = description(client.get(page.url))
    assert len(text) <= 160 and text.endswith("…") and text.startswith("Le réseau")
    page.search_description = "Ce que nous faisons, en une phrase."
    page.save_revision().publish()
    assert description(client.get(page.url)) == "Ce que nous faisons, en une phrase."


@pytest.mark.parametrize("model", get_page_models(), ids=lambda model: model.__name__)
def test_editors_can_write_the_description_of_every_page_type(model):
    assert "search_description" in model.get_edit_handler().get_form_options()["fields"]


def test_plain_text_is_described_as_written(client):
    page = StandardPageFactory(parent=make_site_home(), introduction="Sciences <et> société & co")
    assert description(client.get(page.url)) == "Sciences <et> société & co"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/clubs/", "Clubs géographiques en France et à l’étranger"),
        ("/members/", "L’annuaire des diplômés"),
        ("/organisations/", "associations, administrations et collectivités"),
        ("/search/", "Cherchez dans les actualités"),
    ],
)
def test_the_community_views_describe_themselves(client, url, words):
    make_site_home()
    ClubFactory(name="Club Voile")
    response = client.get(url)
    assert response.status_code == 200
    assert words in description(response)
