"""``/api/community/search``: the public search, as the search page answers it.

The parameters are declared with their bounds and choices (``SearchParams``), facet
filters included, so that the OpenAPI document says what is accepted; an undeclared
parameter is refused (``reject_unknown``). The endpoint then reads the query the way
the search page does (``search.params``). Refusals are ``InvalidSearch`` (400) and
``SearchUnavailable`` (503), answered by the API's one ``DomainError`` handler.
"""

from __future__ import annotations

from enum import Enum

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from config.protocol import Page, PageQuery, refusals, reject_unknown
from search import services
from search.params import query_from_params
from search.query import (
    DEFAULT_PAGE_SIZE,
    KINDS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_RADIUS_KM,
    MAX_TEXT_LENGTH,
)
from search.query import SORTS as SORT_NAMES

router = Router(tags=["search"])

SearchKind = Enum("SearchKind", {kind: kind for kind in KINDS}, type=str)
SearchSort = Enum("SearchSort", {sort: sort for sort in SORT_NAMES}, type=str)

# "latitude,longitude", each within its range: a value out of range is not a place.
LATITUDE = r"[-+]?(?:90(?:\.0+)?|[1-8]?[0-9](?:\.[0-9]+)?)"
LONGITUDE = r"[-+]?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[1-9]?[0-9])(?:\.[0-9]+)?)"
NEAR_PATTERN = rf"^\s*{LATITUDE}\s*,\s*{LONGITUDE}\s*$"
FACET = "Facet filter (repeatable): counted and offered when the search targets {kinds}"


def _facet(kinds: str):
    return Field([], description=FACET.format(kinds=kinds))


class SearchParams(PageQuery):
    q: str = Field(
        "",
        max_length=MAX_TEXT_LENGTH,
        description="The words to find (accents and one-letter typos forgiven)",
    )
    kind: list[SearchKind] = Field([], description="Limit to these kinds (none: every kind)")
    near: str = Field(
        "",
        pattern=rf"{NEAR_PATTERN}|^$",
        description="A place, “latitude,longitude”",
    )
    radius: float = Field(
        50.0, gt=0, le=MAX_RADIUS_KM, description="Kilometres around `near` (default 50)"
    )
    sort: SearchSort = Field(
        SearchSort("relevance"),
        description="`relevance` by default; `distance` from `near` (without it, the default)",
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page"
    )
    member_kind: list[str] = _facet("members")
    country: list[str] = _facet("members or clubs (ISO 3166 codes, e.g. FR)")
    faculty: list[str] = _facet("members")
    expertise: list[str] = _facet("members")
    sector: list[str] = _facet("members")
    club_kind: list[str] = _facet("clubs")
    theme: list[str] = _facet("clubs or events")
    organiser: list[str] = _facet("events")
    attendance: list[str] = _facet("events")
    page_type: list[str] = _facet("pages")


class SearchHitOut(Schema):
    kind: SearchKind
    id: str
    title: str
    url: str
    summary: str
    highlights: list[str]
    latitude: float | None = None
    longitude: float | None = None
    distance_km: float | None = None


class SearchFacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchResultsOut(Page[SearchHitOut]):
    counts_by_kind: dict[str, int]
    facets: dict[str, list[SearchFacetValueOut]] = Field(
        description="Counted when the search targets exactly one kind"
    )
    degraded: bool = Field(description="The fallback answered: the results may be incomplete")


class SearchSuggestionOut(Schema):
    kind: SearchKind
    label: str
    url: str


class SearchAutocompleteOut(Schema):
    degraded: bool
    suggestions: list[SearchSuggestionOut]


@router.get(
    "",
    response={200: SearchResultsOut, **refusals(400, 503)},
    summary="Search the community",
)
def search(request: HttpRequest, params: Query[SearchParams]):
    """Members, clubs, events and pages the caller may find, with facet counts.

    Facet filters are further parameters, repeatable: `member_kind`, `country`,
    `faculty`, `expertise`, `sector` (members), `club_kind`, `country`, `theme` (clubs),
    `theme`, `organiser`, `attendance` (events), `page_type` (pages); a filter the
    chosen kinds do not offer is refused. Facets are counted when the search targets
    exactly one kind. A page past the last one is empty. `degraded` says the fallback
    answered: the results may be incomplete.
    """
    reject_unknown(request, SearchParams)
    results = services.search(viewer=request.user, query=query_from_params(request.GET))
    return {
        "count": results.total,
        "page": results.query.page,
        "page_size": results.query.page_size,
        "num_pages": results.num_pages,
        "counts_by_kind": dict(results.kind_counts),
        "facets": {
            name: [vars(value) for value in values] for name, values in results.facets.items()
        },
        "degraded": results.degraded,
        "results": [
            {
                "kind": hit.kind,
                "id": hit.id,
                "title": hit.title,
                "url": hit.url,
                "summary": hit.summary,
                "highlights": list(hit.highlights),
                "latitude": hit.latitude,
                "longitude": hit.longitude,
                "distance_km": hit.distance_km,
            }
            for hit in results.hits
        ],
    }


class AutocompleteParams(Schema):
    q: str = Field("", max_length=MAX_TEXT_LENGTH, description="The beginning of a name or title")
    kind: list[SearchKind] = Field([], description="Limit to these kinds")


@router.get(
    "/autocomplete",
    response={200: SearchAutocompleteOut, **refusals(400, 503)},
    summary="Complete a name or a title",
)
def autocomplete(request: HttpRequest, params: Query[AutocompleteParams]):
    """Up to eight names and titles beginning with the words typed, as the caller may see them."""
    reject_unknown(request, AutocompleteParams)
    suggestions, degraded = services.autocomplete(
        viewer=request.user,
        prefix=params.q.strip(),
        kinds=tuple(kind.value for kind in params.kind),
    )
    return {"degraded": degraded, "suggestions": [vars(s) for s in suggestions]}
