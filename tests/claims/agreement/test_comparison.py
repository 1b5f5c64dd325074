"""Agreement on a measure: hedge-aware interval overlap, cumulative growth, the currency rule."""

import datetime
from decimal import Decimal

import pytest

from claims.agreement.comparison import Verdict, assess, assess_measure, conflicting_ids
from claims.models import Claim, Hedge, Status
from claims.selectors import claims_in_conflict
from tests import factories
from tests.claims.agreement.samples import random_claims

JUNE = datetime.date(2019, 6, 10)


def on(measure, value, hedge=Hedge.EXACT, unit="National Guard troops", **fields):
    fields.setdefault("claim_date", JUNE)
    return factories.claim(
        measure=measure,
        value=Decimal(value),
        hedge=hedge,
        unit=unit,
        quote=f"{hedge} {value} {unit}",
        **fields,
    )


@pytest.fixture
def deployment(db):
    """The issue's example: four reports of one National Guard deployment."""
    measure = factories.measure(label="Mexican National Guard troops deployed, 2019")
    return measure, {
        "up to 6,000": on(measure, "6000", Hedge.AT_MOST),
        "6,000": on(measure, "6000"),
        "approximately 6,500": on(measure, "6500", Hedge.APPROX),
        "more than 6,000": on(measure, "6000", Hedge.MORE_THAN),
    }


def verdicts(assessment, claims):
    names = {c.pk: name for name, c in claims.items()}
    return {frozenset((names[p.a], names[p.b])): p.verdict for p in assessment.pairs}


def test_the_deployment_example_agrees_and_conflicts_as_documented(deployment):
    measure, claims = deployment
    table = verdicts(assess_measure(measure), claims)
    expected = {
        ("up to 6,000", "6,000"): Verdict.AGREE,  # they meet at exactly 6,000
        ("up to 6,000", "approximately 6,500"): Verdict.AGREE,  # 5,850 to 6,000 is common ground
        ("up to 6,000", "more than 6,000"): Verdict.CONFLICT,
        ("6,000", "approximately 6,500"): Verdict.AGREE,  # 6,000 is within 10% of 6,500
        ("6,000", "more than 6,000"): Verdict.CONFLICT,  # "more than" excludes 6,000 itself
        ("approximately 6,500", "more than 6,000"): Verdict.AGREE,
    }
    assert table == {frozenset(pair): verdict for pair, verdict in expected.items()}


def test_the_deployment_example_marks_each_claim(deployment):
    measure, claims = deployment
    marks = assess_measure(measure).marks
    assert marks[claims["more than 6,000"].pk].conflicts_with == sorted(
        [claims["up to 6,000"].pk, claims["6,000"].pk]
    )
    assert marks[claims["approximately 6,500"].pk].state == "agree"
    assert marks[claims["6,000"].pk].state == "conflict"


def test_a_conflict_says_why(deployment):
    measure, claims = deployment
    pair = next(
        p
        for p in assess_measure(measure).pairs
        if {p.a, p.b} == {claims["up to 6,000"].pk, claims["more than 6,000"].pk}
    )
    assert "at most 6,000" in pair.reason and "more than 6,000" in pair.reason


def test_a_tighter_tolerance_turns_approximately_6500_against_6000(deployment, settings):
    measure, claims = deployment
    settings.FACTDB_APPROX_TOLERANCE = 0.05  # 6,175 to 6,825 no longer reaches 6,000
    table = verdicts(assess_measure(measure), claims)
    assert table[frozenset(("6,000", "approximately 6,500"))] == Verdict.CONFLICT
    assert table[frozenset(("approximately 6,500", "more than 6,000"))] == Verdict.AGREE


def test_the_queryset_lists_the_claims_in_conflict(deployment):
    _, claims = deployment
    in_conflict = set(claims_in_conflict(Claim.objects.all()).values_list("pk", flat=True))
    assert in_conflict == {c.pk for n, c in claims.items() if n != "approximately 6,500"}


def test_a_retracted_claim_conflicts_with_nothing(deployment):
    _, claims = deployment
    retracted = claims["more than 6,000"]
    retracted.status = Status.RETRACTED
    retracted.save()
    assert not claims_in_conflict(Claim.objects.all()).exists()


def test_the_conflict_filter_keeps_the_other_filters(deployment):
    _, claims = deployment
    mine = claims_in_conflict(Claim.objects.filter(hedge=Hedge.AT_MOST))
    assert list(mine) == [claims["up to 6,000"]]


def test_a_cumulative_total_that_goes_down_is_flagged(db):
    deported = factories.measure(label="Migrants deported since December", cumulative=True)
    since = datetime.date(2018, 12, 1)
    march = on(
        deported,
        "40000",
        unit="migrants deported",
        claim_date=datetime.date(2019, 3, 1),
        period_start=since,
    )
    may = on(
        deported,
        "80500",
        unit="migrants deported",
        claim_date=datetime.date(2019, 5, 1),
        period_start=since,
    )
    june = on(
        deported,
        "60000",
        Hedge.AT_MOST,
        unit="migrants deported",
        claim_date=datetime.date(2019, 6, 1),
        period_start=since,
    )
    result = assess_measure(deported)
    marks = result.marks
    assert marks[march.pk].conflicts_with == []  # growing from 40,000 to 80,500 is expected
    assert marks[june.pk].conflicts_with == [may.pk]
    assert marks[june.pk].flags == [
        f"lower than claim #{may.pk} of 2019-05-01, but this measure is a running total"
    ]
    assert marks[may.pk].flags == []
    assert set(claims_in_conflict(Claim.objects.all()).values_list("pk", flat=True)) == {
        may.pk,
        june.pk,
    }


