"""The admin's paginator counts exactly where that is cheap and estimates where it is not."""

import pytest
from django.db import connection

from claims.admin.paginators import EstimatedCountPaginator
from claims.models import Claim, Status
from tests import factories

ON_POSTGRES = connection.vendor == "postgresql"


def make_claims(source, count, **fields):
    for _ in range(count):
        factories.claim(source=source, **fields)


def analyze_claims():
    if ON_POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")


def paginator(queryset, **limits):
    pages = EstimatedCountPaginator(queryset, per_page=10)
    for name, value in limits.items():
        setattr(pages, name, value)
    return pages


@pytest.mark.django_db
def test_an_unfiltered_list_is_counted_from_the_table_statistics_on_postgresql(source):
    make_claims(source, 30)
    analyze_claims()
    make_claims(source, 5)  # not yet seen by ANALYZE

    count = paginator(Claim.objects.order_by("-pk"), estimate_above=0).count

    # PostgreSQL answers from pg_class.reltuples without reading the rows; SQLite counts.
    assert count == (30 if ON_POSTGRES else 35)


@pytest.mark.django_db
def test_a_small_table_is_counted_exactly_even_unfiltered(source):
    make_claims(source, 30)
    analyze_claims()
    make_claims(source, 5)

    assert paginator(Claim.objects.all()).count == 35


@pytest.mark.django_db
def test_a_filtered_list_is_counted_exactly_below_the_limit(source):
    make_claims(source, 7, status=Status.VERIFIED)
    make_claims(source, 4)

    assert paginator(Claim.objects.filter(status=Status.VERIFIED)).count == 7


@pytest.mark.django_db
def test_a_filtered_list_beyond_the_limit_is_at_least_the_limit_and_never_a_full_count(source):
    make_claims(source, 12, status=Status.VERIFIED)
    make_claims(source, 3)
    analyze_claims()

    count = paginator(Claim.objects.filter(status=Status.VERIFIED), exact_count_limit=5).count

    if ON_POSTGRES:
        # Six rows counted (limit + 1), then the planner's estimate, which is not less.
        assert count >= 6
    else:
        assert count == 12


@pytest.mark.django_db
def test_pages_hold_the_rows_of_the_ordering(source):
    make_claims(source, 25)
    pages = paginator(Claim.objects.order_by("pk"))

    second = pages.page(2)

    assert [c.pk for c in second.object_list] == list(
        Claim.objects.order_by("pk").values_list("pk", flat=True)[10:20]
    )
    assert pages.num_pages == 3


@pytest.mark.django_db
def test_the_claim_admin_uses_it_without_a_second_full_count(admin_client, source):
    from claims.admin.claims import ClaimAdmin

    make_claims(source, 3)

    response = admin_client.get("/admin/claims/claim/")

    assert response.status_code == 200
    assert ClaimAdmin.paginator is EstimatedCountPaginator
    assert ClaimAdmin.show_full_result_count is False
    assert response.context["cl"].result_count == 3
