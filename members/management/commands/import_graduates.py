import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.archives import importer
from members.archives.files import ENCODINGS
from members.archives.report import report_lines, write_report
from members.models import ArchiveImportStatus

SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    help = (
        "Imports a file of the graduate archives (CSV or XLSX) as passive members. "
        "Running it again on the same file changes nothing; --resume continues an "
        "import that was interrupted. The README's “Graduate archives” section "
        "lists the columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--encoding", choices=sorted(ENCODINGS), help="the CSV file's encoding")
        parser.add_argument("--sheet", help="the sheet of a workbook to read (the first)")
        parser.add_argument(
            "--institution",
            default="",
            help="institution code for rows without an “etablissement” column",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count the rows, write nothing"
        )
        parser.add_argument(
            "--resume", action="store_true", help="continue the interrupted import of this file"
        )
        parser.add_argument("--report", type=Path, help="write the report of problems (CSV)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        if options["resume"]:
            archive_import = importer.resumable(file)
            if archive_import is None:
                raise CommandError("No interrupted import of this file to resume.")
            self.stdout.write(
                f"Resuming the import of {file.name} after line {archive_import.line}."
            )
        else:
            archive_import = importer.start(
                file, dry_run=options["dry_run"], encoding=options["encoding"]
            )
        progress = None
        if not options["no_progress"] and options["verbosity"] > 0:
            progress = _ProgressBar(archive_import.size, archive_import.rows)
        archive_import = importer.run(
            archive_import,
            file,
            sheet=options["sheet"],
            institution=options["institution"],
            progress=progress,
        )
        if progress is not None:
            progress.done()
        self._summary(archive_import)
        if options["report"]:
            with options["report"].open("w", encoding="utf-8-sig", newline="") as stream:
                count = write_report(archive_import, stream)
            self.stdout.write(f"Report: {count} line(s) in {options['report']}.")
        if archive_import.status == ArchiveImportStatus.FAILED:
            raise CommandError(archive_import.failure)

    def _summary(self, archive_import):
        done = "Checked (dry run, nothing written)" if archive_import.dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{done}: {archive_import.rows:,} rows — {archive_import.created:,} created, "
                f"{archive_import.updated:,} updated, {archive_import.unchanged:,} unchanged, "
                f"{archive_import.kept:,} claimed kept, {archive_import.rejected:,} rejected, "
                f"{archive_import.warnings:,} warning(s)."
            )
        )
        for number, (line, column, value, message, outcome) in enumerate(
            report_lines(archive_import)
        ):
            if number == SHOWN_PROBLEMS:
                self.stdout.write("… --report FILE writes every line of the report.")
                break
            where = f"line {line}" + (f", {column}" if column else "")
            shown = f" “{value}”" if value else ""
            self.stdout.write(f"  {where}:{shown} {message} ({outcome})")


class _ProgressBar:
    """A line on standard error: how far, how fast, how long still."""

    WIDTH = 30

    def __init__(self, size: int, rows: int):
        self.size = size
        self.started = time.monotonic()
        self.rows_at_start = rows

    def __call__(self, archive_import) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        share = archive_import.progress / self.size if self.size else 0
        rows = archive_import.rows - self.rows_at_start
        rate = rows / elapsed
        left = elapsed * (1 - share) / share if share else 0
        bar = "█" * int(share * self.WIDTH)
        sys.stderr.write(
            f"\r{bar:<{self.WIDTH}} {share:4.0%} · {archive_import.rows:,} rows · "
            f"{rate:,.0f} rows/s · {int(left // 60)}:{int(left % 60):02d} left "
        )
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")
