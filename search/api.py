"""``/api/community/search``: the public search, as the search page answers it."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from config.schemas import ErrorOut
from search import services
from search.params import query_from_params
from search.query import InvalidSearch

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field("", description="The words to find (accents and one-letter typos forgiven)")
    kind: list[str] = Field(
        [], description="members, clubs, events or pages (repeatable; none: every kind)"
    )
    near: str = Field("", description="A place, “latitude,longitude”")
    radius: str = Field("", description="Kilometres around `near` (default 50)")
    sort: str = Field("", description="relevance, name, recent, date or distance")
    page: str = Field("", description="From 1")
    page_size: str = Field("", description="1 to 100 (default 20)")


class HitOut(Schema):
    kind: str
    id: str
    title: str
    url: str
    summary: str
    highlights: list[str]
    latitude: float | None = None
    longitude: float | None = None
    distance_km: float | None = None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    counts_by_kind: dict[str, int]
    facets: dict[str, list[FacetValueOut]]
    degraded: bool
    results: list[HitOut]


class SuggestionOut(Schema):
    kind: str
    label: str
    url: str


class AutocompleteOut(Schema):
    degraded: bool
    suggestions: list[SuggestionOut]


def _invalid(error: InvalidSearch) -> Status:
    return Status(400, {"message": error.message, "detail": {"field": error.field}})


@router.get("", response={200: SearchOut, 400: ErrorOut}, summary="Search the community")
def search(request: HttpRequest, params: Query[SearchParams]):
    """Members, clubs, events and pages the caller may find, with facet counts.

    Facet filters are further parameters, repeatable: `member_kind`, `country`,
    `faculty`, `expertise`, `sector` (members), `club_kind`, `country`, `theme` (clubs),
    `theme`, `organiser`, `attendance` (events), `page_type` (pages). Facets are
    counted when the search targets exactly one kind. `degraded` says the fallback
    answered: the results may be incomplete.
    """
    try:
        results = services.search(viewer=request.user, query=query_from_params(request.GET))
    except InvalidSearch as error:
        return _invalid(error)
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
    q: str = Field("", description="The beginning of a name or title")
    kind: list[str] = Field([], description="Limit to these kinds")


@router.get(
    "/autocomplete",
    response={200: AutocompleteOut, 400: ErrorOut},
    summary="Complete a name or a title",
)
def autocomplete(request: HttpRequest, params: Query[AutocompleteParams]):
    """Up to eight names and titles beginning with the words typed, as the caller may see them."""
    try:
        suggestions, degraded = services.autocomplete(
            viewer=request.user, prefix=params.q.strip(), kinds=tuple(params.kind)
        )
    except InvalidSearch as error:
        return _invalid(error)
    return {"degraded": degraded, "suggestions": [vars(s) for s in suggestions]}
