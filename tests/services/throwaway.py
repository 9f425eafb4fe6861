"""Run directories for the servers a test run starts, and their clean-up.

Each server lives in ``var/<service>/<port>/``, next to an ``owner`` file naming the
pytest process that started it and a ``pid`` file naming the server's process. A
run killed before its clean-up leaves its directory behind: the next run stops
that server and removes the directory, so nothing outlives its run for long.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

# PostgreSQL refuses to run as root; as root, the servers run as this user.
SERVICE_USERS = ("postgres", "cercle-test")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def sweep(parent: Path) -> None:
    """Stops the servers of runs that ended without stopping them, and removes their files."""
    if not parent.is_dir():
        return
    for directory in parent.iterdir():
        owner = _read_pid(directory / "owner")
        if owner is not None and _alive(owner):
            continue
        server = _read_pid(directory / "pid")
        if server is not None and _alive(server):
            os.kill(server, signal.SIGTERM)
            for _ in range(100):
                if not _alive(server):
                    break
                time.sleep(0.1)
        shutil.rmtree(directory, ignore_errors=True)


def claim(parent: Path, port: int) -> Path:
    """A fresh run directory for a server on ``port``, owned by this process."""
    sweep(parent)
    directory = parent / str(port)
    directory.mkdir(parents=True)
    (directory / "owner").write_text(str(os.getpid()))
    return directory


def service_user() -> str | None:
    """The user to run servers as: none (this one) unless this process is root."""
    if os.geteuid() != 0:
        return None
    for name in SERVICE_USERS:
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    name = SERVICE_USERS[-1]
    subprocess.run(  # noqa: S603
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],  # noqa: S607
        check=True,
        capture_output=True,
    )
    return name


def hand_over(directory: Path, user: str) -> None:
    """Gives ``directory`` to ``user`` and lets that user reach it through its parents."""
    shutil.chown(directory, user)
    for path in directory.rglob("*"):
        shutil.chown(path, user)
    for parent in directory.parents:
        parent.chmod(parent.stat().st_mode | 0o001)


def as_user(user: str | None, command: list[str]) -> list[str]:
    return command if user is None else ["runuser", "-u", user, "--", *command]
