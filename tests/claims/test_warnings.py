"""The claim form's sanity checks: each warns, none refuses (claims/warnings.py)."""

import datetime
from decimal import Decimal

import pytest

from claims.warnings import claim_warnings, quote_in_text, value_in_quote
from tests import factories

QUOTE = "up to 6,000 National Guard troops"
TODAY = datetime.date(2026, 12, 1)


def codes(**fields):
    fields.setdefault("quote", QUOTE)
    fields.setdefault("value", Decimal("6000"))
    fields.setdefault("unit", "National Guard troops")
    fields.setdefault("claim_date", datetime.date(2019, 6, 10))
    return [w.code for w in claim_warnings(today=TODAY, **fields)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, []),
        ({"value": Decimal("7000")}, ["value_not_in_quote"]),
        ({"quote": "up to 6,000 soldiers"}, ["quote_not_in_source"]),
        ({"claim_date": datetime.date(2027, 1, 1)}, ["claim_date_in_future"]),
        ({"claim_date": datetime.date(2019, 6, 9)}, ["claim_date_before_source"]),
        ({"claim_date": None}, []),
    ],
)
def test_each_check_warns_about_its_own_field(source, change, expected):
    assert codes(source=source, **change) == expected


def test_the_same_figure_and_quote_on_the_source_is_a_duplicate(source):
    first = factories.claim(source=source, quote=QUOTE)
    found = claim_warnings(
        quote=QUOTE, source=source, value=Decimal(6000), unit="national guard troops", today=TODAY
    )
    assert [(w.code, w.claim_ids) for w in found] == [("duplicate", (first.pk,))]
    # The claim itself, being edited, is no duplicate of itself.
    assert codes(source=source, claim_id=first.pk) == []
    # Nor is the same words on another source.
    assert codes(source=factories.source()) == []


def test_a_source_without_a_text_snapshot_is_not_a_reason_to_warn(db):
    assert codes(source=factories.source(text=""), quote="words nobody can check: 6,000") == []


@pytest.mark.parametrize(
    ("value", "quote", "stated"),
    [
        ("6000", "up to 6,000 National Guard troops", True),
        ("6000", "hasta 6 mil elementos de la Guardia Nacional", True),
        ("1000", "between 1,000 and 3,000 migrants", True),
        ("3000", "between 1,000 and 3,000 migrants", True),
        ("2000", "between 1,000 and 3,000 migrants", False),
        ("800", "more than $800 a year", True),
        ("2019", "by the end of 2019 nearly 800,000 people", True),
        ("80500", "deported 80,500 migrants", True),
        ("8050", "deported 80,500 migrants", False),
    ],
)
def test_a_value_is_in_the_quote_when_the_quote_states_it(value, quote, stated):
    language = "es" if "elementos" in quote else "en"
    assert value_in_quote(Decimal(value), quote, language) is stated


def test_white_space_in_a_pasted_quote_does_not_hide_it_in_the_text():
    assert quote_in_text("up to\n6,000  troops", "Mexico sends up to 6,000 troops south.")
    assert not quote_in_text("up to 7,000 troops", "Mexico sends up to 6,000 troops south.")
