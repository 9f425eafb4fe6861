"""The database backend: the search interface answered from ``IndexedDocument`` rows.

Works the same on PostgreSQL and SQLite. Words are folded and lightly stemmed
(``search.text``) on both sides, each query word must begin a word of the document
and a word nobody wrote is replaced by the indexed words one typo away. On
PostgreSQL the words are matched through GIN-indexed ``tsvector`` columns with
prefix queries, and facets are filtered and counted from the indexed ``facets``
JSON; on SQLite words are matched with ``LIKE`` and facets through
``IndexedFacet`` rows. Geo filters use a bounding box then the haversine distance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from psycopg.types.json import Jsonb

from search import sources, text
from search.documents import MEMBERS, PUBLIC, Document
from search.models import IndexedDocument, IndexedFacet, IndexedTerm
from search.query import KINDS, FacetValue, Hit, SearchQuery, SearchResults, Suggestion

EARTH_RADIUS_KM = 6371.0088
FACET_LIMIT = 50
WRITE_BATCH = 2000


def audience_of(viewer) -> str:
    """The audience whose documents ``viewer`` searches."""
    if viewer is not None and viewer.is_authenticated and viewer.is_active:
        return MEMBERS
    return PUBLIC


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# The store ---------------------------------------------------------------------


def _values(document: Document) -> dict:
    """The column values of ``document``'s ``IndexedDocument`` row."""
    return {
        "kind": document.kind,
        "object_id": document.id,
        "audience": document.audience,
        "title": document.title[:300],
        "url": document.url[:500],
        "summary": document.summary,
        "text": document.text,
        "terms": text.terms_field(f"{document.title} {document.summary} {document.text}"),
        "title_terms": text.terms_field(document.title),
        "title_sort": text.sort_key(document.title),
        "latitude": document.latitude,
        "longitude": document.longitude,
        "date": document.date,
        "facets": {name: list(values) for name, values in document.facets.items()},
        "extra": dict(document.extra),
    }


class DatabaseStore:
    name = "database"

    def replace(self, kind: str, ids: Iterable[str], documents: Iterable[Document]) -> bool:
        """Stores exactly ``documents`` for the objects ``ids``.

        Returns whether an audience lost something it could find before (a document
        removed, a word gone): such changes reach Elasticsearch at once.
        """
        ids = [str(object_id) for object_id in ids]
        documents = list(documents)
        with transaction.atomic():
            before = {
                (row.object_id, row.audience): set(row.terms.split())
                for row in IndexedDocument.objects.filter(kind=kind, object_id__in=ids).only(
                    "object_id", "audience", "terms"
                )
            }
            IndexedDocument.objects.filter(kind=kind, object_id__in=ids).delete()
            rows = self._write(documents)
        after = {(row["object_id"], row["audience"]): set(row["terms"].split()) for row in rows}
        return any(key not in after or not words <= after[key] for key, words in before.items())

    def rebuild(self, documents_by_kind: Mapping[str, Iterator[Document]], *, progress) -> int:
        stored = 0
        with transaction.atomic():
            IndexedDocument.objects.filter(kind__in=list(documents_by_kind)).delete()
            for documents in documents_by_kind.values():
                batch: list[Document] = []
                for document in documents:
                    batch.append(document)
                    if len(batch) == WRITE_BATCH:
                        stored += len(self._write(batch))
                        progress(len(batch))
                        batch = []
                if batch:
                    stored += len(self._write(batch))
                    progress(len(batch))
        return stored

    def _write(self, documents: list[Document]) -> list[dict]:
        rows = [_values(document) for document in documents]
        if _postgresql():
            self._copy(rows)
        else:
            created = IndexedDocument.objects.bulk_create(IndexedDocument(**row) for row in rows)
            self._write_facets(created, documents)
        words = {word for row in rows for word in row["terms"].split() if len(word) <= 100}
        IndexedTerm.objects.bulk_create(
            [IndexedTerm(term=word) for word in sorted(words)],
            ignore_conflicts=True,
            batch_size=WRITE_BATCH,
        )
        return rows

    def _copy(self, rows: list[dict]) -> None:
        """PostgreSQL loads the rows with ``COPY``, the fastest way in."""
        if not rows:
            return
        columns = list(rows[0])
        json_columns = {"facets", "extra"}
        with connection.cursor() as cursor:
            with cursor.copy(
                f"COPY {IndexedDocument._meta.db_table} ({', '.join(columns)}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(
                        [
                            Jsonb(row[column]) if column in json_columns else row[column]
                            for column in columns
                        ]
                    )

    def _write_facets(self, rows: list[IndexedDocument], documents: list[Document]) -> None:
        """SQLite counts facets from one row per value (PostgreSQL reads the JSON)."""
        IndexedFacet.objects.bulk_create(
            [
                IndexedFacet(document_id=row.pk, name=name, value=str(value)[:200])
                for row, document in zip(rows, documents, strict=True)
                for name, values in document.facets.items()
                for value in dict.fromkeys(values)
                if value
            ],
            batch_size=WRITE_BATCH,
        )

    def counts(self) -> dict[tuple[str, str], int]:
        return {
            (row["kind"], row["audience"]): row["n"]
            for row in IndexedDocument.objects.values("kind", "audience").annotate(n=Count("pk"))
        }


