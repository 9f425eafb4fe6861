"""``manage.py search_index``: rebuild, check or catch up the search index."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from config import pagecache
from search import elastic, pending, sources
from search.database import DatabaseStore
from search.documents import AUDIENCES
from search.elastic import ElasticStore
from search.models import IndexedDocument, PendingSync

SAMPLE_SIZE = 50
BAR_WIDTH = 30


class Progress:
    """A progress bar with the indexing rate, written on the command's output."""

    def __init__(self, stdout, *, label: str, expected: int):
        self.stdout = stdout
        self.label = label
        self.expected = max(expected, 1)
        self.done = 0
        self.started = time.monotonic()
        self.last_drawn = 0.0

    def __call__(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last_drawn >= 0.5:
            self.draw(now)

    def draw(self, now: float) -> None:
        self.last_drawn = now
        share = min(self.done / self.expected, 1.0)
        filled = int(share * BAR_WIDTH)
        rate = self.done / max(now - self.started, 1e-6)
        self.stdout.write(
            f"\r{self.label:<24} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
            f"{self.done:>9,} documents  {rate:>8,.0f}/s",
            ending="",
        )
        self.stdout.flush()

    def finish(self) -> float:
        now = time.monotonic()
        self.draw(now)
        self.stdout.write("")
        return self.done / max(now - self.started, 1e-6)


class Command(BaseCommand):
    help = (
        "Rebuilds the search index (a new Elasticsearch index per kind behind its alias, "
        "swapped atomically; the database index in one transaction), checks it against "
        "the database, or sends Elasticsearch the updates it missed."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="Rebuild from the sources.")
        action.add_argument("--check", action="store_true", help="Compare counts and a sample.")
        action.add_argument(
            "--catch-up", action="store_true", help="Send Elasticsearch the pending updates."
        )
        parser.add_argument(
            "--kind", action="append", choices=sorted(sources.registered()), help="Only this kind."
        )
        parser.add_argument(
            "--store",
            choices=("all", "database", "elasticsearch"),
            default="all",
            help="Which store to rebuild (default: the database, and Elasticsearch if set).",
        )

    def handle(self, *args, **options):
        kinds = options["kind"] or sorted(sources.registered())
        if options["rebuild"]:
            self.rebuild_index(kinds, options["store"])
        elif options["check"]:
            self.check_index(kinds)
        else:
            sent = pending.catch_up()
            left = PendingSync.objects.count()
            self.stdout.write(f"{sent} object(s) sent to Elasticsearch, {left} still pending.")
            if left:
                raise CommandError("Elasticsearch did not take every pending update.")

    def _stores(self, which: str) -> list:
        stores = []
        if which in ("all", "database"):
            stores.append(DatabaseStore())
        if which in ("all", "elasticsearch"):
            if elastic.configured():
                stores.append(ElasticStore())
            elif which == "elasticsearch":
                raise CommandError("ELASTICSEARCH_URL is not set.")
        return stores

    def rebuild_index(self, kinds: list[str], which: str) -> None:
        started_at = timezone.now()
        for store in self._stores(which):
            for kind in kinds:
                source = sources.registered()[kind]
                progress = Progress(
                    self.stdout, label=f"{store.name} · {kind}", expected=source.count()
                )
                store.rebuild({kind: source.iter_documents()}, progress=progress)
                rate = progress.finish()
                self.stdout.write(f"  {progress.done:,} documents at {rate:,.0f} documents/s")
            if store.name == "elasticsearch":
                PendingSync.objects.filter(kind__in=kinds, created_at__lte=started_at).delete()
        pagecache.purge(*(f"search:{kind}" for kind in kinds))
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))

    def check_index(self, kinds: list[str]) -> None:
        problems: list[str] = []
        database_counts = DatabaseStore().counts()
        elastic_store = None
        if elastic.configured():
            elastic_store = ElasticStore()
            elastic_counts = elastic_store.counts()
        for kind in kinds:
            source = sources.registered()[kind]
            for audience in AUDIENCES:
                in_database = database_counts.get((kind, audience), 0)
                line = f"{kind:<10} {audience:<8} database {in_database:>9,}"
                if elastic_store is not None:
                    in_elastic = elastic_counts.get((kind, audience), 0)
                    line += f"  elasticsearch {in_elastic:>9,}"
                    if in_elastic != in_database:
                        problems.append(
                            f"{kind}/{audience}: {in_database} in the database, "
                            f"{in_elastic} in Elasticsearch"
                        )
                self.stdout.write(line)
            problems += self._sample(kind, source, elastic_store)
        drift = DatabaseStore().count_drift(kinds)
        for (audience, kind, facet, value), kept, recounted in drift[:SAMPLE_SIZE]:
            what = f"{facet}={value}" if facet else "documents"
            problems.append(
                f"{kind}/{audience} {what}: {kept} kept, {recounted} counted "
                "(run --rebuild --store database)"
            )
        if len(drift) > SAMPLE_SIZE:
            problems.append(f"{len(drift) - SAMPLE_SIZE} more counts differ")
        pending = PendingSync.objects.count()
        if pending:
            problems.append(f"{pending} update(s) wait for Elasticsearch (run --catch-up)")
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError("The search index differs from the database.")
        self.stdout.write(self.style.SUCCESS("The search index matches the database."))

    def _sample(self, kind: str, source, elastic_store) -> list[str]:
        """Rebuilds a sample of documents and compares them with both stores."""
        total = source.count()
        step = max(total // SAMPLE_SIZE, 1)
        ids = [
            str(pk)
            for pk in source.objects()
            .order_by("pk")
            .values_list("pk", flat=True)[::step][:SAMPLE_SIZE]
        ]
        expected = {(doc.id, doc.audience): doc for doc in source.documents_for(ids)}
        stored = {
            (row.object_id, row.audience): row
            for row in IndexedDocument.objects.filter(kind=kind, object_id__in=ids)
        }
        problems = []
        for key in sorted(set(expected) | set(stored)):
            doc, row = expected.get(key), stored.get(key)
            if doc is None or row is None or (doc.title, doc.url) != (row.title, row.url):
                problems.append(f"{kind} {key[0]} ({key[1]}): the database index is out of date")
        if elastic_store is not None:
            for audience in AUDIENCES:
                wanted = {
                    object_id: {"title": doc.title, "url": doc.url}
                    for (object_id, doc_audience), doc in expected.items()
                    if doc_audience == audience
                }
                found = elastic_store.sample(kind, audience, ids)
                for object_id in sorted(set(wanted) | set(found)):
                    if wanted.get(object_id) != found.get(object_id):
                        problems.append(
                            f"{kind} {object_id} ({audience}): Elasticsearch is out of date"
                        )
        return problems
