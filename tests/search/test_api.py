"""``/api/community/search``: the search page's parameters, in JSON."""

import pytest

from search.params import FACET_NAMES
from tests.search.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(indexed):
    with indexed():
        return build_world()


def test_search_with_facets_and_counts(client, world):
    client.force_login(world.member)
    body = client.get("/api/community/search?kind=members&country=FR&sort=name").json()
    assert body["count"] == 2
    assert body["degraded"] is False
    assert body["counts_by_kind"]["members"] == 2
    assert [hit["title"] for hit in body["results"]] == ["Hélène Dupont", "Marc Bernard"]
    assert {"value": "FR", "label": "France", "count": 2, "selected": True} in body["facets"][
        "country"
    ]


def test_visitors_get_public_results_only(client, world):
    body = client.get("/api/community/search?q=bernard").json()
    assert body["count"] == 0
    body = client.get("/api/community/search?q=universite&near=50.63,3.06&radius=20").json()
    assert [hit["title"] for hit in body["results"]] == ["Hélène Dupont"]
    assert body["results"][0]["distance_km"] < 1
    assert body["results"][0]["highlights"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=deux", "page"),
        ("kind=offres", "kind"),
        ("near=50.6", "near"),
        ("radius=-3&near=50.6,3.0", "radius"),
        ("couleur=bleu", "couleur"),
        ("page=0", "page"),
        ("page=10001", "page"),
        ("page_size=101", "page_size"),
        ("near=95,3.0", "near"),
    ],
)
def test_bad_parameters_answer_400_with_a_message(client, world, query, field):
    response = client.get(f"/api/community/search?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["message"]
    # A list item's key also names its place: "kind.0" (or "params.kind.0").
    assert [field in key.split(".") for key in body["errors"]] == [True]


def test_sorting_by_distance_without_a_place_keeps_the_default_order(client, world):
    by_distance = client.get("/api/community/search?q=universite&sort=distance")
    assert by_distance.status_code == 200
    default = client.get("/api/community/search?q=universite").json()
    assert by_distance.json()["results"] == default["results"]


def test_a_facet_the_chosen_kinds_do_not_have_matches_nothing(client, world):
    response = client.get("/api/community/search?kind=clubs&sector=energy")
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert client.get("/api/community/search?kind=clubs").json()["count"] > 0


def test_a_page_past_the_last_one_is_empty(client, world):
    body = client.get("/api/community/search?q=universite&page=40").json()
    assert body["page"] == 40
    assert body["count"] > 0
    assert body["results"] == []


def test_the_published_schema_declares_the_parameters_and_their_bounds(client):
    document = client.get("/api/community/openapi.json").json()
    operation = document["paths"]["/api/community/search"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert set(FACET_NAMES) < set(parameters)
    assert parameters["page"]["schema"]["type"] == "integer"
    assert parameters["page"]["schema"]["minimum"] == 1
    assert parameters["page_size"]["schema"]["maximum"] == 100
    kinds = document["components"]["schemas"]["SearchKind"]["enum"]
    assert kinds == ["members", "clubs", "events", "pages"]
    assert {"400", "503"} <= set(operation["responses"])
    assert "SearchHitOut" in document["components"]["schemas"]


def test_autocomplete(client, world):
    body = client.get("/api/community/search/autocomplete?q=sop").json()
    assert body == {
        "degraded": False,
        "suggestions": [
            {"kind": "members", "label": "Sophie Martin", "url": world.sophie.get_absolute_url()}
        ],
    }
    assert client.get("/api/community/search/autocomplete?q=so&kind=nope").status_code == 400
