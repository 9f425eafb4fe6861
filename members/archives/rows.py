"""Checking one row of an archive file: what the record holds, or why it is left out.

A row is rejected when a value the record needs is missing or wrong (the student
number, the names, the programme, the graduation year, a birth date that is not a
date); a value the record can do without (an e-mail address that is not one, an
unknown country code) is left out with a warning, and the row imported. Names are
kept as the file writes them; ``name_key`` folds them for matching a claim.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from home.countries import ISO_3166_ALPHA_2
from members.archives.columns import BY_NAME, COLUMNS, Problem
from members.archives.files import Row
from members.models import ArchiveSpelling, ArchiveTermKind
from search.text import fold

STUDENT_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9./_-]{0,31}")
DATE_FORMATS = (
    re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)
EMAIL_SEPARATORS = re.compile(r"[\s,;]+")
NOT_A_LETTER = re.compile(r"[^a-z0-9]+")
FIRST_YEAR = 1900
# A degree is not awarded before this age: a graduation year closer to the birth date
# is a typing error of the year or of the date.
YOUNGEST_GRADUATE = 15
REQUIRED = tuple(column.name for column in COLUMNS if column.required)
LENGTHS = {
    "numero_etudiant": 32,
    "etablissement": 32,
    "nom": 150,
    "prenoms": 150,
    "nom_naissance": 150,
    "formation": 200,
    "diplome": 80,
    "discipline": 120,
    "composante": 160,
    "ville": 120,
}


def name_key(last_name: str, first_names: str) -> str:
    """The names folded for matching: "N'Diaye", "n diaye" and "NDIAYE-" are alike."""
    return NOT_A_LETTER.sub(" ", fold(f"{last_name} {first_names}")).strip()


@dataclass(frozen=True, slots=True)
class GraduateRow:
    """One graduate as a row of the archives gives them, checked."""

    line: int
    institution: str
    student_number: str
    last_name: str
    first_name: str
    birth_name: str
    birth_date: date | None
    emails: str
    programme: str
    degree: str
    discipline: str
    faculty: str
    end_year: int
    city: str
    country: str

    @property
    def key(self) -> tuple[str, str]:
        return self.institution, self.student_number

    @property
    def name_key(self) -> str:
        return name_key(self.last_name, self.first_name)

    @property
    def digest(self) -> str:
        """Changes when any value of the row changes: an unchanged row is not written."""
        values = (
            self.institution,
            self.student_number,
            self.last_name,
            self.first_name,
            self.birth_name,
            self.birth_date.isoformat() if self.birth_date else "",
            self.emails,
            self.programme,
            self.degree,
            self.discipline,
            self.faculty,
            str(self.end_year),
            self.city,
            self.country,
        )
        return hashlib.md5("\x1f".join(values).encode(), usedforsecurity=False).hexdigest()


class Spellings:
    """The archives' spellings of the faculties and programmes the site knows."""

    def __init__(self, entries: list[tuple[str, str, str]]):
        self.names: dict[str, dict[str, str]] = {}
        for kind, spelling, name in entries:
            known = self.names.setdefault(kind, {})
            known[_folded(spelling)] = name
            known.setdefault(_folded(name), name)

    @classmethod
    def load(cls) -> Spellings:
        return cls(list(ArchiveSpelling.objects.values_list("kind", "spelling", "name")))

    def name_of(self, kind: str, value: str) -> str | None:
        """The site's name for ``value``: itself when the kind has no list, ``None`` when
        the list does not know it."""
        known = self.names.get(kind)
        if not known or not value:
            return value
        return known.get(_folded(value))


def _folded(text: str) -> str:
    return " ".join(NOT_A_LETTER.sub(" ", fold(text)).split())


