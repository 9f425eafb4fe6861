"""The database backend: the search interface answered from ``IndexedDocument`` rows.

Works the same on PostgreSQL and SQLite. Words are folded and lightly stemmed
(``search.text``) on both sides. A document's ``terms`` hold its words plus one
token for its audience and one per facet value, so a whole query — words, facet
filters and audience — is a single lookup in a full-text index: a GIN-indexed
``tsvector`` on PostgreSQL, an FTS5 table on SQLite. A query word matches that
word; when nobody wrote it whole, the words it begins and the indexed words one
typo away. The matching rows are read once: the counts per kind, the
facet counts and the page come out of one statement. A search without words,
filters or place (a directory's first pages) reads its counts from ``FacetCount``,
kept in step with the documents, and walks the title index. Each place is also
stored as a point of the unit sphere: the straight chord between two points grows
with their great-circle distance, so filtering and sorting by distance is plain
arithmetic on either database.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice

from django.db import connection, transaction
from django.db.models import BooleanField, Count, F, Q
from django.db.models.expressions import RawSQL
from psycopg.types.json import Jsonb

from search import text
from search.documents import Document, audience_of
from search.geo import EARTH_RADIUS_KM, haversine_km, unit_point
from search.models import FacetCount, IndexedDocument, IndexedTerm
from search.query import KINDS, FacetValue, Hit, SearchQuery, SearchResults, Suggestion

FACET_LIMIT = 50
WRITE_BATCH = 2000
# Longer "words" (a pasted link, a serial number) are left out: nobody types them.
MAX_WORD_LENGTH = 100
MAX_FACET_VALUE_LENGTH = 200
# PostgreSQL's memory for one search: a few hundred thousand matches, sorted and counted.
SEARCH_WORK_MEM = "64MB"


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


# Tokens begin with "_", which no folded word holds (search.text keeps [0-9a-z]).
def audience_token(audience: str) -> str:
    return f"_a_{audience}"


def facet_token(name: str, value: str) -> str:
    """One facet value as a single token, whatever characters the value holds."""
    digest = hashlib.blake2b(f"{name}\0{value}".encode(), digest_size=8).hexdigest()
    return f"_f{digest}"


def filter_tokens(audience: str, facets: Mapping[str, Iterable[str]]) -> list[str]:
    """The tokens a document's ``terms`` hold besides its words."""
    tokens = [audience_token(audience)]
    tokens += [facet_token(name, value) for name, values in facets.items() for value in values]
    return tokens


def terms_field(words: Iterable[str], tokens: Iterable[str] = ()) -> str:
    """The ``terms`` column: each word and token once, between spaces."""
    kept = [word for word in words if len(word) <= MAX_WORD_LENGTH]
    return " " + " ".join(dict.fromkeys([*kept, *tokens])) + " "


def stored_facets(facets: Mapping[str, Iterable[object]]) -> dict[str, list[str]]:
    """The ``facets`` column: each non-empty value once, as text, facets without any left out."""
    stored = {
        name: list(dict.fromkeys(str(value)[:MAX_FACET_VALUE_LENGTH] for value in values if value))
        for name, values in facets.items()
    }
    return {name: values for name, values in stored.items() if values}


# The store ---------------------------------------------------------------------


def searched_columns(
    *, title: str, summary: str, body: str, audience: str, facets: Mapping[str, list[str]]
) -> dict[str, str]:
    """The columns a query reads words in, from the document's text (and stored facets)."""
    words = text.tokens(f"{title} {summary} {body}")
    return {
        "terms": terms_field(words, filter_tokens(audience, facets)),
        "title_terms": terms_field(text.tokens(title)),
        "title_sort": text.sort_key(title),
    }


def _values(document: Document) -> dict:
    """The column values of ``document``'s ``IndexedDocument`` row."""
    facets = stored_facets(document.facets)
    x = y = z = None
    if document.latitude is not None and document.longitude is not None:
        x, y, z = unit_point(document.latitude, document.longitude)
    return {
        "kind": document.kind,
        "object_id": document.id,
        "audience": document.audience,
        "title": document.title[:300],
        "url": document.url[:500],
        "summary": document.summary,
        "text": document.text,
        **searched_columns(
            title=document.title,
            summary=document.summary,
            body=document.text,
            audience=document.audience,
            facets=facets,
        ),
        "latitude": document.latitude,
        "longitude": document.longitude,
        "unit_x": x,
        "unit_y": y,
        "unit_z": z,
        "date": document.date,
        "facets": facets,
        "extra": dict(document.extra),
    }


