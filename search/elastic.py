"""The Elasticsearch backend and store, written with ``elasticsearch.dsl``.

One index per kind, reached through the alias ``<ELASTICSEARCH_INDEX_PREFIX>-<kind>``:
a rebuild fills a new index and swaps the alias in one atomic call. Each document
carries its audience; a visitor's query filters on ``audience=public``, a member's
on ``audience=members``. Text is analysed for French (elision, ASCII folding, light
stemming), titles also get an edge n-gram field for autocomplete, facets are
keywords, places a ``geo_point``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import A, Index, Q, Search, analyzer, field, normalizer, token_filter
from elasticsearch.dsl import Mapping as DslMapping

from search.documents import Document, audience_of
from search.geo import haversine_km
from search.query import (
    FACETS,
    KINDS,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Suggestion,
)
from search.text import ELISIONS, distinct_fragments

logger = logging.getLogger(__name__)

# Writes wait for the refresh that makes them visible (about a second); rebuilds longer.
WRITE_TIMEOUT = 3.0
# Creating an index, counting, reading samples: rare calls that may be slow.
ADMIN_TIMEOUT = 30.0
REBUILD_TIMEOUT = 120.0
FACET_LIMIT = 50
BULK_CHUNK = 1000
# One typo forgiven in a word of four letters or more, none in shorter words, as the
# database backend does ("AUTO" would allow two from six letters, and expanding each
# long word to every term two edits away is what made queries slow).
FUZZINESS = "AUTO:4,100"
# What a failed call to Elasticsearch raises: the caller degrades or marks pending.
FAILURES = (TransportError, ApiError)

french_elision = token_filter(
    "french_elision", "elision", articles_case=True, articles=list(ELISIONS)
)
french_stemmer = token_filter("french_light_stemmer", "stemmer", language="light_french")
autocomplete_ngrams = token_filter("autocomplete_ngrams", "edge_ngram", min_gram=1, max_gram=20)
french_text = analyzer(
    "french_text",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", french_stemmer],
)
autocomplete_index = analyzer(
    "autocomplete_index",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", autocomplete_ngrams],
)
autocomplete_search = analyzer(
    "autocomplete_search",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding"],
)
folded_keyword = normalizer("folded_keyword", filter=["lowercase", "asciifolding"])

_clients: dict[tuple, Elasticsearch] = {}
# The aliases known to exist, by server: the save path asks only once per process.
_aliases: set[tuple[str, str]] = set()


def configured() -> bool:
    """Whether Elasticsearch is set up (``ELASTICSEARCH_URL``): else the database answers
    and holds the only index."""
    return bool(settings.ELASTICSEARCH_URL)


def client() -> Elasticsearch:
    """The client for ``ELASTICSEARCH_URL``, with its short query timeout and no retries."""
    options = getattr(settings, "ELASTICSEARCH_CLIENT_OPTIONS", {}) or {}
    key = (
        settings.ELASTICSEARCH_URL,
        settings.ELASTICSEARCH_TIMEOUT,
        tuple(sorted((name, repr(value)) for name, value in options.items())),
    )
    if key not in _clients:
        _clients[key] = Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=settings.ELASTICSEARCH_TIMEOUT,
            max_retries=0,
            retry_on_timeout=False,
            **options,
        )
    return _clients[key]


def alias(kind: str) -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{kind}"


def mapping(kind: str) -> DslMapping:
    """The explicit mapping of one kind's index."""
    m = DslMapping()
    m.field("kind", field.Keyword())
    m.field("object_id", field.Keyword())
    m.field("audience", field.Keyword())
    m.field(
        "title",
        field.Text(
            analyzer=french_text,
            copy_to="all_text",
            fields={
                "autocomplete": field.Text(
                    analyzer=autocomplete_index, search_analyzer=autocomplete_search
                ),
                "sort": field.Keyword(normalizer=folded_keyword, ignore_above=300),
            },
        ),
    )
    m.field("summary", field.Text(analyzer=french_text, copy_to="all_text"))
    m.field("text", field.Text(analyzer=french_text, copy_to="all_text"))
    m.field("all_text", field.Text(analyzer=french_text))
    m.field("url", field.Keyword(index=False))
    m.field("location", field.GeoPoint())
    m.field("date", field.Date())
    m.field(
        "facets",
        field.Object(properties={name: field.Keyword() for name in FACETS[kind]}),
    )
    m.field("extra", field.Object(enabled=False))
    m.meta("dynamic", "strict")
    return m


