"""The SQLite full-text table behind the database backend, and the triggers that feed it.

On SQLite the database backend matches words in ``search_fts``, an FTS5 table over
``terms`` and ``title_terms`` of ``search_indexeddocument`` (migration 0004) that three
triggers keep in step with the rows. A later migration that remakes that table (a
field change SQLite cannot apply in place: it copies the rows into a new table and
drops the old one) drops the triggers with it, and nothing would say so: documents
stored afterwards would simply never be found.

So both ends are covered:

- after every ``migrate``, ``restore_after_migrate`` (a ``post_migrate`` receiver)
  creates the missing triggers again and rebuilds the full-text index from the rows,
  which catches up whatever was stored without them;
- ``check_triggers``, a system check of the ``database`` tag (run by ``migrate``,
  ``check --database default`` and the test run), reports them missing when they
  disappeared some other way.

PostgreSQL needs neither: its full-text columns are generated from the row itself.
"""

from __future__ import annotations

from django.core import checks
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder

TABLE = "search_indexeddocument"
FTS_TABLE = "search_fts"
# The migration that creates the full-text table: before it, nothing is expected.
CREATED_BY = ("search", "0004_full_text_tokens")

# The table names are written out: these statements are fixed text.
CREATE_TABLE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "terms, title_terms, content='search_indexeddocument', content_rowid='id', "
    "tokenize=\"unicode61 tokenchars '_'\", prefix='2 3')"
)
TRIGGERS = {
    "search_fts_insert": (
        "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_indexeddocument BEGIN "
        "INSERT INTO search_fts (rowid, terms, title_terms) "
        "VALUES (new.id, new.terms, new.title_terms); END"
    ),
    "search_fts_delete": (
        "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_indexeddocument BEGIN "
        "INSERT INTO search_fts (search_fts, rowid, terms, title_terms) "
        "VALUES ('delete', old.id, old.terms, old.title_terms); END"
    ),
    "search_fts_update": (
        "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_indexeddocument BEGIN "
        "INSERT INTO search_fts (search_fts, rowid, terms, title_terms) "
        "VALUES ('delete', old.id, old.terms, old.title_terms); "
        "INSERT INTO search_fts (rowid, terms, title_terms) "
        "VALUES (new.id, new.terms, new.title_terms); END"
    ),
}
REBUILD = "INSERT INTO search_fts (search_fts) VALUES ('rebuild')"


def _expected(connection: BaseDatabaseWrapper) -> bool:
    """Whether ``connection`` should hold the full-text table: SQLite, migrated past 0004."""
    if connection.vendor != "sqlite":
        return False
    recorder = MigrationRecorder(connection)
    return recorder.has_table() and CREATED_BY in recorder.applied_migrations()


def missing(connection: BaseDatabaseWrapper) -> list[str]:
    """The full-text table and triggers ``connection`` should hold and does not."""
    if not _expected(connection):
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master "
            "WHERE name = %s OR (type = 'trigger' AND tbl_name = %s)",
            [FTS_TABLE, TABLE],
        )
        present = {name for (name,) in cursor.fetchall()}
    return [name for name in (FTS_TABLE, *TRIGGERS) if name not in present]


def restore(connection: BaseDatabaseWrapper) -> list[str]:
    """Creates what ``missing`` names, then rebuilds the full-text index from the rows;
    returns what it created."""
    absent = missing(connection)
    if not absent:
        return []
    with connection.cursor() as cursor:
        if FTS_TABLE in absent:
            cursor.execute(CREATE_TABLE)
        for name in absent:
            if name in TRIGGERS:
                cursor.execute(TRIGGERS[name])
        cursor.execute(REBUILD)
    return absent


def restore_after_migrate(sender, *, using: str, verbosity: int = 1, stdout=None, **kwargs):
    """``post_migrate``: the triggers a migration dropped with the table, made again."""
    restored = restore(connections[using])
    if restored and verbosity and stdout is not None:
        stdout.write(f"  Search: restored the SQLite full-text {', '.join(restored)}.\n")


def check_triggers(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """A system check (tag ``database``): the SQLite full-text table and triggers exist."""
    errors = []
    for alias in databases or ():
        absent = missing(connections[alias])
        if absent:
            errors.append(
                checks.Error(
                    f"The search's SQLite full-text index is incomplete on database "
                    f"'{alias}': {', '.join(absent)} missing. Documents stored now would "
                    "never be found.",
                    hint="Run 'manage.py migrate': it creates them again and rebuilds "
                    "the full-text index.",
                    id="search.E001",
                )
            )
    return errors
