"""The public search: which backend answers, and the fall back to the database.

Views, the API and the member directory call ``search`` and ``autocomplete`` only.
Elasticsearch answers when ``ELASTICSEARCH_URL`` is set; if it fails or takes longer
than ``ELASTICSEARCH_TIMEOUT``, the database answers instead and the results say
``degraded=True`` (the page then warns that they may be incomplete).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from django.conf import settings

from search.database import DatabaseBackend
from search.query import Backend, SearchQuery, SearchResults, SearchUnavailable, Suggestion

logger = logging.getLogger(__name__)

AUTOCOMPLETE_LIMIT = 8


def backend() -> Backend:
    if settings.ELASTICSEARCH_URL:
        from search.elastic import ElasticBackend

        return ElasticBackend()
    return DatabaseBackend()


def search(*, viewer, query: SearchQuery) -> SearchResults:
    """Answers ``query`` for ``viewer``; raises ``InvalidSearch`` on a bad parameter."""
    query.validate()
    primary = backend()
    try:
        return primary.search(viewer=viewer, query=query)
    except SearchUnavailable:
        if primary.name == DatabaseBackend.name:
            raise
        logger.warning("Elasticsearch did not answer; the database answers instead.", exc_info=True)
    return replace(DatabaseBackend().search(viewer=viewer, query=query), degraded=True)


def autocomplete(
    *, viewer, prefix: str, kinds: tuple[str, ...] = (), limit: int = AUTOCOMPLETE_LIMIT
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
