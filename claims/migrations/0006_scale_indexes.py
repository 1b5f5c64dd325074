"""Two expression indexes that keep common lists fast at a million claims (PostgreSQL only).

Found with EXPLAIN ANALYZE on 1,000,000 generated claims (bench/RESULTS.md):

- The API's `unit` filter is case-insensitive (UPPER(unit) = UPPER(%s)), which the (unit, value)
  index cannot serve; combined with the default order (-claim_date, -id) PostgreSQL walked the
  date index and threw away 15,000 rows for a page of 50 (116 ms). An index on
  (UPPER(unit), claim_date, id) reads the unit's claims already in page order (1 ms).
- The admin's review queue orders by "still to check first" (ClaimQuerySet.with_queue_rank),
  then created_at and id: without an index on that expression every page view sorted all
  claims. The expression below is the one Django writes for with_queue_rank(); if that method
  changes, this index must change with it, or the planner silently stops using it.

CONCURRENTLY, so that adding them to a live database does not block writes (hence atomic =
False). SQLite needs neither: it is the small-scale default.
"""

from django.db import migrations

INDEXES = {
    "claims_claim_unit_date_idx": "(upper(unit::text), claim_date, id)",
    "claims_claim_queue_idx": (
        "((CASE WHEN status IN ('unverified', 'in_review') THEN 0 ELSE 1 END), created_at, id)"
    ),
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON claims_claim {columns}"
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("claims", "0005_claim_unit_may_be_blank")]

    operations = [migrations.RunPython(forward, backward)]
