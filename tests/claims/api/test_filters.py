"""Each claim filter, the hedge-aware value range, ordering, and a 400 that names the parameter
for anything a filter cannot read."""

import datetime
from decimal import Decimal

import pytest

from claims.models import Hedge, Status, Tag
from tests import factories

CLAIMS = "/api/v1/claims/"


def ids(api, query):
    response = api.get(f"{CLAIMS}?{query}")
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def figure(value, hedge=Hedge.EXACT, **fields):
    return factories.claim(value=Decimal(value), hedge=hedge, **fields)


@pytest.fixture
def figures(db):
    return {
        "up_to_6000": figure(6000, Hedge.AT_MOST),
        "exactly_5500": figure(5500),
        "more_than_7000": figure(7000, Hedge.MORE_THAN),
        "exactly_100": figure(100),
        "range_4000_4500": figure(
            4000, Hedge.RANGE, value_low=Decimal(4000), value_high=Decimal(4500)
        ),
    }


def names(figures, found):
    by_id = {claim.pk: name for name, claim in figures.items()}
    return sorted(by_id[i] for i in found)


@pytest.mark.parametrize(
    "query, expected",
    [
        # "up to 6,000" could be 5,000: it meets both ends of [5000, 6000].
        ("value_min=5000&value_max=6000", ["exactly_5500", "up_to_6000"]),
        ("value_max=6000", ["exactly_100", "exactly_5500", "range_4000_4500", "up_to_6000"]),
        ("value_min=6000", ["more_than_7000", "up_to_6000"]),
        ("value_min=6500", ["more_than_7000"]),
        ("value_min=8000", ["more_than_7000"]),
        ("value_min=4400&value_max=4400", ["range_4000_4500", "up_to_6000"]),
        ("value_max=50", ["up_to_6000"]),
    ],
)
def test_value_range_compares_the_hedge_implied_interval(journalist_api, figures, query, expected):
    assert names(figures, ids(journalist_api, query)) == expected


def test_up_to_6000_matches_value_max_6000_and_value_min_5000(journalist_api, figures):
    up_to = figures["up_to_6000"].pk
    assert up_to in ids(journalist_api, "value_max=6000")
    assert up_to in ids(journalist_api, "value_min=5000")


def test_unit_matches_whatever_its_case(journalist_api):
    troops = factories.claim(unit="troops")
    factories.claim(unit="migrants")
    assert ids(journalist_api, "unit=Troops") == [troops.pk]


def test_hedge_filter(journalist_api, figures):
    assert ids(journalist_api, "hedge=more_than") == [figures["more_than_7000"].pk]


def test_status_is_repeatable(journalist_api):
    verified = factories.claim(status=Status.VERIFIED)
    disputed = factories.claim(status=Status.DISPUTED)
    factories.claim(status=Status.FALSE)
    found = ids(journalist_api, "status=verified&status=disputed")
    assert sorted(found) == sorted([verified.pk, disputed.pk])


def test_source_publisher_claimant_and_measure_filters(journalist_api):
    publisher = factories.publisher()
    source = factories.source(publisher=publisher)
    claimant = factories.claimant()
    measure = factories.measure()
    match = factories.claim(source=source, claimant=claimant, measure=measure)
    factories.claim()

    for query in (
        f"source={source.pk}",
        f"publisher={publisher.pk}",
        f"claimant={claimant.pk}",
        f"measure={measure.pk}",
    ):
        assert ids(journalist_api, query) == [match.pk], query


def test_tag_filter(journalist_api):
    border = Tag.objects.create(name="border")
    tagged = factories.claim(tags=[border])
    factories.claim()
    assert ids(journalist_api, "tag=border") == [tagged.pk]


def test_claim_date_bounds_are_inclusive(journalist_api):
    may = factories.claim(claim_date=datetime.date(2019, 5, 31))
    june = factories.claim(claim_date=datetime.date(2019, 6, 1))
    july = factories.claim(claim_date=datetime.date(2019, 7, 1))
    assert ids(journalist_api, "claim_date_after=2019-06-01") == [july.pk, june.pk]
    assert ids(journalist_api, "claim_date_before=2019-06-01") == [june.pk, may.pk]


def test_language_is_the_sources_and_covers_regional_variants(journalist_api):
    mexican = factories.claim(source=factories.source(language="es-MX"))
    spanish = factories.claim(source=factories.source(language="es"))
    factories.claim(source=factories.source(language="en"))
    factories.claim(source=factories.source(language="eu"))
    assert sorted(ids(journalist_api, "language=es")) == sorted([mexican.pk, spanish.pk])
    assert ids(journalist_api, "language=es-MX") == [mexican.pk]


def test_full_text_search_reads_quote_and_summary(journalist_api):
    troops = factories.claim(quote="up to 6,000 National Guard troops")
    summary = factories.claim(quote="80,500 people", summary="Deportations of migrants")
    factories.claim(quote="more than $800 a year", unit="USD")
    assert ids(journalist_api, "q=guard") == [troops.pk]
    assert ids(journalist_api, "q=deportations") == [summary.pk]


