"""What Elasticsearch has not received yet, and sending it.

A failing Elasticsearch never fails a save: ``push`` writes the objects it could not
send down as ``PendingSync`` rows, which the next successful push (``send``) and
``manage.py search_index --catch-up`` (``catch_up``) drain.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from config import pagecache
from search import sources
from search.documents import Document
from search.elastic import FAILURES, ElasticStore
from search.models import PendingSync

logger = logging.getLogger(__name__)

DRAIN_BATCH = 200


def push(kind: str, ids: list[str], documents: Iterable[Document]) -> bool:
    """Writes to Elasticsearch; on failure, leaves ``PendingSync`` rows and returns False."""
    try:
        ElasticStore().replace(kind, ids, documents)
    except FAILURES:
        logger.warning(
            "Elasticsearch is unavailable: %s %s object(s) left for the catch-up.",
            len(ids),
            kind,
            exc_info=True,
        )
        PendingSync.objects.bulk_create(
            [PendingSync(kind=kind, object_id=object_id) for object_id in ids],
            ignore_conflicts=True,
        )
        return False
    PendingSync.objects.filter(kind=kind, object_id__in=ids).delete()
    # The pages that list the kind's search results (the directory) show the new ones.
    pagecache.purge(f"search:{kind}")
    return True


def send(kind: str, ids: list[str]) -> None:
    """Sends the current documents of ``ids`` to Elasticsearch, then drains older leftovers."""
    source = sources.get(kind)
    if source is None:
        return
    if push(kind, ids, source.documents_for(ids)):
        catch_up(limit=DRAIN_BATCH)


def catch_up(*, limit: int | None = None) -> int:
    """Sends the pending objects to Elasticsearch; returns how many were sent."""
    sent = 0
    pending = PendingSync.objects.order_by("pk")
    for kind in pending.values_list("kind", flat=True).distinct():
        rows = pending.filter(kind=kind)
        ids = list(
            rows.values_list("object_id", flat=True)[:limit]
            if limit
            else rows.values_list("object_id", flat=True)
        )
        source = sources.get(kind)
        if source is None:
            rows.delete()
            continue
        for start in range(0, len(ids), DRAIN_BATCH):
            batch = ids[start : start + DRAIN_BATCH]
            if not push(kind, batch, source.documents_for(batch)):
                return sent
            sent += len(batch)
    return sent
