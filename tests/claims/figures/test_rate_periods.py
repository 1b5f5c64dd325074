"""Rates compare per year: a quarter is three months, a month a twelfth of a year."""

from decimal import Decimal

import pytest

from claims.figures.units import comparable, normalise


@pytest.mark.parametrize(
    "per, times_a_year",
    [("year", 1), ("quarter", 4), ("month", 12), ("week", Decimal("365.25") / 7)],
)
def test_a_rate_scales_to_a_year(per, times_a_year):
    yearly = normalise(Decimal(100), "USD", "USD", per).magnitude
    assert yearly.quantize(Decimal("0.01")) == (100 * Decimal(times_a_year)).quantize(
        Decimal("0.01")
    )


def test_250_a_quarter_is_1000_a_year_not_750():
    quarterly = normalise(Decimal(250), "USD", "USD", "quarter")
    yearly = normalise(Decimal(1000), "USD", "USD", "year")
    assert comparable(quarterly, yearly)
    assert quarterly.magnitude == yearly.magnitude == Decimal(1000)


def test_three_months_of_a_monthly_rate_make_a_quarter():
    monthly = normalise(Decimal(100), "USD", "USD", "month").magnitude
    quarterly = normalise(Decimal(300), "USD", "USD", "quarter").magnitude
    assert monthly == quarterly
