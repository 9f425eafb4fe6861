"""Reading an archive file row by row, in memory that does not grow with the file.

CSV: UTF-8 with or without a byte-order mark, or Windows-1252 (what Excel writes in
France), detected from the first 64 KiB unless given; ``;``, ``,`` or a tab between
values, read from the header line. A line that does not decode is reported and left
out, not the whole file. XLSX (and the other workbooks python-calamine reads): the
first sheet, or the one named.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from members.archives.columns import COLUMNS, Column, Problem, column_for

SAMPLE = 64 * 1024
ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252", "windows-1252": "cp1252"}
ZIP_MAGIC = b"PK\x03\x04"


class ArchiveFileError(Exception):
    """The file cannot be imported at all (nothing is written)."""

    def __init__(self, message: str, *, line: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Row:
    line: int
    values: dict[str, object]
    problem: Problem | None = None
    """Why the row cannot be read (a line that does not decode, too many values)."""


@dataclass
class ArchiveFile:
    """An open archive file: its header read, its rows to come."""

    path: Path
    size: int
    encoding: str
    columns: dict[int, Column]
    """Position in a row → the column it holds (unknown columns left out)."""
    width: int = 0
    """How many columns the header names, unknown ones included."""
    warnings: list[Problem] = field(default_factory=list)
    read: int = 0
    """Bytes read so far (an estimate for workbooks), for the progress bar."""
    rows: Iterator[Row] = field(default_factory=lambda: iter(()))
    """The rows after the header, each with its line number (set once the header is read)."""


def open_archive(
    path: str | Path, *, encoding: str | None = None, sheet: str | None = None
) -> ArchiveFile:
    """The archive file at ``path``, ready to be read row by row.

    Raises ``ArchiveFileError`` when the file cannot be imported at all: empty, not
    text in the encoding given, a workbook that does not open, a required column
    missing or a column given twice.
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise ArchiveFileError(_("The file is empty."))
    with path.open("rb") as file:
        start = file.read(SAMPLE)
    if start.startswith(ZIP_MAGIC):
        return _open_workbook(path, size, sheet)
    if encoding is not None:
        if encoding.lower() not in ENCODINGS:
            raise ArchiveFileError(
                _("Unknown encoding “%(encoding)s”: use utf-8 or cp1252.") % {"encoding": encoding}
            )
        encoding = ENCODINGS[encoding.lower()]
    else:
        encoding = _detect_encoding(start)
    return _open_csv(path, size, encoding)


