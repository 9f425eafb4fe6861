"""Where each kind's documents come from: a source registered by the app that owns the kind.

An app makes its objects searchable by registering one ``Source`` from its
``AppConfig.ready()``::

    from search import sources

    sources.register(
        sources.Source(
            kind="events",
            objects=lambda: EventPage.objects.live().public(),
            documents=event_documents,  # one object → its Documents (one per audience)
            watch={EventPage: sources.same_object},
            facet_labels={"theme": str},
            details=event_details,  # a document's extra values → the line under its hit
        )
    )

``objects`` returns every object that may be searchable (a queryset: the sync
narrows it with ``pk__in``); ``documents`` turns one object into its ``Document``
list, one per audience allowed to find it (none: the object leaves the index);
``watch`` maps each model whose saves and deletes change the documents to a
function giving the affected objects' ids for an instance. ``search.sync`` listens
to every save and delete once (connected by ``SearchConfig.ready()``), asks
``watchers`` which kinds a model's change touches, keeps both stores current and
rebuilds them from ``objects``.

This registry is a plain list: it imports no backend and connects nothing, so an
app may register its source from its own ``ready()`` whatever the order the apps
load in.

Documents are built in the site's default language, once for every reader: what a
reader's language changes (a date, a label) is kept in a document's ``extra`` as a
value and written by ``details`` when the hit is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils import translation

from search.documents import Document
from search.query import FACETS, KINDS

BATCH_SIZE = 500


def same_object(instance: Model) -> Iterable[object]:
    """For ``watch``: the saved instance is the indexed object itself."""
    return (instance.pk,)


@dataclass(frozen=True)
class Source:
    kind: str
    objects: Callable[[], QuerySet]
    documents: Callable[[Model], list[Document]]
    watch: Mapping[type[Model], Callable[[Model], Iterable[object]]] = field(default_factory=dict)
    # Facet name → the label shown for one of its values.
    facet_labels: Mapping[str, Callable[[str], str]] = field(default_factory=dict)
    # A hit's extra values → the line shown under it, in the active language.
    details: Callable[[Mapping[str, object]], str] = lambda extra: str(extra.get("place", ""))

    def documents_for(self, ids: Iterable[object]) -> list[Document]:
        """The current documents of the objects ``ids`` (none for a gone or hidden object)."""
        ids = list(ids)
        found: list[Document] = []
        with translation.override(settings.LANGUAGE_CODE):
            for start in range(0, len(ids), BATCH_SIZE):
                for obj in self.objects().filter(pk__in=ids[start : start + BATCH_SIZE]):
                    found.extend(self.documents(obj))
        return found

    def iter_documents(self) -> Iterator[Document]:
        """Every document of the kind, read in batches."""
        last = None
        while True:
            batch = self.objects().order_by("pk")
            if last is not None:
                batch = batch.filter(pk__gt=last)
            rows = list(batch[:BATCH_SIZE])
            if not rows:
                return
            with translation.override(settings.LANGUAGE_CODE):
                documents = [document for obj in rows for document in self.documents(obj)]
            yield from documents
            last = rows[-1].pk

    def count(self) -> int:
        return self.objects().count()

    def label(self, facet: str, value: str) -> str:
        labeller = self.facet_labels.get(facet)
        return str(labeller(value)) if labeller else value


_sources: dict[str, Source] = {}
# Model → (kind, the affected objects' ids of an instance), built from the sources.
_watchers: dict[type[Model], list[tuple[str, Callable[[Model], Iterable[object]]]]] = {}


def register(source: Source) -> None:
    """Makes ``source`` the one source of its kind's documents (called from ``ready()``)."""
    if source.kind not in KINDS:
        raise ValueError(f"Unknown search kind: {source.kind}")
    unknown = set(source.facet_labels) - set(FACETS[source.kind])
    if unknown:
        raise ValueError(f"Facets not declared for {source.kind}: {sorted(unknown)}")
    _sources[source.kind] = source
    _watchers.clear()
    for kind, registered_source in _sources.items():
        for model, to_ids in registered_source.watch.items():
            _watchers.setdefault(model, []).append((kind, to_ids))


def watchers(model: type[Model]) -> list[tuple[str, Callable[[Model], Iterable[object]]]]:
    """The kinds whose documents a save or delete of ``model`` changes, each with the
    function giving the affected objects' ids for an instance."""
    return _watchers.get(model, [])


def claimed_by_another_kind(model: type[Model], kind: str) -> bool:
    """Whether a source other than ``kind``'s indexes ``model`` objects themselves."""
    return any(
        model in source.watch and source.watch[model] is same_object
        for other, source in _sources.items()
        if other != kind
    )


def get(kind: str) -> Source | None:
    return _sources.get(kind)


def registered() -> Mapping[str, Source]:
    return MappingProxyType(_sources)
