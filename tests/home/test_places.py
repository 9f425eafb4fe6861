"""Cities chosen from the offline gazetteer: typed names resolve to a city and its position."""

import pytest

from home import places


@pytest.mark.parametrize("typed", ["Montréal", "Montreal", "montreal, CA", "MONTRÉAL, Canada"])
def test_montreal_however_it_is_typed(typed):
    place = places.resolve_place(typed)
    assert (place.name, place.country) == ("Montréal", "CA")
    assert place.latitude == pytest.approx(45.51, abs=0.05)
    assert place.longitude == pytest.approx(-73.59, abs=0.05)


def test_alternate_names_and_namesakes():
    assert places.resolve_place("Londres").name == "London"
    assert places.resolve_place("Lisbonne").country == "PT"
    assert places.resolve_place("Paris").country == "FR"
    texan = places.resolve_place("Paris", country="US")
    assert (texan.country, round(texan.latitude)) == ("US", 34)
    assert places.resolve_place("Paris, US") == texan


def test_a_picked_suggestion_is_taken_as_it_is():
    montreuil = places.search_places("Montreuil")[0]
    assert places.resolve_place("Montreuil, France", place_id=montreuil.geonameid) == montreuil
    assert places.resolve_place("", place_id=montreuil.geonameid) == montreuil


def test_unknown_places_and_mere_prefixes_are_refused():
    for typed in ("Atlantide", "Montr", "Paris, Japan"):
        with pytest.raises(places.UnknownPlace) as refused:
            places.resolve_place(typed)
        assert "n’est pas une ville connue" in refused.value.message
    with pytest.raises(places.UnknownPlace):
        places.resolve_place("  ")


def test_suggestions_start_with_what_is_typed_most_populous_first():
    labels = [place.label for place in places.search_places("montr")]
    assert labels[0] == "Montréal, Canada"
    assert "Montreuil, France" in labels
    assert places.search_places("m") == []
    assert {place.country for place in places.search_places("saint", country="FR")} == {"FR"}


@pytest.mark.django_db
def test_the_suggestions_endpoint(client):
    response = client.get("/api/community/places/suggestions", {"q": "lisbo"})
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["label"].startswith("Lisbon, ")
    assert places.get_place(int(first["value"])).country == "PT"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"), [({"q": "l" * 201}, "q"), ({"q": "lisbo", "contry": "PT"}, "contry")]
)
def test_the_suggestions_endpoint_refuses_what_it_does_not_take(client, query, field):
    response = client.get("/api/community/places/suggestions", query)
    assert response.status_code == 400
    body = response.json()
    assert body["message"]
    assert field in body["errors"]
