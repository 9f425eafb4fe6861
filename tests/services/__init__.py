"""The servers a test run uses — PostgreSQL, OpenSearch, Redis — found or started, then named.

A pytest plugin, loaded by ``make test`` (``python -m pytest -p tests.services``).
It acts before pytest-django reads the settings, in the process that runs or
distributes the tests; xdist's workers inherit its choices through the environment.

- Database: ``TEST_DATABASE_URL`` when given (``make test-sqlite`` gives SQLite);
  else the usual ``postgres://cercle@127.0.0.1:5432/cercle`` when it is usable;
  else a throwaway PostgreSQL cluster under ``var/postgres/`` (``postgresql.py``).
- Search: ``OPENSEARCH_TEST_URL`` when given; else the test node that
  ``search/opensearch.sh`` starts and leaves running for the next runs. When
  it cannot run here, the run says why at its start and end, and the tests that
  need it fail with that reason.
- Cache: ``REDIS_TEST_URL`` when given; else the usual local Redis when it
  answers; else a throwaway ``redis-server`` (``redis_server.py``). Without any,
  the tests that need Redis fail with that reason.

One line names the three at the start and at the end of the run. What the run
started for itself, it stops at the end.
"""

from __future__ import annotations

import atexit
import json
import os
import sqlite3
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import redis

from search.opensearch import Unavailable, server_url
from tests.services import postgresql, redis_server

ROOT = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("CERCLE_VAR_DIR", ROOT / "var"))
REDIS_UNAVAILABLE_ENV = "REDIS_TEST_UNAVAILABLE"
_HELP = {"-h", "--help", "-V", "--version"}


def _where(url: str) -> str:
    """``url`` without its credentials."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port}{parts.path}"


class Services:
    def __init__(self):
        self.notes: list[str] = []
        self.problems: list[str] = []
        self.names: dict[str, str] = {}
        self._stops: list = []

    def start(self) -> None:
        self._database()
        self._search()
        self._cache()

    def stop(self) -> None:
        while self._stops:
            self._stops.pop()()

    def line(self) -> str:
        return " · ".join(f"{kind}: {name}" for kind, name in self.names.items())

    def _throwaway(self, server_class):
        server = server_class(VAR_DIR)
        self._stops.append(server.stop)
        return server, server.start()

    def _database(self) -> None:
        url = os.environ.get("TEST_DATABASE_URL", "")
        if url.startswith("sqlite"):
            os.environ["DATABASE_URL"] = url
            self.names["Database"] = f"SQLite {sqlite3.sqlite_version} (in memory)"
            return
        if url:
            os.environ["DATABASE_URL"] = url
            try:
                version = postgresql.probe(url).version
            except psycopg.Error as error:
                self.names["Database"] = f"PostgreSQL at {_where(url)}, not answering"
                self.problems.append(f"TEST_DATABASE_URL does not answer: {_first_line(error)}")
            else:
                self.names["Database"] = f"PostgreSQL {version} at {_where(url)}"
            return
        try:
            server = postgresql.probe(postgresql.DEFAULT_URL)
            reason = server.unusable_because()
        except psycopg.Error as error:
            reason = _first_line(error)
        if reason is None:
            os.environ["DATABASE_URL"] = postgresql.DEFAULT_URL
            self.names["Database"] = f"PostgreSQL {server.version} at {postgresql.DEFAULT_URL}"
            return
        self.notes.append(
            f"{postgresql.DEFAULT_URL} is not usable ({reason}): "
            "this run starts a PostgreSQL of its own."
        )
        try:
            cluster, url = self._throwaway(postgresql.ThrowawayCluster)
        except Exception as error:
            raise pytest.UsageError(
                f"No PostgreSQL to test on: {postgresql.DEFAULT_URL} is not usable ({reason}), "
                f"and a throwaway cluster could not start ({_first_line(error)}). "
                "Give one with TEST_DATABASE_URL."
            ) from error
        os.environ["DATABASE_URL"] = url
        self.names["Database"] = (
            f"PostgreSQL {postgresql.probe(url).version} "
            f"(throwaway, var/postgres/{cluster.port}, removed at the end, "
            f"binaries from {cluster.bindir})"
        )

    def _search(self) -> None:
        if not os.environ.get("OPENSEARCH_TEST_URL") and os.environ.get("CI") == "true":
            self.names["Search"] = "none (CI must give OPENSEARCH_TEST_URL)"
            return
        try:
            url = server_url()
        except Unavailable as reason:
            self.names["Search"] = "OpenSearch cannot run here"
            self.problems.append(
                f"OpenSearch cannot run here: {str(reason).rstrip('.')}. "
                "The tests that need it fail: install Java (openjdk-17-jre-headless) or set "
                "OPENSEARCH_TEST_URL."
            )
            return
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                version = json.load(response)["version"]["number"]
        except OSError as error:
            self.names["Search"] = f"OpenSearch at {url}, not answering"
            self.problems.append(f"OpenSearch at {url} does not answer: {error}")
        else:
            self.names["Search"] = f"OpenSearch {version} at {url}"

    def _cache(self) -> None:
        given = os.environ.get("REDIS_TEST_URL", "")
        if given:
            try:
                self.names["Cache"] = f"Redis {redis_server.version(given)} at {_where(given)}"
                return
            except redis.RedisError as error:
                reason = f"REDIS_TEST_URL ({_where(given)}) does not answer: {error}"
        else:
            try:
                version = redis_server.version(redis_server.DEFAULT_URL)
            except redis.RedisError:
                pass
            else:
                os.environ["REDIS_TEST_URL"] = redis_server.DEFAULT_URL
                self.names["Cache"] = f"Redis {version} at {redis_server.DEFAULT_URL}"
                return
            try:
                server, url = self._throwaway(redis_server.ThrowawayRedis)
            except (OSError, RuntimeError) as error:
                reason = _first_line(error)
            else:
                os.environ["REDIS_TEST_URL"] = url
                self.names["Cache"] = (
                    f"Redis {redis_server.version(url)} "
                    f"(throwaway, var/redis/{server.port}, removed at the end)"
                )
                return
        os.environ[REDIS_UNAVAILABLE_ENV] = reason
        self.names["Cache"] = "no Redis"
        self.problems.append(
            f"No Redis: {reason}. The tests that need it fail: install redis-server or "
            "set REDIS_TEST_URL."
        )


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


_services_key = pytest.StashKey[Services]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if "PYTEST_XDIST_WORKER" not in os.environ and not _HELP & set(args):
        services = Services()
        early_config.stash[_services_key] = services
        early_config.add_cleanup(services.stop)
        atexit.register(services.stop)
        try:
            services.start()
        except BaseException:
            services.stop()
            raise
    return (yield)


def _write(config, lines) -> None:
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    if terminal is not None:
        for line in lines:
            terminal.write_line(line, bold=True)


def pytest_sessionstart(session):
    if services := session.config.stash.get(_services_key, None):
        _write(session.config, [*services.notes, services.line(), *services.problems])


def pytest_terminal_summary(terminalreporter, config):
    if services := config.stash.get(_services_key, None):
        terminalreporter.write_sep("-", "services")
        _write(config, [services.line(), *services.problems])
