"""A large measure is assessed without every pair, and reaches the same verdicts as the full table.

The full table (``assess`` under its limit) is the reference: on random claims, with periods and
other units mixed in, on measures that are running totals and measures that are not, the large
assessment must give every claim the same state and the same exact counts, list only claims that
really agree, conflict or cannot be compared with it, and list every conflict when there are few.
"""

import pytest

from claims.agreement import comparison as large
from claims.agreement.comparison import Verdict, assess, compare, figure_of
from tests.claims.agreement.samples import random_claims


@pytest.fixture
def full_table_up_to(monkeypatch):
    def set_limit(limit):
        monkeypatch.setattr(large, "FULL_TABLE_LIMIT", limit)

    return set_limit


@pytest.mark.parametrize("cumulative", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_large_measure_reaches_the_full_tables_verdicts(full_table_up_to, cumulative, seed):
    claims = random_claims(120, seed)
    full = assess(list(claims), cumulative=cumulative)
    full_table_up_to(50)
    counted = assess(list(claims), cumulative=cumulative)
    assert full.complete and not counted.complete
    for claim_id, mark in full.marks.items():
        fast = counted.marks[claim_id]
        assert fast.state == mark.state, claim_id
        for kind in ("agrees", "conflicts", "incomparable"):
            assert fast.count(kind) == len(getattr(mark, f"{kind}_with")), (claim_id, kind)
            listed = getattr(fast, f"{kind}_with")
            assert len(listed) <= large.LISTED
            assert set(listed) <= set(getattr(mark, f"{kind}_with")), (claim_id, kind)
        if len(mark.conflicts_with) <= large.LISTED:
            assert sorted(fast.conflicts_with) == sorted(mark.conflicts_with)
    # The pairs kept are conflicts the full table has too.
    reasons = {frozenset((p.a, p.b)): p for p in full.pairs if p.verdict == Verdict.CONFLICT}
    assert counted.pairs and len(counted.pairs) <= large.LISTED_PAIRS
    for pair in counted.pairs:
        assert pair.verdict == Verdict.CONFLICT
        assert frozenset((pair.a, pair.b)) in reasons


def test_a_large_assessment_stays_small():
    claims = random_claims(2000, 9)
    counted = assess(claims)
    assert not counted.complete
    assert len(counted.pairs) <= large.LISTED_PAIRS
    listed = sum(
        len(m.agrees_with) + len(m.conflicts_with) + len(m.incomparable_with)
        for m in counted.marks.values()
    )
    assert listed <= 3 * large.LISTED * len(claims)
    assert sum(m.count("agrees") for m in counted.marks.values()) > 100 * len(claims)


def test_conflict_checks_match_compare_one_pair_at_a_time():
    claims = random_claims(60, 4)
    for cumulative in (False, True):
        figures = [figure_of(c, cumulative=cumulative) for c in claims]
        for a in figures:
            for b in figures:
                if a.key == b.key and a is not b:
                    expected = compare(a, b, cumulative=cumulative).verdict == Verdict.CONFLICT
                    if not (a.period and b.period and a.period != b.period):
                        assert large._in_conflict(a, b, cumulative) == expected
