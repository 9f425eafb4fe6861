"""Dates in one set of formats per language, and French typography in the catalogue."""

import datetime
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from config.dates import format_date

EVENING = datetime.datetime(2026, 12, 6, 20, 7, tzinfo=datetime.UTC)
FIRST = datetime.date(2026, 11, 1)


def _render(source: str, **context) -> str:
    return Template("{% load languages %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("en", "DATE_FORMAT", "6 December 2026"),
        ("en", "SHORT_DATE_FORMAT", "6 Dec 2026"),
        ("en", "SHORT_DATETIME_FORMAT", "6 Dec 2026, 21:07"),
        ("en", "DATETIME_FORMAT", "Sunday 6 December 2026, 21:07"),
        ("fr", "DATE_FORMAT", "6 décembre 2026"),
        ("fr", "SHORT_DATETIME_FORMAT", "06/12/2026 21:07"),
        ("fr", "DATETIME_FORMAT", "dimanche 6 décembre 2026, 21:07"),
    ],
)
def test_dates_read_the_same_way_everywhere_in_a_language(language, name, expected):
    with translation.override(language):
        assert _render(f'{{{{ when|local_date:"{name}" }}}}', when=EVENING) == expected


def test_no_english_date_is_ambiguous_or_american():
    with translation.override("en"):
        for name in (
            "DATE_FORMAT",
            "SHORT_DATE_FORMAT",
            "DATETIME_FORMAT",
            "SHORT_DATETIME_FORMAT",
        ):
            shown = _render(f'{{{{ when|local_date:"{name}" }}}}', when=EVENING)
            assert "12/06" not in shown and "p.m." not in shown and "Dec." not in shown


def test_french_writes_the_first_of_the_month_as_an_ordinal():
    with translation.override("fr"):
        assert format_date(FIRST) == "1er novembre 2026"
        assert format_date(datetime.date(2026, 11, 11)) == "11 novembre 2026"
        assert _render("{{ when|local_date }}", when=FIRST) == "1er novembre 2026"
    with translation.override("en"):
        assert format_date(FIRST) == "1 November 2026"


# A French colon, semicolon, question or exclamation mark takes a narrow no-break space
# (U+202F) before it, never an ordinary or a plain no-break space, never none.
BADLY_SPACED = re.compile(r"(?:[^\s\u202f][;:?!]|[ \u00a0][;:?!])(?=[\s\"»)]|$)")


def test_the_french_catalogue_spaces_its_punctuation():
    path = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    strings = [text for key, text in catalogue._catalog.items() if key]
    assert len(strings) > 500
    assert [text for text in strings if BADLY_SPACED.search(text)] == []