def _detect_encoding(start: bytes) -> str:
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(start, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _open_csv(path: Path, size: int, encoding: str) -> ArchiveFile:
    file = path.open("rb")
    archive = ArchiveFile(path=path, size=size, encoding=encoding, columns={})
    bad_lines: set[int] = set()

    def lines() -> Iterator[str]:
        for number, raw in enumerate(file, start=1):
            archive.read += len(raw)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield raw.decode(encoding)
            except UnicodeDecodeError:
                bad_lines.add(number)
                yield raw.decode(encoding, errors="replace")

    text = lines()
    header_line = next(text, "")
    if not header_line.strip():
        file.close()
        raise ArchiveFileError(_("The first line should name the columns; it is empty."), line=1)
    if bad_lines:
        file.close()
        raise ArchiveFileError(_not_encoded(encoding), line=1)
    delimiter = max(";,\t", key=header_line.count)
    header = next(csv.reader([header_line], delimiter=delimiter))
    try:
        archive.columns, archive.warnings = _columns(header)
    except ArchiveFileError:
        file.close()
        raise
    archive.width = len(header)

    def rows() -> Iterator[Row]:
        try:
            reader = csv.reader(text, delimiter=delimiter)
            last = 1
            for values in reader:
                first, last = last + 1, reader.line_num + 1
                if not any(value.strip() for value in values):
                    continue
                row = _row(first, values, archive.columns, archive.width)
                if bad_lines:
                    spanned = bad_lines.intersection(range(first, last + 1))
                    if spanned:
                        row.problem = Problem(first, _not_encoded(encoding))
                    bad_lines.difference_update(spanned)
                yield row
        except csv.Error as error:
            raise ArchiveFileError(
                _("The file stops inside a quoted value (%(error)s).") % {"error": error},
                line=reader.line_num + 1,
            ) from error
        finally:
            file.close()

    archive.rows = rows()
    return archive


def _not_encoded(encoding: str) -> str:
    if encoding == "utf-8":
        return _(
            "This line is not UTF-8 text. Save the file as “CSV UTF-8”, or give its "
            "encoding (cp1252 for Windows)."
        )
    return _("This line is not Windows-1252 text: save the file as “CSV UTF-8”.")


def _open_workbook(path: Path, size: int, sheet: str | None) -> ArchiveFile:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        if sheet is not None and sheet not in names:
            raise ArchiveFileError(
                _("The workbook has no sheet “%(sheet)s”; its sheets are: %(sheets)s.")
                % {"sheet": sheet, "sheets": ", ".join(names)}
            )
        if not names:
            raise ArchiveFileError(_("The workbook has no sheet."))
        chosen = sheet or names[0]
        data = workbook.get_sheet_by_name(chosen)
        height = data.total_height or 1
        values = data.iter_rows()
        header = next(values, [])
    except CalamineError as error:
        raise ArchiveFileError(
            _("The file is not a workbook that can be read (%(error)s).") % {"error": error}
        ) from error
    if not any(str(cell).strip() for cell in header):
        raise ArchiveFileError(_("The first row should name the columns; it is empty."), line=1)
    columns, warnings = _columns([str(cell) for cell in header])
    if len(names) > 1:
        others = ", ".join(f"“{name}”" for name in names if name != chosen)
        warnings.append(
            Problem(
                0,
                _("The workbook has %(count)d sheets: only “%(sheet)s” is read, not %(others)s.")
                % {"count": len(names), "sheet": chosen, "others": others},
                rejected=False,
            )
        )
    archive = ArchiveFile(
        path=path,
        size=size,
        encoding="xlsx",
        columns=columns,
        width=len(header),
        warnings=warnings,
    )

    def rows() -> Iterator[Row]:
        for line, cells in enumerate(values, start=2):
            archive.read = size * line // height
            if any(cell != "" for cell in cells):
                yield _row(line, cells, columns, len(header))
        archive.read = size

    archive.rows = rows()
    return archive


def _columns(header: list[str]) -> tuple[dict[int, Column], list[Problem]]:
    columns: dict[int, Column] = {}
    warnings: list[Problem] = []
    seen: dict[str, str] = {}
    for position, name in enumerate(header):
        name = name.strip()
        if not name:
            continue
        column = column_for(name)
        if column is None:
            warnings.append(
                Problem(
                    1,
                    _("Unknown column, left out. The columns are: %(names)s.")
                    % {"names": ", ".join(known.name for known in COLUMNS)},
                    column=name,
                    rejected=False,
                )
            )
            continue
        if column.name in seen:
            raise ArchiveFileError(
                _("The columns “%(first)s” and “%(second)s” both give the %(label)s.")
                % {"first": seen[column.name], "second": name, "label": column.label},
                line=1,
            )
        seen[column.name] = name
        columns[position] = column
    missing = [column for column in COLUMNS if column.required and column.name not in seen]
    if missing:
        raise ArchiveFileError(
            _("Required columns are missing: %(columns)s.")
            % {"columns": ", ".join(f"{column.name} ({column.label})" for column in missing)},
            line=1,
        )
    return columns, warnings


def _row(line: int, cells: list, columns: dict[int, Column], width: int) -> Row:
    row = Row(
        line,
        {
            column.name: cells[position]
            for position, column in columns.items()
            if position < len(cells)
        },
    )
    if any(cell not in ("", None) for cell in cells[width:]):
        row.problem = Problem(
            line,
            _(
                "This line has %(count)d values where the first line names %(width)d columns: "
                "is a value with a separator in it missing its quotes?"
            )
            % {"count": len(cells), "width": width},
        )
    return row


def fingerprint(file: IO[bytes]) -> str:
    """The SHA-256 of a file, read in chunks: an import resumes on the same file only."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(io.DEFAULT_BUFFER_SIZE * 128), b""):
        digest.update(chunk)
    return digest.hexdigest()