# The backend -------------------------------------------------------------------


def _expand(word: str) -> list[str]:
    """``word`` itself when some document holds a word it begins; else its typo variants."""
    if IndexedTerm.objects.filter(term__startswith=word).exists() or len(word) < 4:
        return [word]
    variants = sorted(text.typo_variants(word))
    found = list(IndexedTerm.objects.filter(term__in=variants).values_list("term", flat=True))
    return found or [word]


# Each value of some facets with its number of documents, as SQLite counts
# ``IndexedFacet`` rows: empty values left out, each value once per document.
FACET_COUNTS = (
    "SELECT facet.key, left(item.value, 200), count(*) "
    "FROM ({matched}) AS matched "
    "CROSS JOIN LATERAL jsonb_each(matched.facets) AS facet "
    "CROSS JOIN LATERAL ("
    "  SELECT DISTINCT value FROM jsonb_array_elements_text(facet.value)"
    ") AS item "
    "WHERE facet.key = ANY(%s) AND item.value <> '' "
    "GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"
)
TSVECTORS = {"terms": "search_words", "title_terms": "search_title_words"}


def _word_match(field: str, words: list[str]) -> Q | RawSQL:
    """Documents where one of ``words`` begins a word of ``field``."""
    if _postgresql():
        # A fixed column name; the words go as a parameter, folded to [0-9a-z].
        return RawSQL(  # noqa: S611
            f"{TSVECTORS[field]} @@ to_tsquery('simple', %s)",
            [" | ".join(f"'{variant}':*" for variant in words)],
            output_field=BooleanField(),
        )
    match = Q()
    for variant in words:
        match |= Q(**{f"{field}__contains": f" {variant}"})
    return match


