"""Keeping both stores right after each change.

A save or delete of a watched model (see ``search.sources``) marks the affected
objects; once the transaction commits, their documents are rebuilt from the source
and the database store is updated at once. Elasticsearch, when configured, gets:

- at once, before the response returns, any change that takes something away from
  an audience (a deleted object, a profile hidden, a section made private);
- through the django-tasks queue (``search.tasks``), everything else (new objects,
  added text).

A failing Elasticsearch never fails a save (``search.pending``).

**One refresh per transaction.** The objects one transaction marks are gathered in a
batch, refreshed together when it commits, so that saving a profile and its ten
education rows rebuilds the profile's documents once. The batch is found again
without reading Django's private list of commit callbacks: each thread keeps its
open batch per database alias, and every ``mark`` registers that batch with
``transaction.on_commit`` again. A batch runs once, at the first commit that holds
one of its registrations, then is closed: the next mark opens a new one. A batch
whose registrations were all rolled back (with their transaction or savepoint)
stays open and runs with the next commit: it then also refreshes objects the
rollback left unchanged, which costs a little and is never wrong, since a refresh
reads the objects as they are.

``SearchConfig.ready()`` calls ``connect()``: one receiver for every save and delete,
which asks the registry which kinds the model's change touches. The sources may then
be registered in any order, before or after.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Model
from django.db.models.signals import post_save, pre_delete

from config import pagecache
from search import elastic, pending, sources, tasks
from search.database import DatabaseStore


def connect() -> None:
    """Listens to the saves and deletes of every model (once, whatever the calls)."""
    post_save.connect(changed, dispatch_uid="search:changed:save")
    pre_delete.connect(changed, dispatch_uid="search:changed:delete")


def disconnect() -> None:
    """Stops listening: for a bulk load that rebuilds the index once it is done."""
    post_save.disconnect(dispatch_uid="search:changed:save")
    pre_delete.disconnect(dispatch_uid="search:changed:delete")


def changed(sender: type[Model], instance: Model, raw: bool = False, **kwargs) -> None:
    """A save or delete: marks the objects of each kind whose documents it changes."""
    if raw:
        return
    for kind, to_ids in sources.watchers(sender):
        mark(kind, to_ids(instance), using=kwargs.get("using"))


class _Batch:
    """The objects one transaction changed, refreshed together once it commits."""

    def __init__(self):
        self.ids: dict[str, set[str]] = {}
        self.done = False

    def __call__(self) -> None:
        if self.done:
            return
        self.done = True
        for kind, ids in self.ids.items():
            refresh(kind, sorted(ids))


# Each thread's open batch per database alias (a thread has its own connections).
_open = threading.local()


def _batches() -> dict[str, _Batch]:
    if not hasattr(_open, "batches"):
        _open.batches = {}
    return _open.batches


def mark(kind: str, ids: Iterable[object], *, using: str | None = None) -> None:
    """Schedules the objects ``ids`` of ``kind`` for a refresh when the transaction commits."""
    ids = {str(object_id) for object_id in ids if object_id is not None}
    if not ids:
        return
    using = using or DEFAULT_DB_ALIAS
    batches = _batches()
    batch = batches.get(using)
    if batch is None or batch.done:
        batch = batches[using] = _Batch()
    batch.ids.setdefault(kind, set()).update(ids)
    transaction.on_commit(batch, using=using)


def flush(*, using: str | None = None) -> None:
    """Refreshes at once what this thread marked and has not refreshed yet, instead of at
    commit: for a long import that wants its documents searchable as it goes."""
    batch = _batches().get(using or DEFAULT_DB_ALIAS)
    if batch is not None:
        batch()


def refresh(kind: str, ids: list[str]) -> None:
    """Rebuilds the documents of objects ``ids`` in the database, then in Elasticsearch."""
    source = sources.get(kind)
    if source is None:
        return
    documents = source.documents_for(ids)
    narrowed = DatabaseStore().replace(kind, ids, documents)
    if not elastic.configured():
        # Elasticsearch's own writes purge the kind's result pages (search.pending).
        pagecache.purge(f"search:{kind}")
        return
    if narrowed:
        pending.push(kind, ids, documents)
    else:
        tasks.sync_elastic.enqueue(kind=kind, ids=list(ids))
