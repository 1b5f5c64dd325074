"""Agreement on a measure with many claims: the verdicts of ``assess``, without every pair.

``assess`` compares every pair, which is right for the tens of claims a measure usually holds;
at 1,000 claims it made 500,000 pairs with a reason each (the measure page: 60 MB, 3.8 s, and the
API sent them all). Past ``FULL_TABLE_LIMIT`` claims, ``assess_many`` instead counts each claim's
conflicts from sorted interval ends (O(n log n) per pool of comparable claims, plus sorted
inserts), derives its agreements and incomparable claims from those counts, and *lists* at most
``LISTED`` of each: the conflicts exactly, the others as found by a scan of bounded length. The
pair table keeps conflicts only, at most ``LISTED_PAIRS`` of them, each with its reason. The
assessment says it is not complete, and every mark carries its exact counts.

The rules are the module ``comparison``'s: claims compare within a unit key, a stated period
compares with the same period or none, and on a running total (cumulative) a later claim
conflicts only when it lies entirely below an earlier one. So X conflicts with Y exactly when
Y, dated on or before X, lies entirely above X, or Y, dated on or after X, lies entirely below it
(on a measure that is not cumulative every claim counts as the same date).
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from claims.agreement.comparison import Assessment, Figure, Mark, Verdict, compare

FULL_TABLE_LIMIT = 150
LISTED = 20
LISTED_PAIRS = 200
SCAN = 50 * LISTED
_AFTER_ANY_ID = float("inf")


def assess_many(figures: list[Figure], *, cumulative: bool) -> Assessment:
    by_id = {f.claim_id: f for f in figures}
    marks = {f.claim_id: Mark(f.claim_id) for f in figures}
    by_key = defaultdict(list)
    for f in figures:
        by_key[f.key].append(f)
    for key, group in by_key.items():
        others = [f.claim_id for f in figures if f.key != key][:LISTED]
        _assess_group(group, others, len(figures), marks, by_id, cumulative)
    return Assessment(figures, _conflict_pairs(marks, by_id, cumulative), marks, complete=False)


def _assess_group(group, other_keys, total, marks, by_id, cumulative) -> None:
    pools = defaultdict(list)
    for f in group:
        pools[f.period].append(f)
    above, below = {}, {}  # claim id -> (count, first ids) per pool, summed below
    for period, members in pools.items():
        asking = group if period is None else [f for f in group if f.period in (None, period)]
        for claim_id, found in _entirely_above(members, asking, cumulative).items():
            above.setdefault(claim_id, []).append(found)
        for claim_id, found in _entirely_below(members, asking, cumulative).items():
            below.setdefault(claim_id, []).append(found)
    stated = [f for f in group if f.period is not None]
    for f in group:
        relevant = (
            list(pools.values()) if f.period is None else [pools[f.period], pools.get(None, [])]
        )
        comparable = sum(len(pool) for pool in relevant)
        found = above.get(f.claim_id, []) + below.get(f.claim_id, [])
        conflicts = sum(count for count, _ in found)
        mark = marks[f.claim_id]
        mark.conflicts_with = sorted({i for _, ids in found for i in ids})[:LISTED]
        mark.conflicts_count = conflicts
        mark.agrees_count = comparable - conflicts - 1
        mark.agrees_with = _agreeing(f, relevant, cumulative)
        elsewhere = [] if f.period is None else [g.claim_id for g in stated if g.period != f.period]
        mark.incomparable_with = (other_keys + elsewhere[:LISTED])[:LISTED]
        mark.incomparable_count = total - comparable
        if cumulative:
            for _, ids in above.get(f.claim_id, []):
                for earlier in (by_id[i] for i in ids):
                    if earlier.as_of < f.as_of:
                        mark.flags.append(
                            f"lower than claim #{earlier.claim_id} of {earlier.as_of}, "
                            "but this measure is a running total"
                        )


def _entirely_above(members, asking, cumulative) -> dict[int, tuple[int, list[int]]]:
    """For each asking claim X: the members dated on or before X lying entirely above X."""
    return _sweep(
        members,
        asking,
        cumulative,
        forward=True,
        key=lambda f: f.bounds.lower_key,
        # Entirely above X: its lower end at or past X's upper end (not X.upper > Y.lower).
        select=lambda ends, x: (bisect.bisect_left(ends, (x.bounds.upper_key,)), len(ends)),
    )


def _entirely_below(members, asking, cumulative) -> dict[int, tuple[int, list[int]]]:
    """For each asking claim X: the members dated on or after X lying entirely below X."""
    return _sweep(
        members,
        asking,
        cumulative,
        forward=False,
        key=lambda f: f.bounds.upper_key,
        select=lambda ends, x: (0, bisect.bisect_right(ends, (x.bounds.lower_key, _AFTER_ANY_ID))),
    )


def _sweep(members, asking, cumulative, *, forward, key, select):
    """Members enter a sorted list of (end, id) in date order (all at once when not cumulative);
    each asking claim is answered once every member dated up to it (from its side) is in."""

    def when(f):
        return f.as_of if cumulative else 0

    order = sorted(members, key=when, reverse=not forward)
    questions = sorted(asking, key=when, reverse=not forward)
    ends: list[tuple] = []
    answers, i = {}, 0
    for x in questions:
        while i < len(order) and (
            when(order[i]) <= when(x) if forward else when(order[i]) >= when(x)
        ):
            bisect.insort(ends, (key(order[i]), order[i].claim_id))
            i += 1
        start, stop = select(ends, x)
        answers[x.claim_id] = (
            stop - start,
            [claim_id for _, claim_id in ends[start:stop][:LISTED]],
        )
    return answers


def _agreeing(f: Figure, pools, cumulative) -> list[int]:
    found, looked = [], 0
    for pool in pools:
        for other in pool:
            looked += 1
            if looked > SCAN or len(found) == LISTED:
                return sorted(found)
            if other.claim_id != f.claim_id and not _in_conflict(f, other, cumulative):
                found.append(other.claim_id)
    return sorted(found)


def _in_conflict(a: Figure, b: Figure, cumulative: bool) -> bool:
    a_first = not cumulative or a.as_of <= b.as_of
    b_first = not cumulative or b.as_of <= a.as_of
    a_above = not b.bounds.upper_key > a.bounds.lower_key
    b_above = not a.bounds.upper_key > b.bounds.lower_key
    return (b_first and b_above) or (a_first and a_above)


def _conflict_pairs(marks, by_id, cumulative):
    pairs, seen = [], set()
    for claim_id in sorted(marks):
        for other in marks[claim_id].conflicts_with:
            pair = (min(claim_id, other), max(claim_id, other))
            if pair in seen:
                continue
            seen.add(pair)
            verdict = compare(by_id[pair[0]], by_id[pair[1]], cumulative=cumulative)
            if verdict.verdict == Verdict.CONFLICT:
                pairs.append(verdict)
            if len(pairs) == LISTED_PAIRS:
                return pairs
    return pairs
