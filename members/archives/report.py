"""An import's report as CSV: a line for each row left out or value set aside."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from config.spreadsheets import SpreadsheetWriter
from members.models import ArchiveImport


def write_report(archive_import: ArchiveImport, stream) -> int:
    """Writes the report of ``archive_import`` to ``stream``; returns its line count."""
    writer = SpreadsheetWriter(stream)
    writer.writerow([_("line"), _("column"), _("value"), _("message"), _("outcome")])
    count = 0
    for line in report_lines(archive_import):
        writer.writerow(line)
        count += 1
    return count


def report_lines(archive_import: ArchiveImport) -> Iterator[list[object]]:
    outcomes = {True: _("row rejected"), False: _("warning")}
    problems = archive_import.problems.order_by("line", "pk").values_list(
        "line", "column", "value", "message", "rejected"
    )
    for line, column, value, message, rejected in problems.iterator(chunk_size=2000):
        yield [line, column, value, message, outcomes[rejected]]
