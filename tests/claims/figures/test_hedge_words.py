"""Each Spanish hedge phrase reads the way it bounds a figure: "como máximo" is at most, "como
mínimo" at least — the two differ by one word, so each is checked against its opposite."""

from decimal import Decimal

import pytest

from claims.figures.parsing import find_quantities
from claims.models import Hedge


def hedge_and_value(text: str):
    (quantity,) = find_quantities(text, "es")
    return quantity.hedge, quantity.value


@pytest.mark.parametrize(
    "text, hedge",
    [
        ("Llegarán como máximo 300 soldados.", Hedge.AT_MOST),
        ("Llegarán como mínimo 300 soldados.", Hedge.AT_LEAST),
        ("Llegarán a lo sumo 300 soldados.", Hedge.AT_MOST),
        ("Llegarán por lo menos 300 soldados.", Hedge.AT_LEAST),
        ("Llegarán hasta 300 soldados.", Hedge.AT_MOST),
        ("Llegarán al menos 300 soldados.", Hedge.AT_LEAST),
    ],
)
def test_spanish_upper_and_lower_bounds_are_not_swapped(text, hedge):
    assert hedge_and_value(text) == (hedge, Decimal(300))


def test_como_maximo_reads_with_a_spanish_thousands_separator():
    (quantity,) = find_quantities("El plan prevé como máximo 1.200 agentes.", "es")
    assert quantity.hedge == Hedge.AT_MOST
    assert quantity.value == Decimal(1200)