def counted(rows: Iterable[Mapping]) -> Counter:
    """What ``rows`` add to ``FacetCount``: one per kind and one per facet value."""
    counts: Counter = Counter()
    for row in rows:
        counts[(row["audience"], row["kind"], "", "")] += 1
        for name, values in row["facets"].items():
            for value in values:
                counts[(row["audience"], row["kind"], name, value)] += 1
    return counts


def add_counts(delta: Mapping[tuple[str, str, str, str], int]) -> None:
    """Adds ``delta`` to ``FacetCount``, in key order: concurrent writers take the
    counters' row locks in the same order."""
    changes = sorted((key, n) for key, n in delta.items() if n)
    if not changes:
        return
    table = FacetCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (audience, kind, facet, value, documents) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (audience, kind, facet, value) "
            f"DO UPDATE SET documents = {table}.documents + excluded.documents",
            [(*key, n) for key, n in changes],
        )
    emptied = {(audience, kind) for (audience, kind, _f, _v), n in changes if n < 0}
    for audience, kind in sorted(emptied):
        FacetCount.objects.filter(audience=audience, kind=kind, documents__lte=0).delete()


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
            removed = self._delete(kind, ids)
            rows = self._write(documents)
            delta = counted(rows)
            delta.subtract(counted(removed))
            add_counts(delta)
        before = {(row["object_id"], row["audience"]): set(row["terms"].split()) for row in removed}
        after = {(row["object_id"], row["audience"]): set(row["terms"].split()) for row in rows}
        return any(key not in after or not words <= after[key] for key, words in before.items())

    def _delete(self, kind: str, ids: list[str]) -> list[dict]:
        """Deletes the documents of objects ``ids``; returns what this transaction removed."""
        if not ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {IndexedDocument._meta.db_table} "  # noqa: S608
                f"WHERE kind = %s AND object_id IN ({', '.join(['%s'] * len(ids))}) "
                "RETURNING object_id, audience, terms, facets",
                [kind, *ids],
            )
            return [
                {
                    "kind": kind,
                    "object_id": object_id,
                    "audience": audience,
                    "terms": terms,
                    "facets": json.loads(facets) if isinstance(facets, str) else facets,
                }
                for object_id, audience, terms, facets in cursor.fetchall()
            ]

    def rebuild(self, documents_by_kind: Mapping[str, Iterator[Document]], *, progress) -> int:
        stored = 0
        counts: Counter = Counter()
        with transaction.atomic():
            IndexedDocument.objects.filter(kind__in=list(documents_by_kind)).delete()
            FacetCount.objects.filter(kind__in=list(documents_by_kind)).delete()
            for documents in map(iter, documents_by_kind.values()):
                while batch := list(islice(documents, WRITE_BATCH)):
                    rows = self._write(batch)
                    counts.update(counted(rows))
                    stored += len(rows)
                    progress(len(batch))
            add_counts(counts)
        return stored

    def _write(self, documents: list[Document]) -> list[dict]:
        rows = [_values(document) for document in documents]
        if _postgresql():
            self._copy(rows)
        else:
            # SQLite's full-text table follows the rows through triggers (migration 0004).
            IndexedDocument.objects.bulk_create(IndexedDocument(**row) for row in rows)
        words = {word for row in rows for word in row["terms"].split() if word[0] != "_"}
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

    def count_drift(self, kinds: Iterable[str]) -> list[tuple[tuple[str, ...], int, int]]:
        """The kept counts of ``kinds`` that a recount contradicts: (key, kept, recounted)."""
        kinds = list(kinds)
        documents = IndexedDocument.objects.filter(kind__in=kinds).values(
            "audience", "kind", "facets"
        )
        recounted = counted(documents.iterator(chunk_size=WRITE_BATCH))
        kept = Counter(
            {
                (row.audience, row.kind, row.facet, row.value): row.documents
                for row in FacetCount.objects.filter(kind__in=kinds)
            }
        )
        return [
            (key, kept[key], recounted[key])
            for key in sorted(set(recounted) | set(kept))
            if kept[key] != recounted[key]
        ]

    def counts(self) -> dict[tuple[str, str], int]:
        return {
            (row["kind"], row["audience"]): row["n"]
            for row in IndexedDocument.objects.values("kind", "audience").annotate(n=Count("pk"))
        }


