"""On PostgreSQL, trigram indexes serve the word matches of the database backend."""

from django.db import migrations

CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_doc_terms_trgm "
    "ON search_indexeddocument USING gin (terms gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_doc_title_terms_trgm "
    "ON search_indexeddocument USING gin (title_terms gin_trgm_ops)",
)
DROP = (
    "DROP INDEX IF EXISTS search_doc_terms_trgm",
    "DROP INDEX IF EXISTS search_doc_title_terms_trgm",
)


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
