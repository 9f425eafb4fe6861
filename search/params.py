"""Reading a search from URL parameters: the same for the page and the API.

``q`` the text · ``kind`` one of the kinds (repeatable; none: every kind) · one
parameter per facet (``country=FR``, repeatable) · ``near=<lat>,<lon>`` with
``radius`` in km (default 50) · ``sort`` (``distance`` without ``near``: the default
order) · ``page`` · ``page_size``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from search.query import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    GeoFilter,
    InvalidSearch,
    SearchQuery,
)

DEFAULT_RADIUS_KM = 50.0
RESERVED = {"q", "kind", "near", "radius", "sort", "page", "page_size"}
FACET_NAMES = {name for names in FACETS.values() for name in names}


def _number(params, name: str, convert, default):
    raw = params.get(name, "")
    if raw == "":
        return default
    try:
        return convert(raw)
    except ValueError:
        raise InvalidSearch(name, _("“%(value)s” is not a number.") % {"value": raw}) from None


def _geo(params) -> GeoFilter | None:
    near = params.get("near", "").strip()
    if not near:
        return None
    latitude, _comma, longitude = near.partition(",")
    try:
        point = float(latitude), float(longitude)
    except ValueError:
        raise InvalidSearch(
            "near", _("Give a place as “latitude,longitude”, e.g. 50.63,3.06.")
        ) from None
    radius = _number(params, "radius", float, DEFAULT_RADIUS_KM)
    return GeoFilter(latitude=point[0], longitude=point[1], radius_km=radius)


def query_from_params(params) -> SearchQuery:
    """A validated ``SearchQuery``; raises ``InvalidSearch`` with a translated message."""
    unknown = sorted(set(params) - RESERVED - FACET_NAMES)
    if unknown:
        # The API's wording (config.protocol.reject_unknown), for the page too.
        raise InvalidSearch(
            unknown[0],
            _("Unknown parameter: %(names)s.") % {"names": ", ".join(unknown)},
        )
    filters = {
        name: tuple(value for value in params.getlist(name) if value)
        for name in sorted(FACET_NAMES & set(params))
    }
    geo = _geo(params)
    sort = params.get("sort", "") or "relevance"
    if sort == "distance" and geo is None:
        # No place to measure from: the default order, as when no sort is asked for.
        sort = "relevance"
    return SearchQuery(
        text=params.get("q", "").strip(),
        kinds=tuple(kind for kind in params.getlist("kind") if kind),
        filters={name: values for name, values in filters.items() if values},
        geo=geo,
        sort=sort,
        page=_number(params, "page", int, 1),
        page_size=_number(params, "page_size", int, DEFAULT_PAGE_SIZE),
    ).validate()