# The backend -------------------------------------------------------------------

# A group of alternatives (a query word and its variants, a facet's chosen values),
# each with whether it stands for the words it begins: a query matches when every
# group does.
Group = tuple[tuple[str, bool], ...]


def _exact(words: Iterable[str]) -> Group:
    return tuple((word, False) for word in words)


def _expand(word: str) -> Group:
    """The word itself when someone wrote it; else the words it begins and the words
    one typo away ("patrimone" begins "patrimonial" and is a typo for "patrimoine")."""
    begun = (
        IndexedTerm.objects.filter(term__startswith=word)
        .order_by("term")
        .values_list("term", flat=True)
        .first()
    )
    if begun == word:
        return ((word, False),)
    found = ()
    if 4 <= len(word) <= MAX_WORD_LENGTH:
        variants = sorted(text.typo_variants(word))
        found = IndexedTerm.objects.filter(term__in=variants).values_list("term", flat=True)
    return ((word, begun is not None), *_exact(found))


def _full_text(column: str, groups: Iterable[Group]) -> tuple[str, list[str]]:
    """SQL true for the rows whose ``column`` (``terms``, ``title_terms``) match every group.

    The words and tokens are [_0-9a-z] only (search.text, the tokens above), so they
    need no quoting inside the full-text query, itself passed as a parameter.
    """
    groups = [group for group in groups if group]
    if _postgresql():
        query = " & ".join(
            "(" + " | ".join(f"'{word}'" + (":*" if prefix else "") for word, prefix in group) + ")"
            for group in groups
        )
        tsvector = {"terms": "search_words", "title_terms": "search_title_words"}[column]
        return f"{tsvector} @@ %s::tsquery", [query]
    query = " AND ".join(
        "(" + " OR ".join(f'"{word}"' + (" *" if prefix else "") for word, prefix in group) + ")"
        for group in groups
    )
    return (
        "id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
        [f"{column} : ({query})"],
    )


# Facet values of the matched documents of one kind, each document counted once per
# value (the store keeps each value once per document).
FACET_COUNTS = {
    "postgresql": (
        "SELECT 'facet', facet.key, item.value, COUNT(*) FROM matched "
        "CROSS JOIN LATERAL jsonb_each(matched.facets) AS facet "
        "CROSS JOIN LATERAL jsonb_array_elements_text(facet.value) AS item(value) "
        "WHERE matched.kind = %s AND facet.key IN ({names}) GROUP BY facet.key, item.value"
    ),
    "sqlite": (
        "SELECT 'facet', facet.key, item.value, COUNT(*) "
        "FROM matched, json_each(matched.facets) AS facet, json_each(facet.value) AS item "
        "WHERE matched.kind = %s AND facet.key IN ({names}) GROUP BY facet.key, item.value"
    ),
}
# Each sort as columns of the matches, "-" for descending (missing dates last).
ORDERINGS = {
    "distance": ("distance", "title_sort", "id"),
    "name": ("title_sort", "id"),
    "recent": ("-date", "title_sort", "id"),
    "date": ("-date", "title_sort", "id"),
}
RELEVANCE = ("-title_rank", "title_sort", "id")


def _ordering(query: SearchQuery, *, ranked: bool) -> tuple[str, ...]:
    if query.sort in ORDERINGS:
        return ORDERINGS[query.sort]
    return RELEVANCE if ranked else ORDERINGS["name"]


def _order_by_sql(columns: Iterable[str]) -> str:
    return ", ".join(
        f"{column[1:]} DESC NULLS LAST" if column.startswith("-") else column for column in columns
    )


