"""Search over what people type: quote, summary, source title, publisher and claimant names, and
the figure in digits; Spanish claims stemmed as Spanish on PostgreSQL; an FTS5 index on SQLite.

claims/fulltext.py holds the SQL and says how the index is kept current (triggers, on both
databases). On PostgreSQL the generated column of migration 0002 becomes a plain column the
triggers write (its GIN index and statistics target stay) and every claim's vector is written
once: at a million claims that is a rewrite of the table, minutes of work, so run it in a quiet
hour.
"""

from django.db import migrations

from claims import fulltext


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(fulltext.POSTGRESQL_FORWARD)
    # On SQLite the FTS5 index and its triggers are made after `migrate` (claims.apps), never
    # during one: a later migration that rebuilds a table the triggers name would fail on them.


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(fulltext.POSTGRESQL_BACKWARD)
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            fulltext.drop_sqlite_index(cursor)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0010_claim_normalised_figure"),
        ("sources", "0002_source_history_keeps_text"),
    ]

    operations = [migrations.RunPython(forward, backward)]
