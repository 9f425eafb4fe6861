"""Pages served side by side with a bare Django view and a stock Wagtail site.

    python -m benchmarks.bench_pages [--backends postgresql,sqlite] [--seconds 10]
    make bench BENCH_ARGS=pages

For each database (PostgreSQL: ``cercle_bench_pages``; SQLite: a file under
``var/bench/``), the demo content is loaded as ``make run`` loads it, and three
servers start with production settings, each gunicorn with 2 sync workers:

- Cercle with its page cache (Redis database 15, emptied first);
- Cercle with the page cache off (``PAGE_CACHE_SECONDS=0``), for the uncached pages;
- the home page of a stock ``wagtail start`` site on the same Wagtail and the same
  database engine, built under ``var/bench/stock/``.

Cercle's servers also answer ``/_bench/bare/``: a Django view that returns two bytes
through the same middleware, the ceiling. Then wrk (Debian's package: ``apt-get
install wrk``) loads each address in turn with 16 connections for ``--seconds``: the
bare view, the stock home page, and each of Cercle's main pages cached (a visitor),
uncached (a visitor) and signed in (the demo's club leader, who never hits the
cache). The table gives req/s, p50/p99 latency, the ratio to the ceiling and to the
stock home page, and each target of the page cache's issue with its verdict.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://cercle@127.0.0.1:5432")
PG_DATABASE = "cercle_bench_pages"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
CONNECTIONS = 16
PORTS = {"cached": 8111, "uncached": 8112, "stock": 8113}

PAGES = {
    "home": "/",
    "news": "/news/",
    "story": "/news/nouveau-club-biotech/",
    "clubs": "/clubs/",
    "club": "/clubs/club-biotech/",
    "events": "/events/",
    "event": "/events/fete-de-la-science/",
    "episode": "/videos/camille-et-jean/",
    "members": "/members/",
}
SIGNED_IN_ONLY = {"dashboard": "/dashboard/"}
CACHED_TARGET = 0.70  # of the bare view
UNCACHED_TARGET = 1.0  # of the stock home page
DASHBOARD_TARGET = 0.5
P99_TARGET_MS = 100


@dataclass
class Figure:
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int


def _run(*args: str, env: dict | None = None, cwd: Path = ROOT) -> str:
    done = subprocess.run(  # noqa: S603
        list(args), env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"Failed: {' '.join(args)}")
    return done.stdout


def _cercle_env(database_url: str, *, cache_seconds: int = 600) -> dict:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "benchmarks.pages_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "CERCLE_VAR_DIR": str(BENCH_DIR / "var"),
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "LOG_LEVEL": "WARNING",
    }


def _fresh_database(name: str) -> str:
    """An empty PostgreSQL database ``name``; returns its URL."""
    admin = f"{PG_SERVER}/postgres"
    _run("psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}")
    _run("psql", admin, "-qc", f"CREATE DATABASE {name}")
    return f"{PG_SERVER}/{name}"


def _prepare_cercle(backend: str) -> str:
    """A database with the demo content; returns its URL."""
    if backend == "postgresql":
        url = _fresh_database(PG_DATABASE)
    else:
        path = BENCH_DIR / "pages.sqlite3"
        for leftover in BENCH_DIR.glob("pages.sqlite3*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
    # The demo loads as `make run` loads it: tasks at once, e-mails nowhere.
    load_env = _cercle_env(url) | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    _run(PYTHON, "manage.py", "migrate", "--verbosity=0", env=load_env)
    _run(PYTHON, "manage.py", "load_demo", env=load_env)
    _run(PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity=0", env=_cercle_env(url))
    return url


def _leaders_session(env: dict) -> str:
    """A signed-in session of the demo's club leader, as a sign-in leaves it."""
    code = (
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from members.demo import LEADER_EMAIL\n"
        "from members.models import User\n"
        "user = User.objects.get(email=LEADER_EMAIL)\n"
        "s = SessionStore()\n"
        "s[SESSION_KEY] = str(user.pk)\n"
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "s[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "s.create()\n"
        "print(s.session_key)\n"
    )
    return _run(PYTHON, "manage.py", "shell", "-c", code, env=env).strip().splitlines()[-1]


STOCK_LOCAL = """
import dj_database_url
SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES = {{"default": dj_database_url.parse({url!r}, conn_max_age=60)}}
"""


