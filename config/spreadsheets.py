"""Spreadsheet-safe CSV: every export the site writes goes through this module.

A spreadsheet (Excel, LibreOffice, Google Sheets) opening a CSV file runs a cell that
starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a leading tab or carriage
return lets such a cell slip past a trim. Members, guests and editors type most of
what the exports hold (a guest's e-mail address ``=1+2-x@example.org`` is valid), so
a cell with one of these starts is written as text: a ``'`` before it, which the
spreadsheet shows as a text marker and does not run. Numbers stay numbers (a negative
longitude is no formula).

- ``SpreadsheetWriter(stream)`` is the ``csv.writer`` of the site's own exports (a club's
  members, an event's registrations): it writes every cell, headings included,
  through ``spreadsheet_cell``.
- Wagtail's admin listings export through its ``SpreadsheetExportMixin``, which
  writes CSV cells as they are (Wagtail leaves formula escaping to the consumer,
  wagtail/wagtail#3466 and its security documentation; its XLSX export already
  stores such cells as text). ``protect_admin_exports()``, called once at start-up
  (``home.apps``), passes every CSV cell of the rows of every admin listing and report through
  ``spreadsheet_cell`` too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """``value`` as a cell no spreadsheet runs: text starting like a formula gets a ``'``."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class SpreadsheetWriter:
    """A ``csv.writer`` whose every cell goes through ``spreadsheet_cell``."""

    def __init__(self, stream: _Writable) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([spreadsheet_cell(value) for value in row])


def protect_admin_exports() -> None:
    """Every CSV row Wagtail's admin exports (listings, reports) is spreadsheet-safe."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_spreadsheet_safe", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self: Any, field: str, value: Any, export_format: str) -> Any:
        value = preprocess(self, field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return spreadsheet_cell(value)
        return value

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin._spreadsheet_safe = True