class DatabaseBackend:
    name = "database"

    def search(self, *, viewer, query: SearchQuery) -> SearchResults:
        audience = audience_of(viewer)
        words = [_expand(word) for word in dict.fromkeys(text.tokens(query.text))]
        if words or query.filters or query.geo is not None:
            counts, page = self._run(audience, query, words)
        else:
            counts, page = self._browse(audience, query)
        kind_counts = {name: n for facet, name, n in counts if facet is None}
        flat_words = [word for group in words for word, _prefix in group]
        return SearchResults(
            query=query,
            hits=[self._hit(row, query, flat_words) for row in page],
            total=sum(n for kind, n in kind_counts.items() if kind in (query.kinds or KINDS)),
            facets=self._facets([row for row in counts if row[0] is not None], query),
            kind_counts={kind: kind_counts.get(kind, 0) for kind in KINDS},
            backend=self.name,
        )

    def _browse(self, audience: str, query: SearchQuery) -> tuple[list, list[IndexedDocument]]:
        """``_run`` for a search without words, filters nor place: the counts are read
        from ``FacetCount``, the page walks an index."""
        wanted = Q(facet="")
        if query.facet_names:
            wanted |= Q(kind=query.kinds[0], facet__in=query.facet_names)
        counts = [
            (facet or None, value or kind, n)
            for kind, facet, value, n in FacetCount.objects.filter(
                wanted, audience=audience, documents__gt=0
            ).values_list("kind", "facet", "value", "documents")
        ]
        documents = IndexedDocument.objects.filter(audience=audience)
        if query.kinds:
            documents = documents.filter(kind__in=list(query.kinds))
        ordering = [
            F(column[1:]).desc(nulls_last=True) if column.startswith("-") else column
            for column in _ordering(query, ranked=False)
        ]
        start = (query.page - 1) * query.page_size
        page = documents.order_by(*ordering).defer("terms", "title_terms")
        return counts, list(page[start : start + query.page_size])

    def _run(
        self, audience: str, query: SearchQuery, words: list[Group]
    ) -> tuple[list, list[IndexedDocument]]:
        """The counts and the page, from one pass over the matches.

        The counts are ``(None, kind, documents)`` per kind and ``(facet, value,
        documents)`` per facet value; the page holds the ``IndexedDocument`` rows.
        """
        where, params = ["audience = %s"], [audience]
        filters = [
            _exact(facet_token(name, value) for value in values)
            for name, values in query.filters.items()
        ]
        if words or filters:
            sql, values = _full_text(
                "terms", [_exact([audience_token(audience)]), *words, *filters]
            )
            where.append(sql)
            params += values
        rank, rank_params = "0", []
        if words:
            matches = [_full_text("title_terms", [group]) for group in words]
            rank = " + ".join(f"CASE WHEN {sql} THEN 1 ELSE 0 END" for sql, _ in matches)
            rank_params = [value for _, values in matches for value in values]
        distance, distance_params = "NULL", []
        if query.geo is not None:
            bbox, bbox_params, distance, distance_params, limit = _geo(query.geo)
            where += [*bbox, f"{distance} <= %s"]
            params += [*bbox_params, *distance_params, limit]
        ordering = _order_by_sql(_ordering(query, ranked=bool(words)))
        # The facets are only read when they are counted.
        facets = "facets" if query.facet_names else "NULL"
        kinds = list(query.kinds)
        in_kinds = f"WHERE kind IN ({', '.join(['%s'] * len(kinds))})" if kinds else ""
        # Only fixed fragments are formatted into the statement; values are parameters.
        parts = [
            f"SELECT id, kind, title_sort, date, {facets} AS facets, "  # noqa: S608
            f"{rank} AS title_rank, ({distance}) AS distance "
            f"FROM {IndexedDocument._meta.db_table} WHERE {' AND '.join(where)}",
            "SELECT 'kind', kind, CAST(NULL AS TEXT), COUNT(*) FROM matched GROUP BY kind",
        ]
        statement_params = [*rank_params, *distance_params, *params]
        if query.facet_names:
            names = ", ".join(["%s"] * len(query.facet_names))
            parts.append(FACET_COUNTS[connection.vendor].format(names=names))
            statement_params += [query.kinds[0], *query.facet_names]
        # The page is sorted out of the matches first, then numbered: only its rows are.
        parts.append(
            "SELECT 'hit', CAST(id AS TEXT), CAST(NULL AS TEXT), "  # noqa: S608
            f"ROW_NUMBER() OVER (ORDER BY {ordering}) FROM (SELECT * FROM matched {in_kinds} "
            f"ORDER BY {ordering} LIMIT %s OFFSET %s) AS page"
        )
        statement_params += [*kinds, query.page_size, (query.page - 1) * query.page_size]
        statement = f"WITH matched AS MATERIALIZED ({parts[0]}) " + " UNION ALL ".join(parts[1:])
        with transaction.atomic(), connection.cursor() as cursor:
            if _postgresql():
                # The matches stay in memory; compiling the plan costs more than it saves.
                cursor.execute(
                    "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)",
                    [SEARCH_WORK_MEM],
                )
            cursor.execute(statement, statement_params)
            rows = cursor.fetchall()
        counts = [(None, name, n) for part, name, _value, n in rows if part == "kind"]
        counts += [(name, value, n) for part, name, value, n in rows if part == "facet"]
        page = [int(pk) for _n, pk in sorted((n, pk) for part, pk, _v, n in rows if part == "hit")]
        found = IndexedDocument.objects.defer("terms", "title_terms").in_bulk(page)
        return counts, [found[pk] for pk in page if pk in found]

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
            highlights=tuple(text.distinct_fragments(highlights)),
            latitude=row.latitude,
            longitude=row.longitude,
            distance_km=distance,
            extra=row.extra,
        )

    def _facets(self, counted: list[tuple], query: SearchQuery) -> dict[str, list[FacetValue]]:
        """The counted values of each facet, labelled with the value itself (the caller,
        ``search.services``, writes the labels its source gives)."""
        if not query.facet_names:
            return {}
        facets: dict[str, list[FacetValue]] = {name: [] for name in query.facet_names}
        for name, value, n in sorted(counted, key=lambda row: (row[0], -row[2], row[1])):
            values = facets[name]
            if len(values) < FACET_LIMIT:
                values.append(
                    FacetValue(
                        value=value,
                        label=value,
                        count=n,
                        selected=value in query.filters.get(name, ()),
                    )
                )
        return facets

    def autocomplete(
        self, *, viewer, prefix: str, kinds: tuple[str, ...] = (), limit: int = 8
    ) -> list[Suggestion]:
        words = text.tokens(prefix)
        if not words:
            return []
        documents = IndexedDocument.objects.filter(audience=audience_of(viewer))
        if kinds:
            documents = documents.filter(kind__in=list(kinds))
        sql, params = _full_text("title_terms", [((word, True),) for word in words])
        documents = documents.filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611
        return [
            Suggestion(kind=row["kind"], label=row["title"], url=row["url"])
            for row in documents.order_by("title_sort", "pk").values("kind", "title", "url")[:limit]
        ]


