"""Importing the graduate archives at the size of a real university.

    python -m benchmarks.bench_import [--rows 450000] [--backends postgresql,sqlite]

For each database, on files of synthetic archives (``benchmarks.graduates``: fixed
seed, French names with accents, apostrophes and particles, 5 % faulty rows of
varied kinds), each step in a process of its own:

1. a tenth of the rows, then all of them, into a fresh database: rows per second
   end to end (read, check, write, index) and the process's peak memory (RSS);
2. the same file again: the records changed (0 expected) and the rate;
3. the file into a fresh database, the process killed once half the file is read,
   then ``--resume``: the time it takes, and the records compared with those of the
   uninterrupted import (none twice, none lost).

Then the two readers of workbooks side by side on the tenth: python-calamine and
openpyxl (read-only mode). PostgreSQL runs on its own database
(``BENCH_PG_SERVER``/cercle_bench_import), SQLite in ``var/bench/import.sqlite3``.
"""

import argparse
import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
SEED = 2026
FAULTY = 0.05
FULL_SIZE = 450_000
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://cercle@127.0.0.1:5432")
PG_DATABASE = "cercle_bench_import"
SQLITE_PATH = BENCH_DIR / "import.sqlite3"
TARGETS = {"postgresql": 20_000, "sqlite": 10_000}
DATABASES = {"postgresql": f"{PG_SERVER}/{PG_DATABASE}", "sqlite": f"sqlite:///{SQLITE_PATH}"}


def archive_file(rows: int, suffix: str = "csv") -> Path:
    """The synthetic archive of ``rows`` rows, written once for the seed."""
    from benchmarks.graduates import Archive, write_csv, write_xlsx

    path = BENCH_DIR / f"graduates-{rows}-{SEED}.{suffix}"
    if not path.exists():
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        archive = Archive(rows, seed=SEED, faulty=FAULTY)
        if suffix == "csv":
            write_csv(partial, archive, bom=True)
        else:
            write_xlsx(partial, archive)
        partial.rename(path)
    return path


def _setup(backend: str) -> None:
    os.environ["DATABASE_URL"] = DATABASES[backend]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def step_fresh(backend: str) -> dict:
    """An empty, migrated database."""
    if backend == "postgresql":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        for path in BENCH_DIR.glob(f"{SQLITE_PATH.name}*"):
            path.unlink()
    _setup(backend)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return {}


def step_import(backend: str, path: Path, *, resume: bool = False, report: bool = False) -> dict:
    """One import (or resume) of ``path``; ``report`` prints the share read after
    each batch, for the parent to kill the process at half."""
    _setup(backend)
    from members.archives import importer

    archive_import = importer.resumable(path) if resume else importer.start(path)
    rows_before = archive_import.rows

    def progress(done) -> None:
        print(json.dumps({"share": done.progress / done.size}), flush=True)

    started = time.perf_counter()
    done = importer.run(archive_import, path, progress=progress if report else None)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rows": done.rows,
        "rows_this_run": done.rows - rows_before,
        "changed": done.created + done.updated,
        "created": done.created,
        "rejected": done.rejected,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **_records(),
    }


def _records() -> dict:
    """The records as a fingerprint: two imports that wrote the same give the same."""
    from members.models import GraduateRecord

    digest = hashlib.sha256()
    count = 0
    numbers = set()
    for number, row_digest in (
        GraduateRecord.objects.order_by("institution", "student_number")
        .values_list("student_number", "digest")
        .iterator(chunk_size=10_000)
    ):
        digest.update(f"{number}:{row_digest};".encode())
        numbers.add(number)
        count += 1
    return {"records": count, "distinct": len(numbers), "fingerprint": digest.hexdigest()}