@pytest.mark.parametrize(
    "ordering, values",
    [
        ("value", [100, 4000, 5500, 6000, 7000]),
        ("-value", [7000, 6000, 5500, 4000, 100]),
    ],
)
def test_ordering_by_value(journalist_api, figures, ordering, values):
    rows = journalist_api.get(f"{CLAIMS}?ordering={ordering}").json()["results"]
    assert [Decimal(row["value"]) for row in rows] == values


def test_ordering_by_claim_date_and_created_at(journalist_api):
    older = factories.claim(claim_date=datetime.date(2018, 1, 1))
    newer = factories.claim(claim_date=datetime.date(2020, 1, 1))
    assert ids(journalist_api, "ordering=claim_date") == [older.pk, newer.pk]
    assert ids(journalist_api, "ordering=-claim_date") == [newer.pk, older.pk]
    assert ids(journalist_api, "ordering=created_at") == [older.pk, newer.pk]
    assert ids(journalist_api, "ordering=-created_at") == [newer.pk, older.pk]


@pytest.mark.parametrize("ordering", ["value", "-value", "claim_date", "-created_at"])
def test_cursor_pages_through_ties_without_skipping_or_repeating(journalist_api, ordering):
    source = factories.source()
    made = {factories.claim(source=source, value=Decimal(n % 3)).pk for n in range(11)}

    seen, url = [], f"{CLAIMS}?ordering={ordering}&page_size=2"
    while url:
        page = journalist_api.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]

    assert sorted(seen) == sorted(made)
    assert len(seen) == len(made)


def test_previous_link_returns_the_page_before(journalist_api):
    source = factories.source()
    for n in range(5):
        factories.claim(source=source, value=Decimal(n))
    first = journalist_api.get(f"{CLAIMS}?ordering=value&page_size=2").json()
    second = journalist_api.get(first["next"]).json()
    back = journalist_api.get(second["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in first["results"]]


def test_combined_filters_answer_a_journalists_question(journalist_api):
    """Troop figures since 2019, verified only, largest first."""
    measure = factories.measure(label="Troops on the US–Mexico border")
    small = factories.claim(
        measure=measure, value=Decimal(1500), status="verified", hedge=Hedge.EXACT
    )
    large = factories.claim(measure=measure, value=Decimal(6000), status="verified")
    factories.claim(measure=measure, value=Decimal(9000), status="disputed")
    before_2019 = datetime.date(2018, 1, 1)
    factories.claim(measure=measure, value=Decimal(8000), status="verified", claim_date=before_2019)
    query = f"measure={measure.pk}&claim_date_after=2019-01-01&status=verified&ordering=-value"
    assert ids(journalist_api, query) == [large.pk, small.pk]


BAD_QUERIES = [
    ("value_min=lots", "value_min"),
    ("value_min=NaN", "value_min"),
    ("value_max=Infinity", "value_max"),
    ("value_max=-Infinity", "value_max"),
    ("value_min=1e309", "value_min"),
    ("value_min=" + "9" * 1000, "value_min"),
    ("status=sorta", "status"),
    ("status=verified&status=sorta", "status"),
    ("hedge=roughly", "hedge"),
    ("claim_date_after=2019-13-01", "claim_date_after"),
    ("claim_date_before=2023-02-30", "claim_date_before"),
    ("claim_date_after=yesterday", "claim_date_after"),
    ("source=abc", "source"),
    ("source=424242", "source"),
    ("publisher=" + "9" * 25, "publisher"),
    ("language=Spanish", "language"),
    ("q=" + "x" * 501, "q"),
    ("ordering=id", "ordering"),
    ("ordering=quote", "ordering"),
    ("page_size=0", "page_size"),
    ("page_size=501", "page_size"),
    ("page_size=ten", "page_size"),
    ("cursor=bm90LWEtY3Vyc29y", "cursor"),
]


@pytest.mark.parametrize("query, field", BAD_QUERIES)
def test_unreadable_parameters_are_a_400_naming_them(journalist_api, claim, query, field):
    response = journalist_api.get(f"{CLAIMS}?{query}")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_each_filter_set_has_filters_of_its_own(journalist_api):
    from django.http import QueryDict

    from claims.api.filters import ClaimFilter
    from claims.models import Claim

    first = ClaimFilter(QueryDict("value_min=5000"), queryset=Claim.objects.all())
    second = ClaimFilter(QueryDict("value_min=7000"), queryset=Claim.objects.all())
    assert first.filters["value_min"] is not second.filters["value_min"]
    assert first.filters["value_min"].parent is first
    assert second.filters["value_min"].parent is second
    # A method filter calls its own filter set's method, not the class-level filter's.
    assert first.filters["value_min"].filter.f is first.filters["value_min"]
    assert ClaimFilter.base_filters["value_min"].filter.f is not first.filters["value_min"]
    assert first.is_valid() and second.is_valid()
    assert first.form.cleaned_data["value_min"] == 5000
    assert second.form.cleaned_data["value_min"] == 7000