def _index(name: str, kind: str) -> Index:
    index = Index(name, using=client())
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.mapping(mapping(kind))
    return index


def _source(document: Document) -> dict:
    body = {
        "kind": document.kind,
        "object_id": document.id,
        "audience": document.audience,
        "title": document.title,
        "url": document.url,
        "summary": document.summary,
        "text": document.text,
        "date": document.date.isoformat() if document.date else None,
        "facets": {name: list(values) for name, values in document.facets.items()},
        "extra": dict(document.extra),
    }
    if document.latitude is not None and document.longitude is not None:
        body["location"] = {"lat": document.latitude, "lon": document.longitude}
    return body


def _doc_id(kind: str, object_id: str, audience: str) -> str:
    return f"{object_id}:{audience}"


class ElasticStore:
    name = "elasticsearch"

    def __init__(self):
        self.es = client()

    def ensure(self, kind: str) -> None:
        """Creates the kind's first index behind its alias when there is none."""
        known = (settings.ELASTICSEARCH_URL, alias(kind))
        if known in _aliases:
            return
        writer = self.es.options(request_timeout=ADMIN_TIMEOUT)
        if not writer.indices.exists_alias(name=alias(kind)):
            name = f"{alias(kind)}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
            _index(name, kind).create(using=writer)
            writer.indices.put_alias(index=name, name=alias(kind))
        _aliases.add(known)

    def replace(self, kind: str, ids: Iterable[str], documents: Iterable[Document]) -> None:
        """Makes the documents of objects ``ids`` exactly ``documents``, visible at once."""
        self.ensure(kind)
        documents = list(documents)
        keep = {_doc_id(kind, doc.id, doc.audience) for doc in documents}
        operations: list[dict] = []
        for object_id in ids:
            for audience in ("public", "members"):
                doc_id = _doc_id(kind, str(object_id), audience)
                if doc_id not in keep:
                    operations.append({"delete": {"_index": alias(kind), "_id": doc_id}})
        for document in documents:
            operations.append(
                {
                    "index": {
                        "_index": alias(kind),
                        "_id": _doc_id(kind, document.id, document.audience),
                    }
                }
            )
            operations.append(_source(document))
        if not operations:
            return
        response = self.es.options(request_timeout=WRITE_TIMEOUT).bulk(
            operations=operations, refresh="wait_for"
        )
        if response["errors"]:
            failed = [
                item
                for item in response["items"]
                for action, result in item.items()
                if result.get("status", 200) >= 300
                and not (action == "delete" and result.get("status") == 404)
            ]
            if failed:
                raise ApiError(
                    message=f"Elasticsearch refused {len(failed)} document(s): {failed[:3]}",
                    meta=response.meta,
                    body=response.body,
                )

    def rebuild(self, documents_by_kind: Mapping[str, Iterator[Document]], *, progress) -> int:
        """Fills a new index per kind and swaps each alias to it atomically."""
        es = self.es.options(request_timeout=REBUILD_TIMEOUT)
        stored = 0
        for kind, documents in documents_by_kind.items():
            name = f"{alias(kind)}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
            index = _index(name, kind)
            index.settings(refresh_interval="-1")
            index.create(using=es)
            actions = (
                {
                    "_index": name,
                    "_id": _doc_id(kind, doc.id, doc.audience),
                    "_source": _source(doc),
                }
                for doc in documents
            )
            pending = 0
            for ok, _item in helpers.streaming_bulk(
                es, actions, chunk_size=BULK_CHUNK, raise_on_error=True
            ):
                stored += ok
                pending += 1
                if pending == BULK_CHUNK:
                    progress(pending)
                    pending = 0
            if pending:
                progress(pending)
            es.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
            es.indices.refresh(index=name)
            old = (
                list(es.indices.get_alias(name=alias(kind)))
                if es.indices.exists_alias(name=alias(kind))
                else []
            )
            actions_ = [{"add": {"index": name, "alias": alias(kind)}}]
            actions_ += [{"remove": {"index": previous, "alias": alias(kind)}} for previous in old]
            es.indices.update_aliases(actions=actions_)
            for previous in old:
                es.indices.delete(index=previous)
        return stored

    def counts(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        response = self.es.options(request_timeout=ADMIN_TIMEOUT).search(
            index=",".join(alias(kind) for kind in KINDS),
            ignore_unavailable=True,
            size=0,
            aggs={
                "kinds": {
                    "terms": {"field": "kind"},
                    "aggs": {"audiences": {"terms": {"field": "audience"}}},
                }
            },
        )
        for bucket in (
            response["aggregations"]["kinds"]["buckets"] if "aggregations" in response else []
        ):
            for sub in bucket["audiences"]["buckets"]:
                counts[(bucket["key"], sub["key"])] = sub["doc_count"]
        return counts

    def sample(self, kind: str, audience: str, ids: list[str]) -> dict[str, dict]:
        """The stored title and url of some objects, to compare with the database."""
        if not ids:
            return {}
        response = self.es.options(request_timeout=ADMIN_TIMEOUT).mget(
            index=alias(kind), ids=[_doc_id(kind, object_id, audience) for object_id in ids]
        )
        return {
            doc["_source"]["object_id"]: {
                "title": doc["_source"]["title"],
                "url": doc["_source"]["url"],
            }
            for doc in response["docs"]
            if doc.get("found")
        }


class ElasticBackend:
    name = "elasticsearch"

    def __init__(self):
        self.es = client()

    def _base(self, *, viewer, query: SearchQuery) -> Search:
        search = Search(using=self.es, index=",".join(alias(kind) for kind in KINDS))
        search = search.params(ignore_unavailable=True).extra(track_total_hits=True)
        search = search.filter("term", audience=audience_of(viewer))
        if query.text.strip():
            search = search.query(
                Q(
                    "bool",
                    must=[
                        Q(
                            "match",
                            all_text={
                                "query": query.text,
                                "operator": "and",
                                "fuzziness": FUZZINESS,
                                "prefix_length": 1,
                            },
                        )
                    ],
                    should=[Q("match", title={"query": query.text, "boost": 3})],
                )
            )
        for name, values in query.filters.items():
            search = search.filter("terms", **{f"facets.{name}": list(values)})
        if query.geo is not None:
            search = search.filter(
                "geo_distance",
                distance=f"{query.geo.radius_km}km",
                location={"lat": query.geo.latitude, "lon": query.geo.longitude},
            )
        return search

    def search(self, *, viewer, query: SearchQuery) -> SearchResults:
        search = self._base(viewer=viewer, query=query)
        search.aggs.bucket("kinds", A("terms", field="kind", size=len(KINDS)))
        if query.kinds:
            search = search.post_filter("terms", kind=list(query.kinds))
        if query.facet_names:
            facets = search.aggs.bucket("facets", A("filter", terms={"kind": list(query.kinds)}))
            for name in query.facet_names:
                facets.bucket(
                    name,
                    A(
                        "terms",
                        field=f"facets.{name}",
                        size=FACET_LIMIT,
                        order=[{"_count": "desc"}, {"_key": "asc"}],
                    ),
                )
        search = search.sort(*self._sort(query))
        search = (
            search.highlight_options(
                encoder="html",
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                require_field_match=False,
                fragment_size=160,
                number_of_fragments=2,
            )
            .highlight("title", number_of_fragments=0)
            .highlight("summary")
            .highlight("text")
        )
        start = (query.page - 1) * query.page_size
        search = search[start : start + query.page_size]
        try:
            response = search.execute()
        except FAILURES as error:
            raise SearchUnavailable(str(error)) from error
        body = response.to_dict()
        kind_counts = {
            bucket["key"]: bucket["doc_count"]
            for bucket in body["aggregations"]["kinds"]["buckets"]
        }
        return SearchResults(
            query=query,
            hits=[self._hit(raw, query) for raw in body["hits"]["hits"]],
            total=body["hits"]["total"]["value"],
            facets=self._facets(body, query),
            kind_counts={kind: kind_counts.get(kind, 0) for kind in KINDS},
            backend=self.name,
        )

    def _sort(self, query: SearchQuery) -> list:
        if query.sort == "distance":
            return [
                {
                    "_geo_distance": {
                        "location": {"lat": query.geo.latitude, "lon": query.geo.longitude},
                        "order": "asc",
                        "unit": "km",
                    }
                },
                "title.sort",
                "object_id",
            ]
        if query.sort == "name" or (query.sort == "relevance" and not query.text.strip()):
            return ["title.sort", "object_id"]
        if query.sort in ("recent", "date"):
            return [{"date": {"order": "desc", "missing": "_last"}}, "title.sort", "object_id"]
        return ["_score", "title.sort", "object_id"]

    def _hit(self, raw: dict, query: SearchQuery) -> Hit:
        source = raw["_source"]
        location = source.get("location") or {}
        latitude, longitude = location.get("lat"), location.get("lon")
        distance = None
        if query.geo is not None and latitude is not None:
            distance = haversine_km(query.geo.latitude, query.geo.longitude, latitude, longitude)
        highlight = raw.get("highlight", {})
        fragments = [
            fragment
            for name in ("title", "summary", "text")
            for fragment in highlight.get(name, [])
        ][:3]
        return Hit(
            kind=source["kind"],
            id=source["object_id"],
            title=source["title"],
            url=source["url"],
            summary=source.get("summary", ""),
            highlights=tuple(distinct_fragments(fragments)),
            score=raw.get("_score"),
            latitude=latitude,
            longitude=longitude,
            distance_km=distance,
            extra=source.get("extra") or {},
        )

    def _facets(self, body: dict, query: SearchQuery) -> dict[str, list[FacetValue]]:
        """Each facet's buckets, labelled with the value itself (see ``search.services``)."""
        if not query.facet_names:
            return {}
        aggregations = body["aggregations"]["facets"]
        return {
            name: [
                FacetValue(
                    value=bucket["key"],
                    label=bucket["key"],
                    count=bucket["doc_count"],
                    selected=bucket["key"] in query.filters.get(name, ()),
                )
                for bucket in aggregations[name]["buckets"]
            ]
            for name in query.facet_names
        }

    def autocomplete(
        self, *, viewer, prefix: str, kinds: tuple[str, ...] = (), limit: int = 8
    ) -> list[Suggestion]:
        if not prefix.strip():
            return []
        search = Search(
            using=self.es, index=",".join(alias(kind) for kind in (kinds or KINDS))
        ).params(ignore_unavailable=True)
        search = search.filter("term", audience=audience_of(viewer)).query(
            "match", **{"title.autocomplete": {"query": prefix, "operator": "and"}}
        )
        search = search.sort("title.sort", "object_id").source(["kind", "title", "url"])[:limit]
        try:
            response = search.execute()
        except FAILURES as error:
            raise SearchUnavailable(str(error)) from error
        return [
            Suggestion(
                kind=hit["_source"]["kind"],
                label=hit["_source"]["title"],
                url=hit["_source"]["url"],
            )
            for hit in response.to_dict()["hits"]["hits"]
        ]