def step_readers(path: Path) -> dict:
    """python-calamine and openpyxl reading every cell of the same workbook."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    workbook = CalamineWorkbook.from_path(str(path))
    calamine_rows = sum(1 for _ in workbook.get_sheet_by_index(0).iter_rows())
    calamine = time.perf_counter() - started
    started = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True)
    openpyxl_rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return {
        "calamine": calamine,
        "openpyxl": time.perf_counter() - started,
        "rows": calamine_rows,
        "same_rows": calamine_rows == openpyxl_rows,
    }


def _child(*args: str) -> dict:
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.bench_import", "--step", *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _killed_at_half(backend: str, path: Path) -> float:
    """Runs an import and kills it (SIGKILL) once half the file is read; the share read."""
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "benchmarks.bench_import", "--step", "import", backend,
         str(path), "--report"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )  # fmt: skip
    share = 0.0
    for line in process.stdout:
        share = json.loads(line).get("share", share)
        if share >= 0.5:
            process.send_signal(signal.SIGKILL)
            break
    process.wait()
    return share


def run_backend(backend: str, rows: int) -> bool:
    small, big = archive_file(rows // 10), archive_file(rows)
    print(f"\n{backend}", flush=True)
    figures = {}
    for size, path in ((rows // 10, small), (rows, big)):
        _child("fresh", backend)
        figures[size] = result = _child("import", backend, str(path))
        print(
            f"  {size:>9,} rows: {result['seconds']:6.1f} s  "
            f"{size / result['seconds']:>8,.0f} rows/s  peak RSS {result['rss_mb']:6.0f} MB  "
            f"({result['created']:,} records, "
            f"{result['rejected']:,} rows rejected)",
            flush=True,
        )
    first = figures[rows]
    again = _child("import", backend, str(big))
    print(
        f"  the same file again: {again['seconds']:6.1f} s  {rows / again['seconds']:>8,.0f} rows/s"
        f"  {again['changed']:,} records changed",
        flush=True,
    )
    _child("fresh", backend)
    share = _killed_at_half(backend, big)
    resumed = _child("resume", backend, str(big))
    twice = resumed["records"] - resumed["distinct"]
    lost = first["records"] - resumed["records"]
    same = resumed["fingerprint"] == first["fingerprint"]
    print(
        f"  killed at {share:.0%}, resumed in {resumed['seconds']:.1f} s "
        f"({resumed['rows_this_run']:,} rows read): {resumed['records']:,} records, "
        f"{twice} twice, {lost} lost, {'the same' if same else 'NOT the same'} as the "
        "uninterrupted import",
        flush=True,
    )
    rate = rows / first["seconds"]
    memory = figures[rows]["rss_mb"] / figures[rows // 10]["rss_mb"] - 1
    print(
        f"  target {TARGETS[backend]:,} rows/s: {rate:,.0f} ({rate / TARGETS[backend]:.2f}×); "
        f"peak memory {memory:+.0%} from {rows // 10:,} to {rows:,} rows (target within 10 %)",
        flush=True,
    )
    return (
        rate >= TARGETS[backend]
        and abs(memory) <= 0.10
        and again["changed"] == 0
        and same
        and twice == 0
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=FULL_SIZE)
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--report", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        match args.step:
            case ["fresh", backend]:
                result = step_fresh(backend)
            case ["import", backend, path]:
                result = step_import(backend, Path(path), report=args.report)
            case ["resume", backend, path]:
                result = step_import(backend, Path(path), resume=True)
            case ["readers", path]:
                result = step_readers(Path(path))
        print(json.dumps(result), flush=True)
        return 0
    print(
        f"Archive import benchmark: {args.rows:,} rows (seed {SEED}, {FAULTY:.0%} faulty).",
        flush=True,
    )
    met = [run_backend(backend, args.rows) for backend in args.backends.split(",")]
    workbook = archive_file(args.rows // 10, "xlsx")
    readers = _child("readers", str(workbook))
    print(
        f"\nworkbook of {readers['rows']:,} rows read by python-calamine in "
        f"{readers['calamine']:.1f} s, by openpyxl in {readers['openpyxl']:.1f} s "
        f"({readers['openpyxl'] / readers['calamine']:.0f}× slower)",
        flush=True,
    )
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
