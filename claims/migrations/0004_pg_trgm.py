"""Trigram matching for suggested measures, on PostgreSQL only.

pg_trgm's word similarity finds claims whose quote reads like a measure's label; the GIN index
keeps that an index lookup rather than a scan of every claim. SQLite has neither and
claims.similarity falls back to comparing words in Python over a bounded set of claims.
"""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS claims_claim_quote_trgm ON claims_claim USING gin (quote gin_trgm_ops);
"""
# The extension stays: other database objects may use it, and dropping it needs a superuser.
BACKWARD = "DROP INDEX IF EXISTS claims_claim_quote_trgm;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_roles")]

    operations = [migrations.RunPython(forward, backward)]