def test_a_cumulative_total_compares_like_any_figure_on_the_same_day(db):
    deported = factories.measure(label="Deportations to date", cumulative=True)
    a = on(deported, "80500", unit="deportations")
    b = on(deported, "90000", unit="deportations")
    assert assess_measure(deported).marks[a.pk].conflicts_with == [b.pk]


def test_different_currencies_are_incomparable_never_a_conflict(db):
    cost = factories.measure(label="Cost of the wall")
    usd = on(cost, "100", unit="USD", currency="USD")
    mxn = on(cost, "2000", unit="MXN", currency="MXN")
    (pair,) = assess_measure(cost).pairs
    assert pair.verdict == Verdict.INCOMPARABLE
    assert "USD and MXN" in pair.reason
    assert not claims_in_conflict(Claim.objects.all()).filter(pk__in=[usd.pk, mxn.pk]).exists()


def test_a_yearly_and_a_monthly_rate_agree_within_rounding(db):
    fee = factories.measure(label="Asylum fee")
    on(fee, "800", unit="USD", currency="USD", rate_period="year")
    on(fee, "66.67", unit="USD", currency="USD", rate_period="month")
    (pair,) = assess_measure(fee).pairs
    assert pair.verdict == Verdict.AGREE


def test_a_monthly_rate_off_by_more_than_rounding_conflicts(db):
    fee = factories.measure(label="Asylum fee, again")
    on(fee, "800", unit="USD", currency="USD", rate_period="year")
    # 66.9 stands for 66.85 to 66.95 a month: 802.20 to 803.40 a year, clear of 800.
    on(fee, "66.9", unit="USD", currency="USD", rate_period="month")
    (pair,) = assess_measure(fee).pairs
    assert pair.verdict == Verdict.CONFLICT


def test_claims_for_different_stated_periods_are_incomparable(db):
    measure = factories.measure(label="Troops deployed")
    on(
        measure,
        "6000",
        period_start=datetime.date(2019, 6, 1),
        period_end=datetime.date(2019, 6, 30),
    )
    on(
        measure,
        "2000",
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 1, 31),
    )
    (pair,) = assess_measure(measure).pairs
    assert pair.verdict == Verdict.INCOMPARABLE
    assert "different periods" in pair.reason


def test_vague_figures_use_their_stored_ends(db):
    measure = factories.measure(label="Migrants waiting")
    on(
        measure,
        "10000",
        Hedge.VAGUE,
        unit="migrants",
        value_low=Decimal(10000),
        value_high=Decimal(100000),
    )
    on(measure, "5000", unit="migrants")
    (pair,) = assess_measure(measure).pairs
    assert pair.verdict == Verdict.CONFLICT


@pytest.mark.parametrize("cumulative", [False, True])
def test_the_fast_conflict_check_matches_the_pairwise_table(db, cumulative):
    claims = random_claims(60, 9)
    assert (
        conflicting_ids(claims, cumulative=cumulative)
        == assess(claims, cumulative=cumulative).conflicting_ids
    )


def test_less_than_excludes_the_stated_value_where_at_most_includes_it(db):
    # "less than 6,000" cannot be exactly 6,000; "at most 6,000" can.
    measure = factories.measure(label="Troops")
    claims = {
        "less than 6,000": on(measure, "6000", Hedge.LESS_THAN),
        "at most 6,000": on(measure, "6000", Hedge.AT_MOST),
        "6,000": on(measure, "6000"),
    }
    table = verdicts(assess_measure(measure), claims)
    assert table[frozenset(("less than 6,000", "6,000"))] == Verdict.CONFLICT
    assert table[frozenset(("at most 6,000", "6,000"))] == Verdict.AGREE
    assert table[frozenset(("less than 6,000", "at most 6,000"))] == Verdict.AGREE
    fast = conflicting_ids(list(claims.values()))
    assert fast == {claims["less than 6,000"].pk, claims["6,000"].pk}


def test_a_conflict_says_why_in_spanish_as_one_sentence(deployment):
    from django.utils import translation

    measure, claims = deployment
    with translation.override("es"):
        pair = next(
            p
            for p in assess_measure(measure).pairs
            if {p.a, p.b} == {claims["up to 6,000"].pk, claims["more than 6,000"].pk}
        )
    assert "como máximo 6,000" in pair.reason and "más de 6,000" in pair.reason
    assert "no pueden ser ciertas a la vez" in pair.reason
    assert "hasta 6,000" in pair.reason  # the figure itself, in Spanish
    assert " and " not in pair.reason and "cannot" not in pair.reason
