"""Public search at a real university's size, on each backend.

    python -m benchmarks.bench_search [--members 450000] [--backends postgresql,sqlite,opensearch]
    BENCH_SEARCH_MEMBERS=2000 make bench BENCH_ARGS=search     # a quick run at a small scale

First builds the community as real rows, with a fixed seed, in a fresh PostgreSQL
database (``cercle_bench_search``): 450,000 members (accounts, profiles with their
education, experience and expertise, 30 % listed publicly), 2,000 clubs, 10,000
events and 5,000 pages (fewer in proportion with ``--members``). Then each kind's
registered source (``search.sources``) builds its documents from those rows, as
the index sync and ``search_index --rebuild`` do, and they are kept under
``var/bench/``. Then for each backend — the database backend on PostgreSQL (beside
the rows) and on SQLite, and Elasticsearch on the OpenSearch test server
(``search.opensearch``) — it reports the index build rate and the p50/p95 latency
of 200 queries each: full text, full text + 3 facets, geo within 50 km,
autocomplete, and the member directory's first pages (no words: every member, with
the facet counts). Each mix is warmed up with its first 20 queries, untimed. Each
step runs in its own process with its own database (a file under ``var/bench/``
for SQLite), analysed once built (and vacuumed on PostgreSQL).
"""

from __future__ import annotations

import argparse
import logging
import os
import pickle
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
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "search.sqlite3"
FULL_SIZE = 450_000
ROW_BATCH = 5000
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
WORDS = (
    "université partenariat recherche innovation territoire métropole étudiants diplômés "
    "conférence atelier rencontre réseau emploi stage colloque soirée forum"
).split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def counts(members: int) -> dict[str, int]:
    """How many objects of each kind: 2,000 clubs, 10,000 events and 5,000 pages at
    450,000 members, in proportion below (at least a few of each)."""
    share = members / FULL_SIZE
    return {
        "members": members,
        "clubs": max(5, round(2000 * share)),
        "events": max(10, round(10000 * share)),
        "pages": max(5, round(5000 * share)),
    }


