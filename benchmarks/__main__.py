"""``make bench``: Cercle measured at the size of a real university (450,000 graduates).

Each ``benchmarks/bench_<topic>.py`` is a program of its own (it chooses its
databases and servers, generates its data with a fixed seed, and prints its
figures); this runner runs them one after the other, each in its own process, so
that one's settings never leak into another's. ``python -m benchmarks search``
runs only the modules whose topic is named.
"""

import subprocess
import sys
import time
from pathlib import Path


def main(topics: list[str]) -> int:
    modules = sorted(Path(__file__).parent.glob("bench_*.py"))
    if topics:
        modules = [m for m in modules if m.stem.removeprefix("bench_") in topics]
    failed = []
    for module in modules:
        print(f"\n=== {module.stem.removeprefix('bench_')} ===", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, "-m", f"benchmarks.{module.stem}"])  # noqa: S603
        print(f"--- {module.stem}: {time.monotonic() - started:.0f} s", flush=True)
        if code:
            failed.append(module.stem)
    if failed:
        print(f"\nFailed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
