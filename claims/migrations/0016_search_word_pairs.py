"""Phrases found through the index: every pair of adjacent words in a claim's search_vector
(PostgreSQL only; SQLite's FTS5 keeps word positions in its own index).

A phrase query ("border patrol") asked PostgreSQL's GIN index for the claims holding both words
anywhere, then read each of them from the table to check the words' positions: at a million
claims, 6,227 table pages for a phrase that is in 334 claims. The vector now also holds each
pair of adjacent words as a pair lexeme (a hash of the two, in one of 65,536 buckets), and
claims.selectors asks for the pairs a query's phrases imply, so few claims besides the phrase's
are read: 279 pages (claims/fulltext.py has the SQL and the rules). Every claim's vector is
written once, with the GIN index dropped and built again: at a million claims 7.6 minutes with
the table locked (the GIN index 93 MB before, 290 MB after), so run it in a quiet hour.
"""

from django.db import migrations

from claims import fulltext


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0015_change_stamps")]

    operations = [
        migrations.RunPython(run(fulltext.WORD_PAIRS_FORWARD), run(fulltext.WORD_PAIRS_BACKWARD))
    ]