class RowChecker:
    """Checks the rows of one import against the spellings and today's date."""

    def __init__(self, spellings: Spellings, *, today: date, institution: str = ""):
        self.spellings = spellings
        self.today = today
        self.institution = institution

    def check(self, row: Row) -> tuple[GraduateRow | None, list[Problem]]:
        """The row checked, or ``None`` when it is rejected; with the problems found."""
        if row.problem is not None:
            return None, [row.problem]
        self._line = row.line
        self._problems: list[Problem] = []
        values = row.values
        text = {name: self._text(name, values.get(name)) for name in LENGTHS}
        for name in REQUIRED:
            if str(values.get(name) or "").strip() == "":
                self._reject(name, "", _("This value is required."))
        number = text["numero_etudiant"]
        if number and not STUDENT_NUMBER.fullmatch(number):
            self._reject(
                "numero_etudiant",
                number,
                _("A student number is made of letters, digits, “.”, “/”, “_” and “-”."),
            )
        birth_date = self._date(values.get("date_naissance"))
        end_year = self._year(values.get("annee_diplome"), birth_date)
        programme = self._term(ArchiveTermKind.PROGRAMME, "formation", text["formation"])
        faculty = self._term(ArchiveTermKind.FACULTY, "composante", text["composante"])
        emails = self._emails(values.get("courriels"))
        country = self._country(values.get("pays"))
        if any(problem.rejected for problem in self._problems):
            return None, self._problems
        checked = GraduateRow(
            line=row.line,
            institution=text["etablissement"] or self.institution,
            student_number=number,
            last_name=text["nom"],
            first_name=text["prenoms"],
            birth_name=text["nom_naissance"],
            birth_date=birth_date,
            emails=emails,
            programme=programme,
            degree=text["diplome"],
            discipline=text["discipline"],
            faculty=faculty,
            end_year=end_year or 0,
            city=text["ville"],
            country=country,
        )
        return checked, self._problems

    def _reject(self, column: str, value: object, message: str) -> None:
        self._problems.append(Problem(self._line, message, column, str(value)[:200]))

    def _warn(self, column: str, value: object, message: str) -> None:
        self._problems.append(Problem(self._line, message, column, str(value)[:200], False))

    def _text(self, name: str, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = unicodedata.normalize("NFC", str(value).strip())
        if len(text) > LENGTHS[name]:
            self._reject(
                name,
                text,
                _("At most %(count)d characters (this value has %(length)d).")
                % {"count": LENGTHS[name], "length": len(text)},
            )
        return text

    def _date(self, value: object) -> date | None:
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            text = str(value).strip()
            for pattern in DATE_FORMATS:
                match = pattern.fullmatch(text)
                if match:
                    break
            else:
                self._reject(
                    "date_naissance", text, _("Not a date: write it day/month/year (31/12/1990).")
                )
                return None
            try:
                value = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                self._reject("date_naissance", text, _("This date does not exist."))
                return None
        if not FIRST_YEAR <= value.year or value > self.today:
            self._reject(
                "date_naissance", value, _("A birth date between 1900 and today is expected.")
            )
            return None
        return value

    def _year(self, value: object, birth_date: date | None) -> int | None:
        if value in (None, ""):
            return None  # a required value: reported as missing
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if not text.isdecimal():
            self._reject("annee_diplome", text, _("A year is expected, e.g. 2015."))
            return None
        year = int(text)
        if not FIRST_YEAR <= year <= self.today.year + 1:
            self._reject(
                "annee_diplome",
                text,
                _("A year between %(first)d and %(last)d is expected.")
                % {"first": FIRST_YEAR, "last": self.today.year + 1},
            )
            return None
        if birth_date is not None and year - birth_date.year < YOUNGEST_GRADUATE:
            self._reject(
                "annee_diplome",
                text,
                _("The graduation year comes %(years)d years after the birth date (%(date)s).")
                % {"years": year - birth_date.year, "date": birth_date.strftime("%d/%m/%Y")},
            )
            return None
        return year

    def _term(self, kind: str, column: str, value: str) -> str:
        name = self.spellings.name_of(kind, value)
        if name is None:
            self._reject(
                column,
                value,
                _("Unknown %(label)s: add this spelling under Community → Archive spellings.")
                % {"label": BY_NAME[column].label},
            )
            return ""
        return name

    def _emails(self, value: object) -> str:
        kept = []
        for address in EMAIL_SEPARATORS.split(str(value or "").strip()):
            if not address:
                continue
            try:
                validate_email(address)
            except ValidationError:
                self._warn("courriels", address, _("Not an e-mail address: left out."))
                continue
            kept.append(address.lower())
        return " ".join(dict.fromkeys(kept))

    def _country(self, value: object) -> str:
        code = str(value or "").strip().upper()
        if code and code not in ISO_3166_ALPHA_2:
            self._warn("pays", value, _("Not an ISO 3166 country code (FR, BE…): left out."))
            return ""
        return code