def _prepare_stock(backend: str) -> Path:
    """A stock ``wagtail start`` site on the same engine; returns its folder."""
    folder = BENCH_DIR / "stock"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _run(str(BIN / "wagtail"), "start", "stock", str(folder))
    if backend == "postgresql":
        url = _fresh_database(f"{PG_DATABASE}_stock")
    else:
        url = f"sqlite:///{folder / 'db.sqlite3'}"
    local = STOCK_LOCAL.format(secret=secrets.token_urlsafe(50), url=url)
    (folder / "stock" / "settings" / "local.py").write_text(local)
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "stock.settings.production"}
    _run(PYTHON, "manage.py", "migrate", "--verbosity=0", env=env, cwd=folder)
    _run(PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity=0", env=env, cwd=folder)
    return folder


@contextmanager
def _server(port: int, app: str, env: dict, cwd: Path, log: Path):
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", app],
            env=env,
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)  # noqa: S310
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def _check(url: str, cookie: str) -> None:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")


def _load(url: str, seconds: int, cookie: str = "") -> Figure:
    """wrk on ``url`` after a few untimed requests (which fill the cache)."""
    for _ in range(3):
        _check(url, cookie)
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = _run(*args, url)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _milliseconds(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _milliseconds(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Figure(rate, p50, p99, int(errors.group(1)) if errors else 0)


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def bench(backend: str, seconds: int) -> list[str]:
    """Measures one backend; prints its table and returns the targets it missed."""
    print(f"\n## {backend}: preparing the demo and the stock site…", flush=True)
    url = _prepare_cercle(backend)
    stock = _prepare_stock(backend)
    env = _cercle_env(url)
    _run("redis-cli", "-u", REDIS_URL, "flushdb")
    session = f"sessionid={_leaders_session(env)}"
    logs = BENCH_DIR / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    stock_env = os.environ | {"DJANGO_SETTINGS_MODULE": "stock.settings.production"}
    figures: dict[tuple[str, str], Figure] = {}
    with (
        _server(PORTS["cached"], "config.wsgi", env, ROOT, logs / f"{backend}-cached.log") as on,
        _server(
            PORTS["uncached"],
            "config.wsgi",
            _cercle_env(url, cache_seconds=0),
            ROOT,
            logs / f"{backend}-uncached.log",
        ) as off,
        _server(PORTS["stock"], "stock.wsgi", stock_env, stock, logs / f"{backend}-stock.log") as s,
    ):
        figures["bare", "ceiling"] = _load(f"{on}/_bench/bare/", seconds)
        figures["stock home", "uncached"] = _load(f"{s}/", seconds)
        for name, path in PAGES.items():
            figures[name, "cached"] = _load(on + path, seconds)
            figures[name, "uncached"] = _load(off + path, seconds)
            figures[name, "signed in"] = _load(off + path, seconds, session)
        for name, path in SIGNED_IN_ONLY.items():
            figures[name, "signed in"] = _load(off + path, seconds, session)

    ceiling = figures["bare", "ceiling"].rate
    stock_rate = figures["stock home", "uncached"].rate
    print(f"\n{backend}: {CONNECTIONS} connections, {seconds} s each, 2 gunicorn workers")
    print(
        f"{'page':<12} {'as':<10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'× bare':>7} {'× stock':>8}"
    )
    missed = []
    for (name, mode), figure in figures.items():
        print(
            f"{name:<12} {mode:<10} {figure.rate:>8.0f} {figure.p50_ms:>8.1f} "
            f"{figure.p99_ms:>8.1f} {figure.rate / ceiling:>7.2f} {figure.rate / stock_rate:>8.2f}"
            + (f"  ({figure.errors} errors)" if figure.errors else "")
        )
        if figure.errors:
            missed.append(f"{backend} {name} {mode}: {figure.errors} errors")
        if mode == "cached":
            if figure.rate < CACHED_TARGET * ceiling:
                missed.append(f"{backend} {name} cached: {figure.rate / ceiling:.2f}× bare")
            if figure.p99_ms > P99_TARGET_MS:
                missed.append(f"{backend} {name} cached: p99 {figure.p99_ms:.0f} ms")
        elif mode in ("uncached", "signed in") and name != "stock home":
            target = DASHBOARD_TARGET if name == "dashboard" else UNCACHED_TARGET
            if figure.rate < target * stock_rate:
                missed.append(f"{backend} {name} {mode}: {figure.rate / stock_rate:.2f}× stock")
    print(
        f"targets: cached ≥ {CACHED_TARGET:.0%} of bare and p99 ≤ {P99_TARGET_MS} ms; "
        f"uncached and signed in ≥ {UNCACHED_TARGET:.1f}× stock (dashboard ≥ "
        f"{DASHBOARD_TARGET}×): {_verdict(not missed)}",
        flush=True,
    )
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    missed = []
    for backend in options.backends.split(","):
        missed += bench(backend, options.seconds)
    if missed:
        print("\nMissed:\n  " + "\n  ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