def generate_rows(members: int) -> None:
    """The community, as real rows, with a fixed seed: accounts and profiles (with their
    education, experience and expertise), clubs with themes, event pages and pages.

    Rows are written in bulk where the models allow it; pages go through the page tree.
    The search's receivers are disconnected meanwhile: the documents are built once,
    from the sources, when the rows are all there.
    """
    from django.contrib.auth.hashers import make_password
    from django.test.utils import override_settings
    from django.utils.text import slugify
    from taggit.models import Tag
    from wagtail.models import Page, Site

    from clubs.models import Club, ClubStatus, ClubTheme, ClubVisibility, TaggedClub
    from events.models import AttendanceMode, EventIndexPage, EventPage, EventPageTag
    from home.models import HomePage, StandardPage
    from members.models import (
        Education,
        Experience,
        ExpertiseDomain,
        Profile,
        ProfileExpertise,
        User,
    )
    from members.visibility import Visibility
    from search import sync

    sync.disconnect()
    # Wagtail logs each page created; the figures are what this run prints.
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    # Wagtail's own search index is not what is measured.
    override_settings(
        WAGTAILSEARCH_BACKENDS={
            "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
        }
    ).enable()
    rng = random.Random(SEED)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    sizes = counts(members)

    domains = {
        name: ExpertiseDomain.objects.create(name=name, slug=slugify(name)) for name in EXPERTISE
    }
    password = make_password(None)
    for batch_start in range(0, members, ROW_BATCH):
        numbers = range(batch_start, min(members, batch_start + ROW_BATCH))
        users = User.objects.bulk_create(
            User(email=f"bench{i}@example.org", password=password) for i in numbers
        )
        profiles, educations, experiences, expertise = [], [], [], []
        for user in users:
            city, country, lat, lon = rng.choice(CITIES)
            public = rng.random() < 0.3
            shown = Visibility.PUBLIC if public else Visibility.MEMBERS
            profile = Profile(
                user=user,
                kind=rng.choice(MEMBER_KINDS),
                first_name=rng.choice(FIRST_NAMES),
                last_name=_name(rng),
                city=city,
                country=country,
                latitude=lat + rng.uniform(-0.2, 0.2),
                longitude=lon + rng.uniform(-0.2, 0.2),
                listed_publicly=public,
                headline_visibility=shown,
                location_visibility=shown,
                expertise_visibility=shown,
            )
            role = rng.choice(ROLES)
            profile.headline = f"{role} à {city}"
            profiles.append(profile)
            educations.append(
                Education(
                    profile=profile,
                    programme=rng.choice(PROGRAMMES),
                    faculty=rng.choice(FACULTIES),
                    end_year=rng.randint(1990, 2026),
                )
            )
            experiences.append(
                Experience(
                    profile=profile,
                    organisation_name=f"Entreprise {_name(rng)}",
                    role=role,
                    sector=rng.choice(SECTORS),
                )
            )
            expertise += [
                ProfileExpertise(tag=domains[name], content_object=profile)
                for name in rng.sample(EXPERTISE, 2)
            ]
        Profile.objects.bulk_create(profiles)
        Education.objects.bulk_create(educations)
        Experience.objects.bulk_create(experiences)
        ProfileExpertise.objects.bulk_create(expertise)
        print(f"  rows: {numbers.stop:,} members", end="\r", flush=True)
    print(flush=True)

    themes = {name: ClubTheme.objects.create(name=name, slug=name) for name in THEMES}
    clubs = []
    for i in range(sizes["clubs"]):
        city, country, lat, lon = rng.choice(CITIES)
        words = " ".join(rng.sample(WORDS, 6))
        clubs.append(
            Club(
                name=f"{rng.choice(WORDS).capitalize()} {_name(rng)} {city}",
                slug=f"club-{i + 1}",
                kind=rng.choice(CLUB_KINDS),
                summary=words,
                description=f"{words} {city}",
                city=city,
                country=country,
                latitude=lat,
                longitude=lon,
                visibility=(
                    ClubVisibility.MEMBERS if rng.random() < 0.2 else ClubVisibility.PUBLIC
                ),
                status=ClubStatus.ACTIVE,
            )
        )
    Club.objects.bulk_create(clubs)
    TaggedClub.objects.bulk_create(
        TaggedClub(tag=themes[rng.choice(THEMES)], content_object=club) for club in clubs
    )

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Accueil", slug="accueil", hero_title="Cercle"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    index = home.add_child(instance=EventIndexPage(title="Événements", slug="evenements"))
    tags = {name: Tag.objects.create(name=name, slug=name) for name in THEMES}
    event_tags = []
    for i in range(sizes["events"]):
        city, _country, lat, lon = rng.choice(CITIES)
        words = " ".join(rng.sample(WORDS, 6))
        begins = start + timedelta(hours=i)
        online = rng.random() < 0.3
        event = index.add_child(
            instance=EventPage(
                title=f"{rng.choice(WORDS).capitalize()} {_name(rng)} {city}",
                slug=f"event-{i + 1}",
                summary=words,
                start=begins,
                end=begins + timedelta(hours=2),
                venue="" if online else f"Salle {_name(rng)}, {city}",
                attendance_mode=AttendanceMode.ONLINE if online else AttendanceMode.IN_PERSON,
                join_url=f"https://visio.example.org/event-{i + 1}" if online else "",
                latitude=None if online else lat,
                longitude=None if online else lon,
                organiser_club=rng.choice(clubs),
            )
        )
        event_tags.append(EventPageTag(tag=tags[rng.choice(THEMES)], content_object_id=event.pk))
        if i % 500 == 0:
            print(f"  rows: {i:,} events", end="\r", flush=True)
    EventPageTag.objects.bulk_create(event_tags)
    for i in range(sizes["pages"]):
        city = rng.choice(CITIES)[0]
        words = " ".join(rng.sample(WORDS, 6))
        home.add_child(
            instance=StandardPage(
                title=f"{rng.choice(WORDS).capitalize()} {_name(rng)} {city}",
                slug=f"page-{i + 1}",
                introduction=f"{words} {city}",
            )
        )
    print(f"  rows: {sizes}", flush=True)


def _documents_file(kind: str) -> Path:
    return BENCH_DIR / f"search-documents-{kind}.pickle"


