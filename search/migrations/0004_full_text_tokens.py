"""One full-text lookup answers a whole query, on either database.

``terms`` now also hold a token for the document's audience and one per facet
value, so words, facet filters and audience are matched together: on PostgreSQL by
``tsvector`` columns holding exactly those words and tokens (GIN-indexed), on
SQLite by an FTS5 table over ``terms`` and ``title_terms`` that triggers keep in
step with the rows. Facets are counted from the ``facets`` JSON on both, so the
per-value rows SQLite used go. Each place also gets its point on the unit sphere,
which distances are measured with.

The rows already indexed get their tokens, points and counts here. On SQLite, a later
migration that remakes ``search_indexeddocument`` (a field change SQLite cannot
apply in place) drops the triggers with the old table: ``search.fts`` creates them
again after every ``migrate`` and a system check reports them missing.
"""

from collections import Counter

from django.db import migrations, models

from search.database import counted, filter_tokens, stored_facets, terms_field
from search.fts import CREATE_TABLE, REBUILD, TRIGGERS
from search.geo import unit_point

TABLE = "search_indexeddocument"
BATCH = 1000
FIELDS = ["terms", "facets", "unit_x", "unit_y", "unit_z"]

POSTGRESQL_DROP_OLD = (
    "DROP INDEX IF EXISTS search_doc_facets_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_words",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_title_words",
)
POSTGRESQL_CREATE = (
    f"ALTER TABLE {TABLE} ADD COLUMN search_words tsvector GENERATED ALWAYS AS "
    "(array_to_tsvector(string_to_array(btrim(terms), ' '))) STORED",
    f"ALTER TABLE {TABLE} ADD COLUMN search_title_words tsvector GENERATED ALWAYS AS "
    "(array_to_tsvector(string_to_array(btrim(title_terms), ' '))) STORED",
    f"CREATE INDEX search_doc_words_gin ON {TABLE} USING gin (search_words)",
    f"CREATE INDEX search_doc_title_words_gin ON {TABLE} USING gin (search_title_words)",
)
POSTGRESQL_DROP_NEW = (
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_words",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_title_words",
)
POSTGRESQL_CREATE_OLD = (
    f"ALTER TABLE {TABLE} ADD COLUMN search_words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    f"ALTER TABLE {TABLE} ADD COLUMN search_title_words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', title_terms)) STORED",
    f"CREATE INDEX search_doc_words_gin ON {TABLE} USING gin (search_words)",
    f"CREATE INDEX search_doc_title_words_gin ON {TABLE} USING gin (search_title_words)",
    f"CREATE INDEX search_doc_facets_gin ON {TABLE} USING gin (facets jsonb_path_ops)",
)
SQLITE_CREATE = (
    CREATE_TABLE,
    *TRIGGERS.values(),
    REBUILD,
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
)


def _execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def _retoken(apps, *, tokens: bool):
    """Rewrites the stored ``terms`` with (or without) the tokens; fills points and counts."""
    document_model = apps.get_model("search", "IndexedDocument")
    count_model = apps.get_model("search", "FacetCount")
    rows = document_model.objects.only(
        "kind", "terms", "audience", "facets", "latitude", "longitude"
    )
    counts = Counter()
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        words = [word for word in row.terms.split() if not word.startswith("_")]
        extra = []
        if tokens:
            row.facets = stored_facets(row.facets)
            extra = filter_tokens(row.audience, row.facets)
            counts.update(
                counted([{"audience": row.audience, "kind": row.kind, "facets": row.facets}])
            )
            if row.latitude is not None and row.longitude is not None:
                row.unit_x, row.unit_y, row.unit_z = unit_point(row.latitude, row.longitude)
        row.terms = terms_field(words, extra)
        batch.append(row)
        if len(batch) == BATCH:
            document_model.objects.bulk_update(batch, FIELDS)
            batch = []
    document_model.objects.bulk_update(batch, FIELDS)
    count_model.objects.bulk_create(
        [
            count_model(audience=audience, kind=kind, facet=facet, value=value, documents=n)
            for (audience, kind, facet, value), n in counts.items()
        ],
        batch_size=BATCH,
    )


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _execute(schema_editor, POSTGRESQL_DROP_OLD)
    _retoken(apps, tokens=True)
    if vendor == "postgresql":
        _execute(schema_editor, POSTGRESQL_CREATE)
    elif vendor == "sqlite":
        _execute(schema_editor, SQLITE_CREATE)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _execute(schema_editor, POSTGRESQL_DROP_NEW)
    elif vendor == "sqlite":
        _execute(schema_editor, SQLITE_DROP)
    _retoken(apps, tokens=False)
    if vendor == "postgresql":
        _execute(schema_editor, POSTGRESQL_CREATE_OLD)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_text_search_vectors")]

    operations = [
        migrations.AddField(
            model_name="indexeddocument",
            name="unit_x",
            field=models.FloatField(blank=True, null=True, verbose_name="x on the unit sphere"),
        ),
        migrations.AddField(
            model_name="indexeddocument",
            name="unit_y",
            field=models.FloatField(blank=True, null=True, verbose_name="y on the unit sphere"),
        ),
        migrations.AddField(
            model_name="indexeddocument",
            name="unit_z",
            field=models.FloatField(blank=True, null=True, verbose_name="z on the unit sphere"),
        ),
        migrations.DeleteModel(name="IndexedFacet"),
        migrations.CreateModel(
            name="FacetCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("audience", models.CharField(max_length=8, verbose_name="audience")),
                ("kind", models.CharField(max_length=16, verbose_name="kind")),
                ("facet", models.CharField(blank=True, max_length=32, verbose_name="facet")),
                ("value", models.CharField(blank=True, max_length=200, verbose_name="value")),
                ("documents", models.IntegerField(default=0, verbose_name="documents")),
            ],
            options={
                "verbose_name": "facet count",
                "verbose_name_plural": "facet counts",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("audience", "kind", "facet", "value"),
                        name="search_one_count_per_value",
                    )
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
