"""The hedges a figure can carry, and the interval each implies. No Django.

A hedge says how the stated figure bounds the truth; the interval is what comparisons and the
API's value filters use ("up to 6,000" can be consistent with 5,200; "more than 6,000" cannot)::

    "6,000 troops"                   EXACT      implied_interval(6000, EXACT)     == (6000, 6000)
    "about 6,500"                    APPROX     implied_interval(6500, APPROX)    == (6500, 6500)
                                                ... with tolerance=Decimal("0.1") == (5850, 7150)
    "at least 17", "more than 800"   AT_LEAST, MORE_THAN                          == (v, None)
    "up to 6,000", "fewer than 50"   AT_MOST, LESS_THAN                           == (None, v)
    "between 5,000 and 6,000"        RANGE      the stated ends                   == (5000, 6000)
    "thousands of"                   VAGUE      the stated ends                   == (1000, 10000)

None is an open end. Whether an end is strict ("more than" excludes the value itself) is
:func:`is_strict`; the interval does not carry it.
"""

from __future__ import annotations

from decimal import Decimal

EXACT = "exact"
APPROX = "approx"
AT_LEAST = "at_least"
MORE_THAN = "more_than"
AT_MOST = "at_most"
LESS_THAN = "less_than"
RANGE = "range"
VAGUE = "vague"
HEDGES = (EXACT, APPROX, AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN, RANGE, VAGUE)

# Hedges whose interval is stated in the copy (both ends), not implied by the value.
STATED_BOUNDS = frozenset({RANGE, VAGUE})
LOWER_BOUNDS = frozenset({AT_LEAST, MORE_THAN})
UPPER_BOUNDS = frozenset({AT_MOST, LESS_THAN})


def implied_interval(value, hedge, low=None, high=None, *, tolerance: Decimal | None = None):
    """(low, high) that `value` with `hedge` implies; ranges and vague amounts keep `low`, `high`.

    An approximate figure is its stated value; with `tolerance` (a share, e.g. 0.1) it is widened
    to value ± |value| × tolerance, which is how claims on one measure are compared.
    """
    if hedge in STATED_BOUNDS:
        return low, high
    if hedge in LOWER_BOUNDS:
        return value, None
    if hedge in UPPER_BOUNDS:
        return None, value
    if hedge == APPROX and tolerance and value is not None:
        slack = abs(value) * tolerance
        return value - slack, value + slack
    return value, value


def is_strict(hedge) -> bool:
    """ "more than 800" and "less than 50" exclude the figure itself; "at least 17" includes it."""
    return hedge in (MORE_THAN, LESS_THAN)
