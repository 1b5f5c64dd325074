"""Migrations 0006, 0007 and 0010: the indexes match the SQL that Django writes for the
queries they serve (a change to either side that breaks the match makes the planner fall back to
a sort), and the search vector keeps fine statistics."""

import pytest
from django.db import connection

from claims.api.filters import ClaimFilter
from claims.models import Claim
from tests import factories

ON_POSTGRES = connection.vendor == "postgresql"


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
    claims = ClaimFilter({"unit_exact": "Troops"}, queryset=Claim.objects.all()).qs[:51]

    used = "claims_claim_unit_date_idx" in plan(claims)

    assert used is ON_POSTGRES


@pytest.mark.django_db
def test_a_unit_family_filter_in_the_default_order_reads_its_index(source):
    factories.claim(source=source)
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
