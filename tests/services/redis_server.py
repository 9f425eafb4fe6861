"""Redis for the tests where the cache matters: the one given, the usual one, or a throwaway one.

Production's cache is Redis (its counters are atomic and keep their expiry); the
tests that prove it need a real server. ``REDIS_TEST_URL`` names one; otherwise the
usual local server (``DEFAULT_URL``) when it answers; otherwise ``redis-server``,
when installed, runs for this run only on 127.0.0.1 on a free port, keeping
nothing on disk. The tests never flush a database: each works under a key
prefix of its own (``tests/conftest.py``), so a shared server is safe.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import redis

from tests.services import throwaway

DEFAULT_URL = "redis://127.0.0.1:6379/0"


def version(url: str) -> str:
    """The server's version; raises ``redis.RedisError`` when it does not answer."""
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        return client.info("server")["redis_version"]
    finally:
        client.close()


class ThrowawayRedis:
    """A ``redis-server`` of this run's own, under ``var/redis/<port>/``."""

    def __init__(self, var_dir: Path):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise FileNotFoundError(
                "redis-server is not installed (Debian: apt-get install redis-server)"
            )
        self.port = throwaway.free_port()
        self.directory = throwaway.claim(var_dir / "redis", self.port)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        # fmt: off
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(self.directory),
                "--logfile", str(self.directory / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # fmt: on
        (self.directory / "pid").write_text(str(self.process.pid))
        deadline = time.monotonic() + 10
        while True:
            try:
                version(self.url)
            except redis.RedisError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"redis-server did not start; see {self.directory}/redis.log"
                    ) from None
                time.sleep(0.05)
            else:
                return self.url

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)
