"""Refold the search table under the project's one text normalisation (issue 10).

Rows written before it kept zero-width, BOM and bidi characters and Thai digits in `folded`, so
a query in Thai digits, or one that a stray zero-width character had split, found nothing. The
SQLite FTS5 mirror follows through its update trigger; the PostgreSQL trigram index follows by itself.
"""

from django.db import migrations


def refold_rows(apps, schema_editor):
    from prongsai.publication.search_index import search_documents_refold

    search_documents_refold(model=apps.get_model("publication", "SearchDocument"))


class Migration(migrations.Migration):

    dependencies = [
        ("publication", "0002_search_documents"),
    ]

    operations = [
        migrations.RunPython(refold_rows, migrations.RunPython.noop),
    ]
