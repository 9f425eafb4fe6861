"""On PostgreSQL, the database backend matches words through indexed ``tsvector`` columns.

The folded, stemmed words (``terms``, ``title_terms``) become generated ``tsvector``
columns with GIN indexes, matched with prefix queries (``word:*``); facet filters and
counts read the ``facets`` JSON, under a GIN index. The trigram indexes these replace
are dropped.
"""

from django.db import migrations

CREATE = (
    "DROP INDEX IF EXISTS search_doc_terms_trgm",
    "DROP INDEX IF EXISTS search_doc_title_terms_trgm",
    "ALTER TABLE search_indexeddocument ADD COLUMN search_words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    "ALTER TABLE search_indexeddocument ADD COLUMN search_title_words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', title_terms)) STORED",
    "CREATE INDEX search_doc_words_gin ON search_indexeddocument USING gin (search_words)",
    "CREATE INDEX search_doc_title_words_gin "
    "ON search_indexeddocument USING gin (search_title_words)",
    "CREATE INDEX search_doc_facets_gin ON search_indexeddocument USING gin (facets jsonb_path_ops)",
)
DROP = (
    "DROP INDEX IF EXISTS search_doc_facets_gin",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS search_title_words",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS search_words",
    "CREATE INDEX IF NOT EXISTS search_doc_terms_trgm "
    "ON search_indexeddocument USING gin (terms gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_doc_title_terms_trgm "
    "ON search_indexeddocument USING gin (title_terms gin_trgm_ops)",
)


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_trigram_indexes")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
