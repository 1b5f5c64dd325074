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
        ("consistent_min=5000&consistent_max=6000", ["exactly_5500", "up_to_6000"]),
        (
            "consistent_max=6000",
            ["exactly_100", "exactly_5500", "range_4000_4500", "up_to_6000"],
        ),
        ("consistent_min=6000", ["more_than_7000", "up_to_6000"]),
        ("consistent_min=6500", ["more_than_7000"]),
        ("consistent_min=8000", ["more_than_7000"]),
        ("consistent_min=4400&consistent_max=4400", ["range_4000_4500", "up_to_6000"]),
        ("consistent_with=4400", ["range_4000_4500", "up_to_6000"]),
        ("consistent_max=50", ["up_to_6000"]),
        # "more than 7,000" is not 7,000 itself.
        ("consistent_with=7000", []),
        ("consistent_with=7001", ["more_than_7000"]),
    ],
)
def test_consistent_with_compares_the_hedge_implied_interval(
    journalist_api, figures, query, expected
):
    assert names(figures, ids(journalist_api, query)) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        # The figure as stated: "up to 6,000" is 6,000, "more than 7,000" is 7,000.
        ("value_min=5000&value_max=6000", ["exactly_5500", "up_to_6000"]),
        ("value_min=6000", ["more_than_7000", "up_to_6000"]),
        ("value_min=6500", ["more_than_7000"]),
        ("value_max=5000", ["exactly_100", "range_4000_4500"]),
        ("value_max=50", []),
        # A range lies within the bounds only as a whole.
        ("value_min=4000&value_max=4400", []),
        ("value_min=4000&value_max=4500", ["range_4000_4500"]),
    ],
)
def test_value_range_filters_the_figure_as_stated(journalist_api, figures, query, expected):
    assert names(figures, ids(journalist_api, query)) == expected


def test_consistent_with_5200_is_up_to_6000_and_not_more_than_6000(journalist_api):
    up_to = figure(6000, Hedge.AT_MOST, unit="National Guard troops")
    figure(6000, Hedge.MORE_THAN, unit="troops")
    assert ids(journalist_api, "consistent_with=5200") == [up_to.pk]
    assert ids(journalist_api, "consistent_with=5200&unit=troops") == [up_to.pk]
    assert ids(journalist_api, "value_min=5000&value_max=5500") == []


def test_unit_matches_whatever_its_case(journalist_api):
    troops = factories.claim(unit="troops")
    factories.claim(unit="migrants")
    assert ids(journalist_api, "unit=Troops") == [troops.pk]


def test_unit_is_the_whole_family_in_english_and_spanish(journalist_api):
    found = {
        unit: factories.claim(unit=unit).pk
        for unit in [
            "National Guard troops",
            "active duty troops",
            "soldiers",
            "efectivos de la Guardia Nacional",
            "elementos",
        ]
    }
    factories.claim(unit="migrants")
    factories.claim(unit="deaths")
    assert sorted(ids(journalist_api, "unit=troops")) == sorted(found.values())
    assert sorted(ids(journalist_api, "unit=personnel")) == sorted(found.values())
    assert ids(journalist_api, "unit_exact=SOLDIERS") == [found["soldiers"]]


def test_an_unknown_unit_word_matches_its_folded_spellings(journalist_api):
    vehicles = factories.claim(unit="Vehicles")
    vehicle = factories.claim(unit="vehicle")
    factories.claim(unit="trucks")
    assert sorted(ids(journalist_api, "unit=vehicles")) == sorted([vehicles.pk, vehicle.pk])


def test_money_compares_only_within_its_currency(journalist_api):
    dollars = figure(800, unit="USD", currency="USD")
    figure(800, unit="pesos", currency="MXN")
    assert ids(journalist_api, "unit=USD&value_min=500") == [dollars.pk]


def test_rates_compare_per_period(journalist_api):
    yearly = figure(800, Hedge.MORE_THAN, unit="USD", currency="USD", rate_period="year")
    figure(800, unit="USD", currency="USD")  # a one-off total is not a rate
    figure(70, unit="USD", currency="USD", rate_period="day")  # 2,100 a month
    query = "unit=USD&per=month&value_min=60&value_max=70"
    assert ids(journalist_api, query) == [yearly.pk]
    assert ids(journalist_api, "unit=USD&per=year&value_max=800") == [yearly.pk]