def _geo(geo) -> tuple[list[str], list[float], str, list[float], float]:
    """The bounding box around ``geo`` (indexed), the squared chord to its centre, and
    the longest squared chord within its radius."""
    lat_delta = geo.radius_km / 111.0
    cos_lat = max(math.cos(math.radians(geo.latitude)), 0.01)
    lon_delta = geo.radius_km / (111.0 * cos_lat)
    bbox = ["latitude >= %s", "latitude <= %s"]
    bbox_params = [geo.latitude - lat_delta, geo.latitude + lat_delta]
    if lon_delta < 180:
        west, east = geo.longitude - lon_delta, geo.longitude + lon_delta
        if west < -180 or east > 180:
            bbox.append("(longitude >= %s OR longitude <= %s)")
            bbox_params += [(west + 540) % 360 - 180, (east + 540) % 360 - 180]
        else:
            bbox += ["longitude >= %s", "longitude <= %s"]
            bbox_params += [west, east]
    x, y, z = unit_point(geo.latitude, geo.longitude)
    distance = " + ".join(f"(unit_{axis} - %s) * (unit_{axis} - %s)" for axis in "xyz")
    chord = 2 * math.sin(min(geo.radius_km / EARTH_RADIUS_KM, math.pi) / 2)
    return bbox, bbox_params, distance, [x, x, y, y, z, z], chord * chord
