"""Lists sorted as a French reader expects: "Suède" before "Suisse", "énergie" among the e's.

Code-point order puts every accented initial after "z". Lists sorted in Python use
``sort_key`` (accents and case set aside, then used to break ties); lists sorted by the
database use ``collated(field)``: the ICU French collation on PostgreSQL, and on SQLite
a collation of the same name that compares with ``sort_key``.
"""

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

T = TypeVar("T")

POSTGRESQL_COLLATION = "fr-x-icu"
SQLITE_COLLATION = "cercle_fr"


def sort_key(text: str) -> tuple[str, str]:
    """Letters without accents or case first; the text itself when they are equal."""
    folded = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return folded.casefold(), text


def collate_sorted(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """``items`` sorted by the text ``key`` gives, in collation order."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def collated(field: str) -> Collate:
    """``field`` in collation order, for ``order_by``."""
    name = POSTGRESQL_COLLATION if connection.vendor == "postgresql" else SQLITE_COLLATION
    return Collate(F(field), name)


def _compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def _register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


connection_created.connect(_register_sqlite_collation)
