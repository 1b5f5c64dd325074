"""Migrations 0006, 0007 and 0010: the indexes match the SQL that Django writes for the
queries they serve (a change to either side that breaks the match makes the planner fall back to
a sort), and the search vector keeps fine statistics."""

import pytest
from django.db import connection

from claims.api.filters import ClaimFilter
from claims.models import Claim
from tests import factories

ON_POSTGRES = connection.vendor == "postgresql"


def other_claims(source, n=300):
    """Claims of another unit, written in bulk, and fresh statistics: with one row on the table
    every index costs the same and the planner's pick is a coin toss; with these, reading the
    date index and filtering is plainly dearer than the unit's own index, as at a million."""
    Claim.objects.bulk_create(
        Claim(
            source=source,
            quote=f"{i} migrants",
            value=i + 1,
            unit="migrants",
            claim_date=source.published_on,
            # bulk_create skips the save that fills these: the figure as every other claim keeps it
            unit_family="migrants",
            value_normalised=i + 1,
            value_low_normalised=i + 1,
            value_high_normalised=i + 1,
        )
        for i in range(n)
    )
    if ON_POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")


def plan(queryset) -> str:
    """The plan PostgreSQL picks when scanning or sorting a whole table is made unattractive,
    as it is on a million rows (on a test table of a few rows a sort is cheaper)."""
    if ON_POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
    return queryset.explain()


@pytest.mark.django_db
def test_the_review_queue_order_reads_its_index(source):
    factories.claim(source=source)
    queue = Claim.objects.with_queue_rank().order_by("queue_rank", "created_at", "pk")[:100]

    used = "claims_claim_queue_idx" in plan(queue)

    assert used is ON_POSTGRES  # SQLite, the small-scale default, has no such index


@pytest.mark.django_db
def test_an_exact_unit_filter_in_the_default_order_reads_its_index(source):
    factories.claim(source=source)
    other_claims(source)
    claims = ClaimFilter({"unit_exact": "Troops"}, queryset=Claim.objects.all()).qs[:51]

    used = "claims_claim_unit_date_idx" in plan(claims)

    assert used is ON_POSTGRES


@pytest.mark.django_db
def test_a_unit_family_filter_in_the_default_order_reads_its_index(source):
    factories.claim(source=source)
    other_claims(source)
    claims = ClaimFilter({"unit": "Troops"}, queryset=Claim.objects.all()).qs[:51]

    assert "claim_family_date_idx" in plan(claims)  # a model index: on both databases


@pytest.mark.django_db
def test_the_search_vector_keeps_statistics_fine_enough_for_rare_words():
    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, "claims_claim")
        ]
        if ON_POSTGRES:
            cursor.execute(
                "SELECT attstattarget FROM pg_attribute "
                "WHERE attrelid = 'claims_claim'::regclass AND attname = 'search_vector'"
            )
            assert cursor.fetchone()[0] == 1000
        else:
            assert "search_vector" not in columns  # SQLite searches its FTS5 table instead
