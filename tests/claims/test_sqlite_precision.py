"""SQLite keeps 15 significant digits of a figure, so there a longer one is refused rather than
rounded, or stored where it cannot be read back; PostgreSQL's numeric keeps every digit.

CI runs these on both databases; each test states what the database it runs on must do.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from claims.models import Claim, Hedge, significant_digits

ON_SQLITE = connection.vendor == "sqlite"

# 1E+18 quantized to six places overflows the column on SQLite: every read of it would raise.
UNREADABLE_ON_SQLITE = Decimal("999999999999999999")
ROUNDED_ON_SQLITE = [
    UNREADABLE_ON_SQLITE,
    Decimal("123456789012345678"),
    Decimal("123456789012.123456"),
]
FIFTEEN_DIGITS = [Decimal("999999999999999"), Decimal("123456789.012345"), Decimal("-0.123456")]


def unsaved_claim(source, value, **fields):
    return Claim(source=source, quote="a figure", value=value, unit="USD", currency="USD", **fields)


@pytest.mark.parametrize(
    "value, digits",
    [("6000.000000", 1), ("1234567.123456", 13), ("999999999999999999", 18), ("0", 1)],
)
def test_significant_digits_ignore_trailing_zeros(value, digits):
    assert significant_digits(Decimal(value)) == digits


@pytest.mark.parametrize("value", ROUNDED_ON_SQLITE, ids=str)
def test_a_figure_longer_than_sqlite_keeps_is_refused_there_and_kept_exactly_elsewhere(
    source, value
):
    claim = unsaved_claim(source, value)
    if ON_SQLITE:
        with pytest.raises(ValidationError) as error:
            claim.full_clean()
        digits = significant_digits(value)
        assert error.value.message_dict["value"] == [
            f"SQLite keeps 15 significant digits; this figure has {digits}. "
            "Round it, or run factdb on PostgreSQL."
        ]
    else:
        claim.full_clean()
        claim.save()
        assert Claim.objects.get(pk=claim.pk).value == value


@pytest.mark.parametrize("value", FIFTEEN_DIGITS, ids=str)
def test_fifteen_significant_digits_round_trip_exactly(source, value):
    claim = unsaved_claim(source, value)
    claim.full_clean()
    claim.save()
    assert Claim.objects.get(pk=claim.pk).value == value


def test_a_range_bound_longer_than_sqlite_keeps_is_refused_there_by_name(source):
    claim = unsaved_claim(
        source,
        Decimal(1),
        hedge=Hedge.RANGE,
        value_low=Decimal(1),
        value_high=UNREADABLE_ON_SQLITE,
    )
    if ON_SQLITE:
        with pytest.raises(ValidationError) as error:
            claim.full_clean()
        assert set(error.value.message_dict) == {"value_high"}
    else:
        claim.full_clean()


def test_the_api_answers_400_naming_the_value_on_sqlite_and_keeps_it_exactly_elsewhere(
    token_api, editor, source
):
    body = {"source": source.pk, "quote": "a figure", "value": str(UNREADABLE_ON_SQLITE)}
    response = token_api(editor).post("/api/v1/claims/", {**body, "unit": "USD"}, format="json")
    if ON_SQLITE:
        assert response.status_code == 400, response.content[:300]
        assert "15 significant digits" in response.json()["value"][0], response.json()
        assert not Claim.objects.exists()
    else:
        assert response.status_code == 201, response.content[:300]
        assert Claim.objects.get().value == UNREADABLE_ON_SQLITE