def test_bounds_are_read_in_the_unit_asked_for(journalist_api):
    five_km = figure(5, unit="km")
    figure(5, unit="miles")  # 8 km
    assert ids(journalist_api, "unit=miles&value_max=4") == [five_km.pk]
    assert ids(journalist_api, "unit=km&value_min=6&ordering=value_normalised") != [five_km.pk]


def test_ordering_by_the_normalised_value(journalist_api):
    metres = figure(3000, unit="metres")
    miles = figure(2, unit="miles")  # 3,218 m
    km = figure(1, unit="km")
    assert ids(journalist_api, "unit=km&ordering=value_normalised") == [km.pk, metres.pk, miles.pk]
    assert ids(journalist_api, "unit=km&ordering=-value_normalised") == [
        miles.pk,
        metres.pk,
        km.pk,
    ]


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


# The parameter a 400 must name, for each way a reader can ask what the API cannot answer.
BAD_QUERIES = [
    ("value_min=lots", "value_min"),
    ("value_min=NaN", "value_min"),
    ("value_max=Infinity", "value_max"),
    ("value_max=-Infinity", "value_max"),
    ("value_min=1e309", "value_min"),
    ("value_min=1e-16384", "value_min"),
    ("value_min=-1e131072", "value_min"),
    ("consistent_with=1e-16384", "consistent_with"),
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
    # Unknown parameters: misspelt, or Django lookups the API does not take.
    ("value_minimum=5000", "value_minimum"),
    ("unit__icontains=troops", "unit__icontains"),
    ("units=troops", "units"),
    ("unit=troops&foo=1", "foo"),
    # Reversed ranges.
    ("value_min=3000&value_max=1000", "value_max"),
    ("consistent_min=3000&consistent_max=1000", "consistent_max"),
    ("claim_date_after=2020-01-01&claim_date_before=2019-01-01", "claim_date_before"),
    # Questions that need another parameter to mean anything.
    ("per=month&value_min=60", "per"),
    ("per=fortnight&unit=USD", "per"),
]


@pytest.mark.parametrize("query, field", BAD_QUERIES)
def test_unreadable_parameters_are_a_400_naming_them(journalist_api, claim, query, field):
    response = journalist_api.get(f"{CLAIMS}?{query}")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_an_unknown_parameter_suggests_the_one_meant(journalist_api, claim):
    message = journalist_api.get(f"{CLAIMS}?value_minimum=5000").json()["value_minimum"][0]
    assert "Did you mean 'value_min'?" in message


def test_a_reversed_range_names_both_ends(journalist_api, claim):
    message = journalist_api.get(f"{CLAIMS}?value_min=3000&value_max=1000").json()["value_max"][0]
    assert "value_min" in message and "3000" in message


def test_the_detail_refuses_unknown_parameters_too(journalist_api, claim):
    assert journalist_api.get(f"{CLAIMS}{claim.pk}/?format=json").status_code == 200
    assert journalist_api.get(f"{CLAIMS}{claim.pk}/?fields=id").status_code == 400


def test_a_retraction_may_still_carry_its_reason_in_the_query(editor_api, claim):
    response = editor_api.delete(f"{CLAIMS}{claim.pk}/?reason=withdrawn", HTTP_IF_MATCH=claim.etag)
    assert response.status_code == 200, response.content


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


def test_about_a_figure_is_consistent_with_what_is_within_the_tolerance(journalist_api, settings):
    settings.FACTDB_APPROX_TOLERANCE = 0.10
    about = figure(800000, Hedge.APPROX, unit="people")
    assert ids(journalist_api, "consistent_with=750000") == [about.pk]  # 720,000 to 880,000
    assert ids(journalist_api, "consistent_with=700000") == []
    assert ids(journalist_api, "unit=people&consistent_min=870000&consistent_max=2000000") == [
        about.pk
    ]
    assert ids(journalist_api, "consistent_min=900000") == []
    assert ids(journalist_api, "value_min=750000&value_max=790000") == []  # as stated: 800,000
