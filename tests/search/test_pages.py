"""The search page, the header's search box and the completions behind it."""

import pytest
from bs4 import BeautifulSoup

from tests.home.factories import StandardPageFactory
from tests.search.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(indexed):
    with indexed():
        return build_world()


def test_results_across_kinds_with_tabs_counts_and_highlights(client, world):
    body = client.get("/search/?q=lille").content.decode()
    assert (
        '<a href="?q=lille" aria-current="page">Tout <span class="search-tabs__count">(3)' in body
    )
    assert 'href="?q=lille&amp;kind=clubs">Clubs <span class="search-tabs__count">(1)' in body
    assert "Club Lille Métropole" in body
    assert "<mark>Lille</mark>" in body
    assert "3 résultats" in body


def test_facet_filters_work_without_javascript(client, world):
    client.force_login(world.member)
    body = client.get("/search/?q=&kind=members&country=FR").content.decode()
    assert "2 résultats" in body
    assert 'name="country" value="FR" checked' in body
    assert 'France <span class="search-facets__count">(2)' in body
    assert "Sophie Martin" not in body
    assert "Énergie et environnement" in body


def test_pagination_links_keep_the_query(client, world):
    client.force_login(world.member)
    body = client.get("/search/?kind=members&sort=name&page_size=2").content.decode()
    assert "Page 1 sur 2" in body
    assert 'href="?kind=members&amp;sort=name&amp;page_size=2&amp;page=2" rel="next"' in body


def test_an_empty_result_suggests_what_to_do(client, world):
    body = client.get("/search/?q=introuvablissime").content.decode()
    assert "Rien ne correspond à « introuvablissime » ici." in body
    assert "Connectez-vous" in body
    assert 'href="/members/"' in body


def test_the_page_without_a_query_invites_to_search(client, world):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Tapez un nom, un club, un lieu, une expertise ou un sujet." in response.content.decode()


def test_a_bad_parameter_is_explained(client, world):
    response = client.get("/search/?q=lille&sort=hasard")
    assert response.status_code == 400
    assert "Tri inconnu « hasard »" in response.content.decode()
    assert client.get("/search/?near=nord").status_code == 400


def test_members_only_results_stay_hidden_from_visitors(client, world):
    assert "Marc Bernard" not in client.get("/search/?q=bernard").content.decode()
    client.force_login(world.member)
    assert "Marc Bernard" in client.get("/search/?q=bernard").content.decode()


def test_the_search_page_reads_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.member)
    with django_assert_max_num_queries(20):
        response = client.get("/search/?q=&kind=members&page_size=100")
    assert response.status_code == 200


def test_header_search_box_is_an_accessible_combobox(client, world):
    body = client.get("/").content.decode()
    assert 'role="search" data-autocomplete-url="/search/autocomplete/"' in body
    assert 'role="combobox" aria-autocomplete="list" aria-expanded="false"' in body
    assert 'aria-controls="site-search-suggestions"' in body
    assert "/static/js/combobox.js" in body


def test_completions_as_json(client, world):
    assert client.get("/search/autocomplete/?q=club").json() == {
        "suggestions": [
            {
                "kind": "clubs",
                "kind_label": "Clubs",
                "label": "Club Lille Métropole",
                "url": f"/clubs/{world.lille_club.slug}/",
            }
        ],
        "degraded": False,
    }
    refused = client.get("/search/autocomplete/?q=club&kind=offres")
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"kind": refused.json()["message"]}
    assert "offres" in refused.json()["message"]


def test_the_member_directory_completes_names_through_the_search(client, world):
    body = client.get("/members/?q=dupont").content.decode()
    assert 'data-autocomplete-url="/search/autocomplete/?kind=members"' in body
    assert 'role="combobox"' in body and 'aria-controls="directory-suggestions"' in body
    assert 'href="/search/?q=dupont"' in body
    completions = client.get("/search/autocomplete/?q=c&kind=members").json()["suggestions"]
    assert completions == []
    completions = client.get("/search/autocomplete/?q=c&kind=clubs").json()["suggestions"]
    assert [s["label"] for s in completions] == ["Club Lille Métropole"]


def _page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_rich_text_is_shown_as_written_and_escaped_once(client, backend, indexed):
    with indexed():
        world = build_world()
        StandardPageFactory(
            parent=world.home,
            title="Bienvenue",
            slug="bienvenue",
            introduction="Le réseau des diplômés & de leurs amis",
            body=[("heading", {"text": "Un réseau pour toute l'université", "level": "h2"})],
        )
        world.home.introduction = "<p>Les <b>diplômés</b> d’Arras</p>"
        world.home.save_revision().publish()
    page = _page(client.get("/search/?q=toute"))
    (highlight,) = page.select(".search-hit__highlight")
    assert "diplômés & de leurs amis Un réseau pour toute l'université" in highlight.get_text()
    assert [mark.get_text() for mark in highlight.find_all("mark")] == ["toute"]
    (home,) = _page(client.get("/search/?q=arras")).select(".search-hit")
    assert home.select_one(".search-hit__highlight").get_text() == "Les diplômés d’Arras"


def _results_share_the_page_with(page) -> list[str]:
    """The classes of the boxes beside the results (none: the results take the width)."""
    layout = page.select_one(".search-page__layout")
    assert layout.find("section", class_="search-results") is not None
    return [" ".join(child["class"]) for child in layout.find_all(recursive=False)]


def test_results_take_the_page_width_unless_filters_sit_beside_them(client, world):
    everything = _page(client.get("/search/?q=lille"))
    assert "directory__layout" not in everything.select_one(".search-page__layout")["class"]
    assert _results_share_the_page_with(everything) == ["search-results"]
    nothing = _page(client.get("/search/?q=introuvablissime"))
    assert "directory__layout" not in nothing.select_one(".search-page__layout")["class"]
    assert nothing.select_one(".search-results .empty-state") is not None
    clubs = _page(client.get("/search/?q=lille&kind=clubs"))
    assert "directory__layout" in clubs.select_one(".search-page__layout")["class"]
    assert _results_share_the_page_with(clubs) == [
        "directory__filters search-facets",
        "search-results",
    ]


def test_places_are_named_in_the_readers_language(client, backend, indexed):
    with indexed():
        world = build_world()
        world.lille_club.country = "BE"
        world.lille_club.save()

    def places(language):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        page = _page(client.get("/search/?kind=members&kind=clubs"))
        return {
            hit.select_one(".search-hit__title").get_text(): hit.select_one(
                ".search-hit__meta"
            ).get_text()
            for hit in page.select(".search-hit")
        }

    assert places("fr")["Sophie Martin"] == "Roubaix, Belgique"
    assert places("en")["Sophie Martin"] == "Roubaix, Belgium"
    assert places("en")["Club Lille Métropole"] == "Lille, Belgium"
