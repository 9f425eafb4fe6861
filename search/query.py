"""The public search's one query interface, whatever answers it.

A ``SearchQuery`` goes in (text, kinds, facet filters, a geo distance, a sort and a
page), ``SearchResults`` come out (hits with highlights, facet counts, a count per
kind). Two backends answer it: Elasticsearch (``search.elastic``) when
``ELASTICSEARCH_URL`` is set, and the database (``search.database``) otherwise, or
when Elasticsearch is down or slow. Privacy is the backends' first filter: a hit is
only ever built from what ``members.privacy`` lets the viewer see.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.errors import DomainError

KINDS: Mapping[str, Any] = MappingProxyType(
    {
        "members": gettext_lazy("Members"),
        "clubs": gettext_lazy("Clubs"),
        "events": gettext_lazy("Events"),
        "pages": gettext_lazy("Pages"),
    }
)

# The facets each kind offers; counted when the query is limited to that one kind.
FACETS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "members": ("member_kind", "country", "faculty", "expertise", "sector"),
        "clubs": ("club_kind", "country", "theme"),
        "events": ("theme", "organiser", "attendance"),
        "pages": ("page_type",),
    }
)

FACET_LABELS: Mapping[str, Any] = MappingProxyType(
    {
        "member_kind": gettext_lazy("Member kind"),
        "country": gettext_lazy("Country"),
        "faculty": gettext_lazy("Faculty"),
        "expertise": gettext_lazy("Expertise"),
        "sector": gettext_lazy("Sector"),
        "club_kind": gettext_lazy("Club kind"),
        "theme": gettext_lazy("Theme"),
        "organiser": gettext_lazy("Organiser"),
        "attendance": gettext_lazy("Attendance"),
        "page_type": gettext_lazy("Page type"),
    }
)

SORTS = ("relevance", "name", "recent", "distance", "date")
MAX_PAGE_SIZE = 100
# Deeper than anyone reads (200,000 results at 20 a page), well within what the
# databases' offsets and Elasticsearch's result window hold.
MAX_PAGE = 10_000
DEFAULT_PAGE_SIZE = 20
MAX_RADIUS_KM = 20_000
MAX_TEXT_LENGTH = 200


class InvalidSearch(DomainError):
    """A parameter the search cannot answer; ``field`` names it, ``message`` is translated."""

    status = 400

    def __init__(self, field: str, message: str):
        super().__init__(message, errors={field: message})
        self.field = field


class SearchUnavailable(DomainError):
    """The backend could not answer in time; ``search.services`` then falls back to the
    database, and only a failing database reaches the caller (503). ``reason`` is what
    the backend said, for the logs."""

    status = 503

    def __init__(self, reason: str = ""):
        super().__init__(_("The search cannot answer right now; try again in a moment."))
        self.reason = reason


@dataclass(frozen=True)
class GeoFilter:
    latitude: float
    longitude: float
    radius_km: float


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()  # empty: every kind
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet → values
    geo: GeoFilter | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def facet_names(self) -> tuple[str, ...]:
        """The facets to count: those of the kind when the query targets exactly one."""
        return FACETS[self.kinds[0]] if len(self.kinds) == 1 else ()

    def validate(self) -> SearchQuery:
        """Raises ``InvalidSearch`` with a translated message on a value nobody could mean."""
        if len(self.text) > MAX_TEXT_LENGTH:
            raise InvalidSearch(
                "q",
                _("A search holds at most %(max)s characters.") % {"max": MAX_TEXT_LENGTH},
            )
        for kind in self.kinds:
            if kind not in KINDS:
                raise InvalidSearch(
                    "kind",
                    _("Unknown kind “%(value)s”; expected one of: %(choices)s.")
                    % {"value": kind, "choices": ", ".join(KINDS)},
                )
        # A facet the chosen kinds do not have is a filter nothing matches (clubs with
        # a sector: none), not a mistake; a name no kind has is.
        allowed = {name for names in FACETS.values() for name in names}
        for name in self.filters:
            if name not in allowed:
                raise InvalidSearch(
                    name,
                    _("“%(value)s” cannot filter this search; expected one of: %(choices)s.")
                    % {"value": name, "choices": ", ".join(sorted(allowed))},
                )
        if self.geo is not None:
            if not (-90 <= self.geo.latitude <= 90 and -180 <= self.geo.longitude <= 180):
                raise InvalidSearch("near", _("The coordinates are out of range."))
            if not 0 < self.geo.radius_km <= MAX_RADIUS_KM:
                raise InvalidSearch(
                    "radius",
                    _("The radius must be between 0 and %(max)s km.") % {"max": MAX_RADIUS_KM},
                )
        if self.sort not in SORTS:
            raise InvalidSearch(
                "sort",
                _("Unknown sort “%(value)s”; expected one of: %(choices)s.")
                % {"value": self.sort, "choices": ", ".join(SORTS)},
            )
        if self.sort == "distance" and self.geo is None:
            raise InvalidSearch("sort", _("Sorting by distance needs a place to measure from."))
        if not 1 <= self.page <= MAX_PAGE:
            raise InvalidSearch(
                "page", _("Pages are numbered from 1 to %(max)s.") % {"max": MAX_PAGE}
            )
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise InvalidSearch(
                "page_size",
                _("A page holds from 1 to %(max)s results.") % {"max": MAX_PAGE_SIZE},
            )
        return self


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    url: str
    summary: str = ""
    # Fragments of the matched text, HTML-escaped, the matched words within <mark>.
    highlights: tuple[str, ...] = ()
    score: float | None = None
    latitude: float | None = None
    longitude: float | None = None
    distance_km: float | None = None
    # Kind-specific extras shown by the result templates (dates, city, club kind...).
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    hits: list[Hit]
    total: int
    facets: Mapping[str, list[FacetValue]] = field(default_factory=dict)
    kind_counts: Mapping[str, int] = field(default_factory=dict)
    backend: str = "database"
    # True when Elasticsearch failed and the database answered instead.
    degraded: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.query.page_size))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.query.page > 1


@dataclass(frozen=True)
class Suggestion:
    kind: str
    label: str
    url: str


class Backend(Protocol):
    name: str

    def search(self, *, viewer, query: SearchQuery) -> SearchResults:
        """Answers ``query`` as ``viewer`` may see it; raises ``SearchUnavailable``."""

    def autocomplete(
        self, *, viewer, prefix: str, kinds: tuple[str, ...] = (), limit: int = 8
    ) -> list[Suggestion]:
        """Completions of ``prefix`` (titles, names) as ``viewer`` may see them."""
