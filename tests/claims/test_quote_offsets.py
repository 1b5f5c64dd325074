"""A claim's offsets must cover its quote exactly: not one character short, not one too many."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim, Hedge
from tests import factories

QUOTE = "up to 6,000 National Guard troops"


@pytest.fixture
def source(db):
    return factories.source()


def claim_at(source, start, end):
    return Claim(
        source=source,
        quote=QUOTE,
        quote_start=start,
        quote_end=end,
        value=6000,
        hedge=Hedge.AT_MOST,
        unit="troops",
    )


@pytest.mark.parametrize(
    "start_shift, end_shift",
    [(0, -1), (0, +1), (+1, 0), (-1, 0), (+1, +1)],
    ids=["end one short", "end one long", "start one late", "start one early", "shifted by one"],
)
def test_offsets_off_by_one_are_refused(source, start_shift, end_shift):
    start = source.text.index(QUOTE)
    claim = claim_at(source, start + start_shift, start + len(QUOTE) + end_shift)
    with pytest.raises(ValidationError) as refused:
        claim.full_clean()
    assert "not the quote" in str(refused.value)


def test_offsets_that_cover_the_quote_exactly_are_accepted(source):
    start = source.text.index(QUOTE)
    claim_at(source, start, start + len(QUOTE)).full_clean()
