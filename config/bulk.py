"""Writing many new rows at once, for imports at the scale of the graduate archives.

``reserve_ids`` takes the primary keys of rows to come in one query, so that rows
that point at each other (a profile, its education, its record) are written without
reading keys back; ``insert`` sends rows with ``COPY`` on PostgreSQL and one prepared
``INSERT`` run for each row (``executemany``) on SQLite. The columns a caller does not
give get their field's default, as ``Model.save()`` would set it. Neither sends
``post_save``: the caller updates what follows the rows (the search index).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Max
from psycopg import sql

# The fields whose Python value is the database's (no conversion to prepare).
_AS_IS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def reserve_ids(
    model: type[models.Model], count: int, *, using: str = DEFAULT_DB_ALIAS
) -> list[int]:
    """``count`` primary keys for new rows of ``model``, never given to another row.

    Must run inside the transaction that writes the rows: on SQLite the keys are the
    next ones after the table's counter, which no other writer takes while this
    transaction holds the write lock (``transaction_mode`` IMMEDIATE).
    """
    if count == 0:
        return []
    connection = connections[using]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if not connection.in_atomic_block:
            raise RuntimeError("reserve_ids() runs inside the transaction that writes the rows.")
        # AUTOINCREMENT's counter, not only the largest key: a deleted row's key is
        # never given again (it may still be in a link somebody kept).
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        counter = cursor.fetchone()
        largest = model._base_manager.using(using).aggregate(largest=Max("pk"))["largest"]
        start = max(counter[0] if counter else 0, largest or 0) + 1
        return list(range(start, start + count))


def insert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    using: str = DEFAULT_DB_ALIAS,
) -> None:
    """Writes ``rows`` into ``model``'s table: each gives the values of ``fields``
    (attribute names: ``profile_id`` for a foreign key), in that order. Without the
    primary key among ``fields``, the database numbers the rows."""
    connection = connections[using]
    by_name = {field.attname: field for field in model._meta.concrete_fields}
    given = [by_name[name] for name in fields]
    template = model()
    defaults = [
        (field, field.get_db_prep_save(field.pre_save(template, add=True), connection))
        for field in model._meta.concrete_fields
        if field.attname not in fields and not field.primary_key
    ]
    columns = [str(field.column) for field in (*given, *(field for field, _ in defaults))]
    fixed = tuple(value for _, value in defaults)
    prepared = [
        None if isinstance(field, _AS_IS) or field.is_relation else field for field in given
    ]

    def values(row: Sequence[object]) -> tuple:
        return (
            *(
                value if field is None else field.get_db_prep_save(value, connection)
                for field, value in zip(prepared, row, strict=True)
            ),
            *fixed,
        )

    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table),
                sql.SQL(", ").join([sql.Identifier(column) for column in columns]),
            )
            with cursor.cursor.copy(query) as copy:
                for row in rows:
                    copy.write_row(values(row))
            return
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            # The names are the model's own, quoted; the values are parameters.
            f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})",  # noqa: S608
            [values(row) for row in rows],
        )


def relaxed_commit(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """This transaction's commit returns before its write-ahead log reaches the disk
    (PostgreSQL's ``synchronous_commit``): for a batch of a resumable import, whose
    checkpoint is written in the same transaction, so that a crash loses the last
    batches and their checkpoint together, and the import resumes before them."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
