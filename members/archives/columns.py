"""The columns of an archive file, and the headers each is known by.

A header is matched folded (case, accents and punctuation set aside), so that
"Numéro étudiant", "NUMERO_ETUDIANT" and "numero etudiant" name the same column. The
README's "Graduate archives" section lists them for the university's staff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from search.text import fold


@dataclass(frozen=True)
class Column:
    name: str
    """The header the university's files use, and the key of a row's values."""
    label: Promise
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS = (
    Column(
        "numero_etudiant",
        _("student number"),
        ("numéro étudiant", "n° étudiant", "no etudiant", "student number", "student id"),
        required=True,
    ),
    Column("etablissement", _("institution"), ("établissement", "institution")),
    Column(
        "nom",
        _("family name"),
        ("nom de famille", "nom d'usage", "family name", "last name", "surname"),
        required=True,
    ),
    Column(
        "prenoms",
        _("given names"),
        ("prénoms", "prénom", "prenom", "given names", "given name", "first name", "first names"),
        required=True,
    ),
    Column(
        "nom_naissance",
        _("birth name"),
        ("nom de naissance", "nom patronymique", "birth name", "maiden name"),
    ),
    Column("date_naissance", _("birth date"), ("date de naissance", "birth date", "date of birth")),
    Column(
        "courriels",
        _("e-mail addresses"),
        ("courriel", "e-mail", "email", "e-mails", "emails", "adresse électronique", "mail"),
    ),
    Column(
        "formation",
        _("programme"),
        ("intitulé de la formation", "diplôme préparé", "programme", "program"),
        required=True,
    ),
    Column("diplome", _("degree"), ("diplôme", "type de diplôme", "degree")),
    Column("discipline", _("discipline"), ("mention", "discipline", "field")),
    Column("composante", _("faculty"), ("ufr", "faculté", "faculty", "component", "school")),
    Column(
        "annee_diplome",
        _("graduation year"),
        ("année du diplôme", "année d'obtention", "année", "graduation year", "year"),
        required=True,
    ),
    Column("ville", _("city"), ("commune", "city", "town")),
    Column("pays", _("country"), ("country",)),
)
BY_NAME = {column.name: column for column in COLUMNS}


def header_key(header: str) -> str:
    """``header`` folded: lower-case ASCII words joined by underscores."""
    return "_".join(re.findall(r"[a-z0-9]+", fold(header.replace("°", "o"))))


_BY_KEY = {
    header_key(spelling): column
    for column in COLUMNS
    for spelling in (column.name, *column.aliases)
}


def column_for(header: str) -> Column | None:
    """The column a header names, or ``None``."""
    return _BY_KEY.get(header_key(header))


@dataclass(frozen=True)
class Problem:
    """A line of an import's report."""

    line: int
    message: str
    column: str = ""
    value: str = ""
    rejected: bool = True
    """The row is left out; otherwise it is imported without this value."""
