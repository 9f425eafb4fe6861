"""Dates as users read them, in the active language's formats (config/formats/).

French writes the first of the month as an ordinal, "1er novembre": Django's formats
have no letter for it, so the day is written here.
"""

import datetime

from django.utils import formats
from django.utils.translation import get_language

FIRST_OF_THE_MONTH = {"fr": r"1\e\r"}


def format_date(value: datetime.date | datetime.datetime, format_name: str = "DATE_FORMAT") -> str:
    """``value`` in the named format of the active language ("DATE_FORMAT", ...)."""
    pattern = formats.get_format(format_name)
    first = FIRST_OF_THE_MONTH.get((get_language() or "").split("-")[0])
    if first and value.day == 1:
        pattern = pattern.replace("j", first)
    return formats.date_format(value, pattern)
