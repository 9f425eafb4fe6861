"""What the public search holds about each object, audience by audience.

An object (a member profile, a club, an event, a page) becomes one ``Document``
per audience allowed to find it: ``public`` (every visitor) and ``members``
(signed-in members; it includes the public content too). An audience that may not
find the object gets no document, so a query run for an audience can only ever
match and return that audience's text: privacy holds by construction, in the
database index and in Elasticsearch alike. Members' documents are built from
``members.privacy.index_document_sections`` only: a private section never reaches
a document.

Both stores — the database table behind the database backend, and Elasticsearch —
are fed by the sources the apps register (``search.sources``); ``search.sync`` keeps
them current after each commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

PUBLIC = "public"
MEMBERS = "members"
AUDIENCES = (PUBLIC, MEMBERS)


def audience_of(viewer) -> str:
    """The audience whose documents ``viewer`` searches: an active, signed-in account
    searches the members' documents, everyone else the public ones."""
    if viewer is not None and viewer.is_authenticated and viewer.is_active:
        return MEMBERS
    return PUBLIC


@dataclass(frozen=True)
class Document:
    kind: str  # one of search.query.KINDS
    id: str  # the object's primary key, as text
    audience: str  # PUBLIC or MEMBERS
    title: str
    url: str
    summary: str = ""
    # Every word this audience may search, already joined (not folded: each store
    # applies its own analysis).
    text: str = ""
    # Facet name (see search.query.FACETS) → keyword values, e.g. {"country": ["FR"]}.
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    latitude: float | None = None
    longitude: float | None = None
    # The date results sort on: an event's start, a page's publication, a profile's update.
    date: datetime | None = None
    # Kind-specific values the result templates show (city, club kind, event dates...).
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}:{self.audience}"


class Store(Protocol):
    """Where documents are kept for a backend to search (the database, Elasticsearch)."""

    name: str

    def replace(self, kind: str, ids: Iterable[str], documents: Iterable[Document]):
        """Makes the documents of objects ``ids`` of ``kind`` exactly ``documents``.

        An id with no document left (deleted object, hidden profile) is removed.
        """

    def rebuild(self, documents_by_kind: Mapping[str, Iterator[Document]], *, progress) -> int:
        """Replaces the whole index with these documents; returns how many were stored."""