class DatabaseBackend:
    name = "database"

    def _documents(self, *, viewer, query: SearchQuery, words: list[list[str]]) -> QuerySet:
        documents = IndexedDocument.objects.filter(audience=audience_of(viewer))
        for variants in words:
            documents = documents.filter(_word_match("terms", variants))
        for name, values in query.filters.items():
            documents = documents.filter(self._facet_filter(name, values))
        if query.geo is not None:
            geo = query.geo
            lat_delta = geo.radius_km / 111.0
            cos_lat = max(math.cos(math.radians(geo.latitude)), 0.01)
            lon_delta = geo.radius_km / (111.0 * cos_lat)
            documents = documents.filter(
                latitude__gte=geo.latitude - lat_delta, latitude__lte=geo.latitude + lat_delta
            )
            if lon_delta < 180:
                west, east = geo.longitude - lon_delta, geo.longitude + lon_delta
                if west < -180 or east > 180:
                    documents = documents.filter(
                        Q(longitude__gte=(west + 540) % 360 - 180)
                        | Q(longitude__lte=(east + 540) % 360 - 180)
                    )
                else:
                    documents = documents.filter(longitude__gte=west, longitude__lte=east)
            documents = documents.annotate(distance_km=_distance(geo)).filter(
                distance_km__lte=geo.radius_km
            )
        return documents

    def _facet_filter(self, name: str, values: Iterable[str]) -> Q | Exists:
        if _postgresql():
            match = Q()
            for value in values:
                match |= Q(facets__contains={name: [value]})
            return match
        return Exists(
            IndexedFacet.objects.filter(document=OuterRef("pk"), name=name, value__in=list(values))
        )

    def search(self, *, viewer, query: SearchQuery) -> SearchResults:
        words = [_expand(word) for word in dict.fromkeys(text.tokens(query.text))]
        everything = self._documents(viewer=viewer, query=query, words=words)
        kind_counts = {
            row["kind"]: row["n"]
            for row in everything.order_by().values("kind").annotate(n=Count("pk"))
        }
        documents = everything.filter(kind__in=list(query.kinds)) if query.kinds else everything
        total = (
            sum(kind_counts.get(kind, 0) for kind in query.kinds)
            if query.kinds
            else sum(kind_counts.values())
        )
        ordered = documents.order_by(*self._ordering(query, words))
        start = (query.page - 1) * query.page_size
        rows = list(ordered.defer("terms", "title_terms")[start : start + query.page_size])
        flat_words = [variant for variants in words for variant in variants]
        hits = [self._hit(row, query, flat_words) for row in rows]
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            facets=self._facets(documents, query),
            kind_counts={kind: kind_counts.get(kind, 0) for kind in KINDS},
            backend=self.name,
        )

    def _ordering(self, query: SearchQuery, words: list[list[str]]) -> list:
        if query.sort == "distance":
            return ["distance_km", "title_sort", "pk"]
        if query.sort == "name":
            return ["title_sort", "pk"]
        if query.sort in ("recent", "date"):
            return [F("date").desc(nulls_last=True), "title_sort", "pk"]
        if not words:
            return ["title_sort", "pk"]
        in_title = sum(
            (
                Case(
                    When(_word_match("title_terms", variants), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
                for variants in words
            ),
            Value(0),
        )
        return [in_title.desc(), "title_sort", "pk"]

    def _hit(self, row: IndexedDocument, query: SearchQuery, words: list[str]) -> Hit:
        highlights = text.highlight(row.title, words, size=300, limit=1)
        highlights += text.highlight(row.summary, words, limit=1)
        if len(highlights) < 2:
            highlights += text.highlight(row.text, words, limit=2 - len(highlights))
        distance = None
        if query.geo is not None and row.latitude is not None and row.longitude is not None:
            distance = haversine_km(
                query.geo.latitude, query.geo.longitude, row.latitude, row.longitude
            )
        return Hit(
            kind=row.kind,
            id=row.object_id,
            title=row.title,
            url=row.url,
            summary=row.summary,
            highlights=tuple(highlights),
            latitude=row.latitude,
            longitude=row.longitude,
            distance_km=distance,
            extra=row.extra,
        )

    def _facets(self, documents: QuerySet, query: SearchQuery) -> dict[str, list[FacetValue]]:
        if not query.facet_names:
            return {}
        source = sources.get(query.kinds[0])
        counted = (
            self._counted_from_json(documents, query.facet_names)
            if _postgresql()
            else IndexedFacet.objects.filter(
                document__in=documents.order_by().values("pk"), name__in=query.facet_names
            )
            .values("name", "value")
            .annotate(n=Count("pk"))
            .order_by("name", "-n", "value")
        )
        facets: dict[str, list[FacetValue]] = {name: [] for name in query.facet_names}
        for row in counted:
            values = facets[row["name"]]
            if len(values) < FACET_LIMIT:
                values.append(
                    FacetValue(
                        value=row["value"],
                        label=source.label(row["name"], row["value"]) if source else row["value"],
                        count=row["n"],
                        selected=row["value"] in query.filters.get(row["name"], ()),
                    )
                )
        return facets

    def _counted_from_json(self, documents: QuerySet, names: Iterable[str]) -> list[dict]:
        """Each value of the facets ``names`` with its number of ``documents``."""
        sql, params = documents.order_by().values("facets").query.sql_with_params()
        with connection.cursor() as cursor:
            # The ORM's own SQL for ``documents``, its values passed as parameters.
            cursor.execute(FACET_COUNTS.format(matched=sql), [*params, list(names)])
            return [{"name": name, "value": value, "n": n} for name, value, n in cursor.fetchall()]

    def autocomplete(
        self, *, viewer, prefix: str, kinds: tuple[str, ...] = (), limit: int = 8
    ) -> list[Suggestion]:
        words = text.tokens(prefix)
        if not words:
            return []
        documents = IndexedDocument.objects.filter(audience=audience_of(viewer))
        if kinds:
            documents = documents.filter(kind__in=list(kinds))
        for word in words:
            documents = documents.filter(_word_match("title_terms", [word]))
        return [
            Suggestion(kind=row["kind"], label=row["title"], url=row["url"])
            for row in documents.order_by("title_sort", "pk").values("kind", "title", "url")[:limit]
        ]


def _distance(geo) -> ASin:
    lat = Radians(F("latitude"))
    lat0 = math.radians(geo.latitude)
    half_dlat = (lat - Value(lat0)) / Value(2.0)
    half_dlon = (Radians(F("longitude")) - Value(math.radians(geo.longitude))) / Value(2.0)
    a = Power(Sin(half_dlat), 2) + Value(math.cos(lat0)) * Cos(lat) * Power(Sin(half_dlon), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(
        Least(Sqrt(a), Value(1.0), output_field=FloatField()), output_field=FloatField()
    )