def dump_documents() -> dict[str, int]:
    """Every document, built by the kinds' sources from the rows, written kind by kind."""
    from search import sources

    written = {}
    for kind, source in sources.registered().items():
        started = time.perf_counter()
        with _documents_file(kind).open("wb") as out:
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            written[kind] = 0
            for document in source.iter_documents():
                pickler.dump(document)
                written[kind] += 1
        elapsed = time.perf_counter() - started
        print(
            f"  documents: {written[kind]:,} {kind} built by its source in {elapsed:.0f} s "
            f"({written[kind] / max(elapsed, 1e-6):,.0f} documents/s)",
            flush=True,
        )
    return written


def _read_documents(kind: str) -> Iterator:
    with _documents_file(kind).open("rb") as source:
        unpickler = pickle.Unpickler(source)  # noqa: S301 (written by this program, just before)
        while True:
            try:
                yield unpickler.load()
            except EOFError:
                return


def by_kind() -> dict[str, Iterator]:
    """The documents the sources built, kind by kind, as a rebuild reads them."""
    kinds = sorted(path.stem.removeprefix("search-documents-") for path in _documents())
    return {kind: _read_documents(kind) for kind in kinds}


def _documents() -> list[Path]:
    return list(BENCH_DIR.glob("search-documents-*.pickle"))


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


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_community(members: int) -> int:
    """In this process: the rows in a fresh PostgreSQL database, then their documents."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    _setup(f"{PG_SERVER}/{PG_DATABASE}")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generate_rows(members)
    print(f"  rows written in {time.perf_counter() - started:.0f} s", flush=True)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for path in _documents():
        path.unlink()
    dump_documents()
    return 0


def run_backend(name: str) -> int:
    """One backend, in this process: configure Django, build the index, time the queries.

    PostgreSQL indexes beside the rows the documents came from; SQLite and OpenSearch
    start from an empty database holding the search's tables only.
    """
    if name == "postgresql":
        _setup(f"{PG_SERVER}/{PG_DATABASE}")
    else:
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        SQLITE_PATH.unlink(missing_ok=True)
        _setup(f"sqlite:///{SQLITE_PATH}")
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from members.privacy import PreviewMember
    from search.database import DatabaseBackend, DatabaseStore
    from search.elastic import ElasticBackend, ElasticStore
    from search.opensearch import client_options, server_url

    if name != "postgresql":
        call_command("migrate", "search", verbosity=0)
    if name == "opensearch":
        # The client logs each request; the figures are what this run prints.
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
        settings.ELASTICSEARCH_URL = server_url()
        settings.ELASTICSEARCH_CLIENT_OPTIONS = client_options()
        settings.ELASTICSEARCH_INDEX_PREFIX = "cercle-bench"
        settings.ELASTICSEARCH_TIMEOUT = 30.0
        store, backend = ElasticStore(), ElasticBackend()
    else:
        store, backend = DatabaseStore(), DatabaseBackend()

    started = time.perf_counter()
    stored = store.rebuild(by_kind(), progress=lambda count: None)
    elapsed = time.perf_counter() - started
    if name != "opensearch":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if name == "postgresql" else "ANALYZE")
    print(
        f"{name}: index of {stored:,} documents built in {elapsed:.0f} s "
        f"({stored / max(elapsed, 1e-6):,.0f} documents/s)",
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


def _step(*arguments: str) -> int:
    """This program again, in a process of its own (its own settings and database)."""
    return subprocess.call(  # noqa: S603
        [sys.executable, "-m", "benchmarks.bench_search", *arguments], cwd=ROOT
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--members",
        type=int,
        default=int(os.environ.get("BENCH_SEARCH_MEMBERS", FULL_SIZE)),
        help=f"graduates (default {FULL_SIZE:,}, or BENCH_SEARCH_MEMBERS)",
    )
    parser.add_argument("--backends", default="postgresql,sqlite,opensearch")
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        return build_community(args.members)
    if args.backend:
        return run_backend(args.backend)
    sizes = counts(args.members)
    print(
        f"Search benchmark: {sizes['members']:,} members, {sizes['clubs']:,} clubs, "
        f"{sizes['events']:,} events, {sizes['pages']:,} pages (seed {SEED}), "
        f"{QUERIES} queries per mix.",
        flush=True,
    )
    if code := _step("--build", "--members", str(args.members)):
        return code
    return max(_step("--backend", backend) for backend in args.backends.split(","))


if __name__ == "__main__":
    sys.exit(main())
