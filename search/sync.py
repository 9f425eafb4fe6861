"""Keeping both stores right after each change.

A save or delete of a watched model (see ``search.sources``) marks the affected
objects; once the transaction commits, their documents are rebuilt from the source
and the database store is updated at once. Elasticsearch, when configured, gets:

- at once, before the response returns, any change that takes something away from
  an audience (a deleted object, a profile hidden, a section made private);
- through the django-tasks queue, everything else (new objects, added text).

A failing Elasticsearch never fails a save: the objects are written down as
``PendingSync`` rows, which the next successful update and
``manage.py search_index --catch-up`` drain.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from django_tasks import task

from search import sources
from search.database import DatabaseStore
from search.models import PendingSync

logger = logging.getLogger(__name__)

DRAIN_BATCH = 200


def elastic_enabled() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def watch(source: sources.Source) -> None:
    """Connects the signals of the models ``source`` watches."""
    for model, to_ids in source.watch.items():

        def changed(sender, instance, *, _kind=source.kind, _to_ids=to_ids, **kwargs):
            if kwargs.get("raw"):
                return
            mark(_kind, _to_ids(instance))

        post_save.connect(
            changed,
            sender=model,
            weak=False,
            dispatch_uid=f"search:{source.kind}:{model.__name__}:save",
        )
        pre_delete.connect(
            changed,
            sender=model,
            weak=False,
            dispatch_uid=f"search:{source.kind}:{model.__name__}:delete",
        )


class _Batch:
    """The objects one transaction changed, refreshed together once it commits."""

    def __init__(self):
        self.ids: dict[str, set[str]] = {}
        self.done = False

    def __call__(self) -> None:
        self.done = True
        for kind, ids in self.ids.items():
            refresh(kind, sorted(ids))


def mark(kind: str, ids: Iterable[object]) -> None:
    """Schedules the objects ``ids`` of ``kind`` for a refresh when the transaction commits."""
    ids = {str(object_id) for object_id in ids if object_id is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    batch = next(
        (
            func
            for _sids, func, _robust in connection.run_on_commit
            if isinstance(func, _Batch) and not func.done
        ),
        None,
    )
    if batch is not None:
        batch.ids.setdefault(kind, set()).update(ids)
        return
    batch = _Batch()
    batch.ids[kind] = ids
    transaction.on_commit(batch)


def refresh(kind: str, ids: list[str]) -> None:
    """Rebuilds the documents of objects ``ids`` in the database, then in Elasticsearch."""
    source = sources.get(kind)
    if source is None:
        return
    documents = source.documents_for(ids)
    narrowed = DatabaseStore().replace(kind, ids, documents)
    if not elastic_enabled():
        return
    if narrowed:
        push(kind, ids, documents)
    else:
        sync_elastic.enqueue(kind=kind, ids=list(ids))


def push(kind: str, ids: list[str], documents) -> bool:
    """Writes to Elasticsearch; on failure, leaves ``PendingSync`` rows and returns False."""
    from search.elastic import FAILURES, ElasticStore

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
    return True


@task()
def sync_elastic(*, kind: str, ids: list[str]) -> None:
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
