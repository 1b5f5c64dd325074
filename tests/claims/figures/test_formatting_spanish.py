"""format_figure in Spanish: hedges read in Spanish, numbers as the region writes them (issue 20).

The units here are written for these tests, not taken from any article."""

from decimal import Decimal as D

import pytest

from claims.figures.formatting import format_figure
from claims.figures.hedges import APPROX, AT_LEAST, AT_MOST, EXACT, MORE_THAN, RANGE, VAGUE

MEXICAN = [
    (
        (6000, AT_MOST, "elementos de la Guardia Nacional"),
        {},
        "hasta 6,000 elementos de la Guardia Nacional",
    ),
    ((800, MORE_THAN, "USD"), {"per": "year"}, "más de 800 dólares al año"),
    ((D("13.6"), EXACT, "USD"), {}, "13.60 dólares"),
    ((D("1500000"), EXACT, "personas"), {}, "1.5 millones de personas"),
    ((D("2000000"), EXACT, "USD"), {}, "2 millones de dólares"),
    ((6500, APPROX, "soldados"), {}, "alrededor de 6,500 soldados"),
    ((15, AT_LEAST, "niños"), {}, "al menos 15 niños"),
    ((5000, RANGE, "elementos"), {"low": 5000, "high": 6000}, "entre 5,000 y 6,000 elementos"),
    ((1000, VAGUE, "migrantes"), {"low": 1000, "high": 10000}, "miles de migrantes"),
    ((33, EXACT, "percent"), {}, "33%"),
    ((40, EXACT, "horas"), {"per": "week"}, "40 horas a la semana"),
]


@pytest.mark.parametrize(("args", "kwargs", "expected"), MEXICAN, ids=[e for *_, e in MEXICAN])
def test_mexican_spanish_reads_hedges_in_spanish_and_groups_with_a_comma(args, kwargs, expected):
    assert format_figure(*args, **kwargs, language="es-MX") == expected


def test_spain_groups_thousands_with_a_point_and_writes_a_decimal_comma():
    assert format_figure(6000, AT_MOST, "elementos", language="es-ES") == "hasta 6.000 elementos"
    assert format_figure(D("1500000"), EXACT, "personas", language="es-ES") == (
        "1,5 millones de personas"
    )


def test_english_is_unchanged_by_the_spanish_rules():
    assert format_figure(800, MORE_THAN, "USD", per="year") == "more than $800 a year"
    assert format_figure(6000, AT_MOST, "troops", language="en") == "up to 6,000 troops"
