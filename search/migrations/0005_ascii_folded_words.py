"""Words are folded to ASCII letter by letter (``search.text``): "cœur" is stored as
"coeur", "Straße" as "strasse", where letters without a decomposition used to be
dropped. The documents already indexed get their words again from their stored text,
and the vocabulary typo tolerance reads is made of those words only.

Elasticsearch's analysis is unchanged; its documents are rebuilt by
``search_index --rebuild`` (see the README's upgrade notes). Going back keeps the new
words: the older code then needs ``search_index --rebuild --store database``.
"""

from django.db import migrations

from search.database import searched_columns

BATCH = 1000
COLUMNS = ["terms", "title_terms", "title_sort"]


def refold(apps, schema_editor):
    document_model = apps.get_model("search", "IndexedDocument")
    term_model = apps.get_model("search", "IndexedTerm")
    rows = document_model.objects.only("title", "summary", "text", "audience", "facets")
    words = set()
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        columns = searched_columns(
            title=row.title,
            summary=row.summary,
            body=row.text,
            audience=row.audience,
            facets=row.facets,
        )
        for name, value in columns.items():
            setattr(row, name, value)
        words.update(word for word in row.terms.split() if not word.startswith("_"))
        batch.append(row)
        if len(batch) == BATCH:
            document_model.objects.bulk_update(batch, COLUMNS)
            batch = []
    document_model.objects.bulk_update(batch, COLUMNS)
    term_model.objects.all().delete()
    term_model.objects.bulk_create(
        [term_model(term=word) for word in sorted(words)], batch_size=BATCH
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_full_text_tokens")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
