"""Public search at a real university's size, on each backend.

    python -m benchmarks.bench_search [--members 450000] [--backends postgresql,sqlite,opensearch]

Generates, with a fixed seed, the search documents of 450,000 members, 2,000 clubs,
10,000 events and 5,000 pages (one document per audience allowed to find the object,
as the sources build them), then for each backend — the database backend on
PostgreSQL and on SQLite, and Elasticsearch on the OpenSearch test server — reports
the index build rate and the p50/p95 latency of 200 queries each: full text, full
text + 3 facets, geo within 50 km, autocomplete, and the member directory's first
pages (no words: every member, with the facet counts). Each mix is warmed up with
its first 20 queries, untimed. Each backend runs in its own process with its own
database (``cercle_bench_search`` on PostgreSQL, a file under ``var/bench/`` for
SQLite), analysed once built (and vacuumed on PostgreSQL).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261202
QUERIES = 200
WARM_UP = 20
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://cercle@127.0.0.1:5432")
PG_DATABASE = "cercle_bench_search"
SQLITE_PATH = ROOT / "var" / "bench" / "search.sqlite3"
TARGETS_MS = {"opensearch": 30, "postgresql": 100, "sqlite": 150}

FIRST_NAMES = (
    "Camille Léa Chloé Manon Inès Jade Louise Zoé Clément Hugo Lucas Théo Nathan Émile Jules "
    "Gabriel Raphaël Arthur Louis Adam Sarah Anaïs Élodie Mathis Noé Hélène Sophie Marc Paul Anne"
).split()
SYLLABLES = (
    "ber mar dou lef fév bre ton gar nier lau ren mon vil cha pel roux bel mor dur lan "
    "gau fon mas cor val bla chè riv cam sau bou len tis quer ran dal pré hal tel vé"
).split()
CITIES = (
    ("Lille", "FR", 50.6292, 3.0573),
    ("Roubaix", "FR", 50.6942, 3.1746),
    ("Arras", "FR", 50.2910, 2.7775),
    ("Paris", "FR", 48.8566, 2.3522),
    ("Lyon", "FR", 45.7640, 4.8357),
    ("Marseille", "FR", 43.2965, 5.3698),
    ("Bordeaux", "FR", 44.8378, -0.5792),
    ("Nantes", "FR", 47.2184, -1.5536),
    ("Strasbourg", "FR", 48.5734, 7.7521),
    ("Toulouse", "FR", 43.6047, 1.4442),
    ("Bruxelles", "BE", 50.8503, 4.3517),
    ("Gand", "BE", 51.0543, 3.7174),
    ("Montréal", "CA", 45.5019, -73.5674),
    ("Londres", "GB", 51.5072, -0.1276),
    ("Berlin", "DE", 52.5200, 13.4050),
    ("Dakar", "SN", 14.7167, -17.4677),
    ("Casablanca", "MA", 33.5731, -7.5898),
    ("Genève", "CH", 46.2044, 6.1432),
)
PROGRAMMES = (
    "Master Économie appliquée",
    "Licence Histoire",
    "Master Droit des affaires",
    "Licence Psychologie",
    "Master Data science",
    "Doctorat Physique",
    "Master Génie civil",
    "Licence Lettres modernes",
    "Master Management international",
    "Licence Biologie",
    "Master Urbanisme et aménagement",
    "Master Énergie et environnement",
)
FACULTIES = (
    "Faculté d’économie et de gestion",
    "Faculté des sciences",
    "Faculté de droit",
    "Faculté des humanités",
    "Faculté de médecine",
    "Faculté de psychologie",
)
EXPERTISE = (
    "économie circulaire",
    "data science",
    "énergies renouvelables",
    "mobilité",
    "alimentation durable",
    "patrimoine",
    "intelligence artificielle",
    "droit du numérique",
    "santé publique",
    "urbanisme",
    "finance",
    "communication",
)
ROLES = (
    "Ingénieure",
    "Chef de projet",
    "Consultante",
    "Enseignant-chercheur",
    "Analyste",
    "Directrice",
    "Juriste",
    "Développeur",
    "Chargée de mission",
    "Médecin",
)
SECTORS = ("digital", "energy", "health", "banking", "education", "law", "industry", "media")
MEMBER_KINDS = ("alumnus", "alumnus", "alumnus", "student", "staff", "partner")
CLUB_KINDS = ("geographic", "trade", "thematic", "disciplinary")
THEMES = ("afterworks", "mentorat", "entrepreneuriat", "sport", "culture", "recherche")
PAGE_TYPES = ("news.newspage", "home.standardpage", "news.videoepisodepage")
WORDS = (
    "université partenariat recherche innovation territoire métropole étudiants diplômés "
    "conférence atelier rencontre réseau emploi stage colloque soirée forum"
).split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def generate(members: int) -> Iterator:
    """Every document of the generated community, kind by kind, with a fixed seed."""
    from search.documents import MEMBERS, PUBLIC, Document

    rng = random.Random(SEED)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for i in range(members):
        first, last = rng.choice(FIRST_NAMES), _name(rng)
        city, country, lat, lon = rng.choice(CITIES)
        lat, lon = lat + rng.uniform(-0.2, 0.2), lon + rng.uniform(-0.2, 0.2)
        programme, faculty = rng.choice(PROGRAMMES), rng.choice(FACULTIES)
        expertise = tuple(rng.sample(EXPERTISE, 2))
        role, sector = rng.choice(ROLES), rng.choice(SECTORS)
        kind = rng.choice(MEMBER_KINDS)
        headline = f"{role} à {city}"
        members_text = (
            f"{city} {programme} {faculty} {role} Entreprise {_name(rng)} {' '.join(expertise)}"
        )
        common = {
            "kind": "members",
            "id": str(i + 1),
            "title": f"{first} {last}",
            "url": f"/members/{i + 1}/",
            "date": start + timedelta(minutes=i),
        }
        yield Document(
            audience=MEMBERS,
            summary=headline,
            text=members_text,
            facets={
                "member_kind": (kind,),
                "country": (country,),
                "faculty": (faculty,),
                "expertise": expertise,
                "sector": (sector,),
            },
            latitude=lat,
            longitude=lon,
            extra={"place": city},
            **common,
        )
        if rng.random() < 0.3:
            yield Document(
                audience=PUBLIC,
                summary=headline,
                text=f"{city} {' '.join(expertise)}",
                facets={"member_kind": (kind,), "country": (country,), "expertise": expertise},
                latitude=lat,
                longitude=lon,
                extra={"place": city},
                **common,
            )
    for kind, count in (("clubs", 2000), ("events", 10000), ("pages", 5000)):
        for i in range(count):
            city, country, lat, lon = rng.choice(CITIES)
            words = " ".join(rng.sample(WORDS, 6))
            title = f"{rng.choice(WORDS).capitalize()} {_name(rng)} {city}"
            if kind == "clubs":
                facets = {
                    "club_kind": (rng.choice(CLUB_KINDS),),
                    "country": (country,),
                    "theme": (rng.choice(THEMES),),
                }
            elif kind == "events":
                facets = {
                    "theme": (rng.choice(THEMES),),
                    "organiser": (f"Club {_name(rng)}",),
                    "attendance": (rng.choice(("onsite", "online")),),
                }
            else:
                facets = {"page_type": (rng.choice(PAGE_TYPES),)}
            audiences = (MEMBERS,) if kind == "clubs" and rng.random() < 0.2 else (PUBLIC, MEMBERS)
            for audience in audiences:
                yield Document(
                    kind=kind,
                    id=str(i + 1),
                    audience=audience,
                    title=title,
                    url=f"/{kind}/{i + 1}/",
                    summary=words,
                    text=f"{words} {city}",
                    facets=facets,
                    latitude=lat if kind != "pages" else None,
                    longitude=lon if kind != "pages" else None,
                    date=start + timedelta(hours=i),
                )


def by_kind(members: int) -> dict[str, Iterator]:
    """The generated documents grouped by kind, as a rebuild reads them."""
    from itertools import groupby

    groups: dict[str, list] = {}
    for kind, documents in groupby(generate(members), key=lambda document: document.kind):
        groups.setdefault(kind, []).extend(documents)
    return {kind: iter(documents) for kind, documents in groups.items()}


def queries(rng: random.Random):
    """The four query mixes, 200 queries each."""
    from search.query import GeoFilter, SearchQuery

    def text() -> str:
        return rng.choice(
            (
                rng.choice(FIRST_NAMES),
                rng.choice(EXPERTISE),
                rng.choice(PROGRAMMES).split()[-1],
                rng.choice(ROLES),
                rng.choice(WORDS),
                rng.choice(CITIES)[0],
            )
        )

    mixes = {
        "full text": [SearchQuery(text=text()) for _ in range(QUERIES)],
        "text + 3 facets": [
            SearchQuery(
                text=text(),
                kinds=("members",),
                filters={
                    "country": (rng.choice(CITIES)[1],),
                    "member_kind": (rng.choice(MEMBER_KINDS),),
                    "sector": (rng.choice(SECTORS),),
                },
            )
            for _ in range(QUERIES)
        ],
        "geo 50 km": [],
        "autocomplete": [
            rng.choice(FIRST_NAMES)[:3] + " " + _name(rng)[:2] for _ in range(QUERIES)
        ],
    }
    for _ in range(QUERIES):
        _city, _country, lat, lon = rng.choice(CITIES)
        mixes["geo 50 km"].append(
            SearchQuery(geo=GeoFilter(lat, lon, 50), kinds=("members",), sort="distance")
        )
    mixes["directory"] = [
        SearchQuery(kinds=("members",), sort="name", page=rng.randint(1, 50))
        for _ in range(QUERIES)
    ]
    return mixes


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered), p95


def run_backend(name: str, members: int) -> int:
    """One backend, in this process: configure Django, build the index, time the queries."""
    if name == "postgresql":
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    else:
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        SQLITE_PATH.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from members.privacy import PreviewMember

    if name == "postgresql":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    call_command("migrate", "search", verbosity=0)

    if name == "opensearch":
        # The client logs each request; the figures are what this run prints.
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
        url = subprocess.run(  # noqa: S603
            ["/bin/bash", str(ROOT / "tests" / "search" / "opensearch.sh")],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        from tests.search.opensearch import OpenSearchNode

        settings.ELASTICSEARCH_URL = url
        settings.ELASTICSEARCH_CLIENT_OPTIONS = {"node_class": OpenSearchNode}
        settings.ELASTICSEARCH_INDEX_PREFIX = "cercle-bench"
        settings.ELASTICSEARCH_TIMEOUT = 30.0
        from search.elastic import ElasticBackend, ElasticStore

        store, backend = ElasticStore(), ElasticBackend()
    else:
        from search.database import DatabaseBackend, DatabaseStore

        store, backend = DatabaseStore(), DatabaseBackend()

    documents = by_kind(members)
    started = time.perf_counter()
    stored = store.rebuild(documents, progress=lambda count: None)
    elapsed = time.perf_counter() - started
    if name != "opensearch":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if name == "postgresql" else "ANALYZE")
    print(
        f"{name}: index of {stored:,} documents built in {elapsed:.0f} s "
        f"({stored / elapsed:,.0f} documents/s)",
        flush=True,
    )

    viewer = PreviewMember()
    rng = random.Random(SEED + 1)
    failed = False
    for mix, items in queries(rng).items():
        samples = []
        for position, item in enumerate([*items[:WARM_UP], *items]):
            begin = time.perf_counter()
            if mix == "autocomplete":
                backend.autocomplete(viewer=viewer, prefix=item)
            else:
                backend.search(viewer=viewer, query=item)
            if position >= WARM_UP:
                samples.append((time.perf_counter() - begin) * 1000)
        p50, p95 = _percentiles(samples)
        line = f"{name}: {mix:<16} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
        if mix == "text + 3 facets":
            target = TARGETS_MS[name]
            met = p95 <= target
            failed |= not met
            line += f"   (target p95 ≤ {target} ms: {'met' if met else 'MISSED'})"
        print(line, flush=True)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=450_000)
    parser.add_argument("--backends", default="postgresql,sqlite,opensearch")
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend:
        return run_backend(args.backend, args.members)
    print(
        f"Search benchmark: {args.members:,} members, 2,000 clubs, 10,000 events, 5,000 pages "
        f"(seed {SEED}), {QUERIES} queries per mix.",
        flush=True,
    )
    codes = [
        subprocess.call(  # noqa: S603
            [
                sys.executable,
                "-m",
                "benchmarks.bench_search",
                "--backend",
                backend,
                "--members",
                str(args.members),
            ],
            cwd=ROOT,
        )
        for backend in args.backends.split(",")
    ]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
