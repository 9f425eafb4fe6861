"""The public search: which backend answers, and the fall back to the database.

Views, the API and the member directory call ``search`` and ``autocomplete`` only.
Elasticsearch answers when ``ELASTICSEARCH_URL`` is set; if it fails or takes longer
than ``ELASTICSEARCH_TIMEOUT``, the database answers instead and the results say
``degraded=True`` (the page then warns that they may be incomplete). The backends
count facet values; the labels shown for them come from the kind's source, here.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from search import elastic, sources
from search.database import DatabaseBackend
from search.elastic import ElasticBackend
from search.query import Backend, SearchQuery, SearchResults, SearchUnavailable, Suggestion

logger = logging.getLogger(__name__)

AUTOCOMPLETE_LIMIT = 8


def backend() -> Backend:
    if elastic.configured():
        return ElasticBackend()
    return DatabaseBackend()


def _labelled(results: SearchResults) -> SearchResults:
    """``results`` with each facet value's label as its kind's source writes it."""
    source = sources.get(results.query.kinds[0]) if results.facets else None
    if source is None:
        return results
    facets = {
        name: [replace(value, label=source.label(name, value.value)) for value in values]
        for name, values in results.facets.items()
    }
    return replace(results, facets=facets)


def search(*, viewer: AbstractBaseUser | AnonymousUser, query: SearchQuery) -> SearchResults:
    """Answers ``query`` for ``viewer``; raises ``InvalidSearch`` on a bad parameter."""
    query.validate()
    primary = backend()
    try:
        return _labelled(primary.search(viewer=viewer, query=query))
    except SearchUnavailable:
        if primary.name == DatabaseBackend.name:
            raise
        logger.warning("Elasticsearch did not answer; the database answers instead.", exc_info=True)
    results = DatabaseBackend().search(viewer=viewer, query=query)
    return _labelled(replace(results, degraded=True))


def autocomplete(
    *,
    viewer: AbstractBaseUser | AnonymousUser,
    prefix: str,
    kinds: tuple[str, ...] = (),
    limit: int = AUTOCOMPLETE_LIMIT,
) -> tuple[list[Suggestion], bool]:
    """Completions of ``prefix`` and whether they come from the fallback."""
    SearchQuery(text=prefix, kinds=kinds).validate()
    primary = backend()
    try:
        return primary.autocomplete(viewer=viewer, prefix=prefix, kinds=kinds, limit=limit), False
    except SearchUnavailable:
        if primary.name == DatabaseBackend.name:
            raise
        logger.warning(
            "Elasticsearch did not answer; the database completes instead.", exc_info=True
        )
    return DatabaseBackend().autocomplete(
        viewer=viewer, prefix=prefix, kinds=kinds, limit=limit
    ), True
