"""On SQLite, the full-text triggers a table remake drops are reported and made again."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import checks
from django.core.management import call_command
from django.db import connection

from search import services
from search.query import SearchQuery
from tests.home.factories import StandardPageFactory, make_site_home

pytestmark = pytest.mark.django_db


# PostgreSQL generates its full-text columns from the row: it has no trigger to lose.
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="Only SQLite keeps its full-text index by triggers."
)


def database_errors():
    return [
        message.id
        for message in checks.run_checks(databases=["default"], tags=[checks.Tags.database])
        if message.level >= checks.ERROR
    ]


def found(text):
    results = services.search(viewer=AnonymousUser(), query=SearchQuery(text=text))
    return [hit.title for hit in results.hits]


def test_the_check_passes_with_the_triggers_in_place():
    assert "search.E001" not in database_errors()


@sqlite_only
def test_a_dropped_trigger_fails_the_check():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_fts_insert")

    assert "search.E001" in database_errors()
    message = next(m for m in checks.run_checks(databases=["default"]) if m.id == "search.E001")
    assert "search_fts_insert" in message.msg


@sqlite_only
def test_migrate_restores_the_triggers_and_finds_what_was_stored_without_them(indexed):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_fts_insert")
        cursor.execute("DROP TRIGGER search_fts_update")
    home = make_site_home()
    with indexed():
        StandardPageFactory(parent=home, title="Bibliothèque universitaire")
    assert found("bibliotheque") == []

    output = io.StringIO()
    call_command("migrate", verbosity=1, stdout=output)

    assert "restored the SQLite full-text search_fts_insert, search_fts_update" in output.getvalue()
    assert "search.E001" not in database_errors()
    assert found("bibliotheque") == ["Bibliothèque universitaire"]
    with indexed():
        StandardPageFactory(parent=home, title="Bibliothèque des sciences")
    assert found("bibliotheque sciences") == ["Bibliothèque des sciences"]
