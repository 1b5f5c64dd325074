"""Do the claims on one measure agree? Hedge-aware interval overlap, after unit normalisation.

Each claim becomes an interval on its unit family's scale (``claims.figures.units``): "up to 6,000"
is at most 6,000, "more than 6,000" is above 6,000 (strictly), "approximately 6,500" is 6,500 give
or take ``settings.FACTDB_APPROX_TOLERANCE`` (10%: 5,850 to 7,150), ranges and vague amounts keep
their stored ends, a missing end is open. Two claims **agree** when their intervals overlap,
**conflict** when they cannot both be true, and are **incomparable** when they count different
things (another unit family, another currency, a rate against a total) or cover different stated
periods. The issue's example, at ±10%::

                        up to 6,000   6,000      approx. 6,500   more than 6,000
    up to 6,000             -         agree      agree           CONFLICT
    6,000                 agree         -        agree           CONFLICT
    approx. 6,500         agree       agree        -             agree
    more than 6,000     CONFLICT    CONFLICT     agree             -

A claim without a period takes the measure's; claims that both state a period compare only when
the periods are the same. On a cumulative measure ("deported since December") claims made on
different dates are not expected to match: the later one conflicts only when it is entirely below
the earlier one, because a running total cannot fall; that claim is flagged. Retracted claims are
left out.

``assess`` gives the full table for a measure page (O(n²) pairs, fine for the tens of claims a
measure holds; past ``FULL_TABLE_LIMIT`` claims it counts instead of
listing every pair, in O(n log n)); ``conflicting_ids`` answers "which claims conflict with
something" in O(n log n) per measure for ``/api/v1/claims/?conflicts=1``.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from claims.figures.formatting import grouped_number
from claims.figures.hedges import (
    LOWER_BOUNDS,
    STATED_BOUNDS,
    UPPER_BOUNDS,
    implied_interval,
    is_strict,
)
from claims.figures.units import normalise, rounding_slack
from claims.models import Claim, Measure, Status
from factdb.languages import figure_language
from sources.models import format_date_with_precision

# Sort keys for interval ends: rank 0 is minus infinity, 2 plus infinity. An open lower end at v
# sorts above a closed one; an open upper end below a closed one. Two intervals overlap exactly
# when one's upper key is greater than the other's lower key.
_MINUS_INFINITY = (0, Decimal(0), 0)
_PLUS_INFINITY = (2, Decimal(0), 0)


class Verdict(StrEnum):
    AGREE = "agree"
    CONFLICT = "conflict"
    INCOMPARABLE = "incomparable"


@dataclass(frozen=True)
class Bounds:
    """An interval on a normalised scale; None is an open, unbounded side."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    @property
    def lower_key(self):
        return _MINUS_INFINITY if self.low is None else (1, self.low, int(self.low_open))

    @property
    def upper_key(self):
        return _PLUS_INFINITY if self.high is None else (1, self.high, int(not self.high_open))

    def below(self, other: Bounds) -> bool:
        """Every value here is smaller than every value of ``other``."""
        return not self.upper_key > other.lower_key

    def describe(self) -> str:
        if self.low is None and self.high is None:
            return _("any amount")
        if self.low is None:
            template = _("less than %(number)s") if self.high_open else _("at most %(number)s")
            return template % {"number": _number(self.high)}
        if self.high is None:
            template = _("more than %(number)s") if self.low_open else _("at least %(number)s")
            return template % {"number": _number(self.low)}
        if self.low == self.high:
            return _number(self.low)
        return _("%(low)s to %(high)s") % {"low": _number(self.low), "high": _number(self.high)}


@dataclass(frozen=True)
class Figure:
    """What agreement needs to know about one claim."""

    claim_id: int
    label: str
    hedge: str
    key: tuple
    dimension: str
    magnitude: Decimal | None
    scale_unit: str
    period: tuple | None
    as_of: datetime.date
    bounds: Bounds


@dataclass(frozen=True)
class Pair:
    a: int
    b: int
    verdict: Verdict
    reason: str


@dataclass
class Mark:
    """One claim's standing on its measure. On a large measure (``assess_many``) the
    lists hold the first few ids only; the counts are always exact."""

    claim_id: int
    agrees_with: list[int] = field(default_factory=list)
    conflicts_with: list[int] = field(default_factory=list)
    incomparable_with: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    agrees_count: int | None = None
    conflicts_count: int | None = None
    incomparable_count: int | None = None

    def count(self, kind: str) -> int:
        """``kind``: "agrees", "conflicts" or "incomparable"."""
        counted = getattr(self, f"{kind}_count")
        return len(getattr(self, f"{kind}_with")) if counted is None else counted

    @property
    def state(self) -> str:
        if self.count("conflicts"):
            return "conflict"
        return "agree" if self.count("agrees") else "alone"


@dataclass
class Assessment:
    figures: list[Figure]
    pairs: list[Pair]
    marks: dict[int, Mark]
    # False on a large measure: ``pairs`` then holds only the first conflicts, marks list a few.
    complete: bool = True

    @property
    def conflicting_ids(self) -> set[int]:
        return {m.claim_id for m in self.marks.values() if m.conflicts_with}


def tolerance() -> Decimal:
    return Decimal(str(settings.FACTDB_APPROX_TOLERANCE))


def figure_of(claim, *, cumulative=False, approx_tolerance=None, labelled=True) -> Figure:
    """The claim as an interval on its unit family's scale."""
    t = tolerance() if approx_tolerance is None else approx_tolerance
    norm = normalise(claim.value, claim.unit, claim.currency, claim.rate_period)
    low, high = implied_interval(
        Decimal(claim.value), claim.hedge, claim.value_low, claim.value_high, tolerance=t
    )
    # A stated figure covers what rounds to it: "66.67" is anything from 66.665 to 66.675.
    own_ends = claim.hedge in STATED_BOUNDS
    if low is not None:
        low -= rounding_slack(claim.value_low if own_ends else claim.value)
    if high is not None:
        high += rounding_slack(claim.value_high if own_ends else claim.value)
    bounds = Bounds(
        norm.scale(low),
        norm.scale(high),
        low_open=is_strict(claim.hedge) and claim.hedge in LOWER_BOUNDS,
        high_open=is_strict(claim.hedge) and claim.hedge in UPPER_BOUNDS,
    )
    if cumulative:
        period = (claim.period_start,) if claim.period_start else None
    else:
        stated = (claim.period_start, claim.period_end)
        period = stated if any(stated) else None
    return Figure(
        claim_id=claim.pk,
        label=_label(claim) if labelled else "",
        hedge=claim.hedge,
        key=norm.comparable_key,
        dimension=norm.dimension,
        magnitude=norm.magnitude,
        scale_unit=norm.scale_unit,
        period=period,
        as_of=claim.period_end or claim.claim_date,
        bounds=bounds,
    )


def compare(a: Figure, b: Figure, *, cumulative: bool = False) -> Pair:
    if a.key != b.key:
        return Pair(a.claim_id, b.claim_id, Verdict.INCOMPARABLE, _why_incomparable(a, b))
    if a.period and b.period and a.period != b.period:
        reason = _("they cover different periods (%(first)s and %(second)s)") % {
            "first": _period(a),
            "second": _period(b),
        }
        return Pair(a.claim_id, b.claim_id, Verdict.INCOMPARABLE, reason)
    if cumulative and a.as_of != b.as_of:
        earlier, later = (a, b) if a.as_of < b.as_of else (b, a)
        if later.bounds.below(earlier.bounds):
            reason = _(
                "a running total cannot fall: %(earlier)s on %(earlier_date)s, "
                "then %(later)s on %(later_date)s"
            ) % {
                "earlier": _said(earlier),
                "earlier_date": _date(earlier.as_of),
                "later": _said(later),
                "later_date": _date(later.as_of),
            }
            return Pair(a.claim_id, b.claim_id, Verdict.CONFLICT, reason)
        reason = _("consistent with a running total that grows (%(earlier)s, then %(later)s)") % {
            "earlier": _said(earlier),
            "later": _said(later),
        }
        return Pair(a.claim_id, b.claim_id, Verdict.AGREE, reason)
    if a.bounds.below(b.bounds) or b.bounds.below(a.bounds):
        reason = _("%(first)s and %(second)s cannot both be true") % {
            "first": _said(a),
            "second": _said(b),
        }
        return Pair(a.claim_id, b.claim_id, Verdict.CONFLICT, reason)
    reason = _("%(first)s and %(second)s overlap") % {"first": _said(a), "second": _said(b)}
    return Pair(a.claim_id, b.claim_id, Verdict.AGREE, reason)


def assess(claims, *, cumulative: bool = False, approx_tolerance=None) -> Assessment:
    """Every pair of the claims compared, and each claim's marks (claims in date order)."""
    claims = [c for c in claims if c.status not in Status.OFF_RECORD]
    claims.sort(key=lambda c: (c.period_end or c.claim_date, c.pk))
    figures = [
        figure_of(c, cumulative=cumulative, approx_tolerance=approx_tolerance) for c in claims
    ]
    if len(figures) > FULL_TABLE_LIMIT:
        return assess_many(figures, cumulative=cumulative)
    marks = {f.claim_id: Mark(f.claim_id) for f in figures}
    pairs = []
    for i, a in enumerate(figures):
        for b in figures[i + 1 :]:
            pair = compare(a, b, cumulative=cumulative)
            pairs.append(pair)
            bucket = {
                Verdict.AGREE: "agrees_with",
                Verdict.CONFLICT: "conflicts_with",
                Verdict.INCOMPARABLE: "incomparable_with",
            }[pair.verdict]
            getattr(marks[a.claim_id], bucket).append(b.claim_id)
            getattr(marks[b.claim_id], bucket).append(a.claim_id)
            if cumulative and pair.verdict == Verdict.CONFLICT and a.as_of != b.as_of:
                later = b if a.as_of < b.as_of else a
                earlier = a if later is b else b
                marks[later.claim_id].flags.append(_running_total_flag(earlier))
    return Assessment(figures, pairs, marks)


def assess_measure(measure, *, claims=None, approx_tolerance=None) -> Assessment:
    """``claims``: the claims a reader may see (a Claim queryset); all of them by default."""
    claims = (Claim.objects.all() if claims is None else claims).filter(measure=measure)
    claims = claims.exclude(status__in=Status.OFF_RECORD).select_related("source")
    return assess(list(claims), cumulative=measure.cumulative, approx_tolerance=approx_tolerance)


def conflicting_ids(claims, *, cumulative: bool = False, approx_tolerance=None) -> set[int]:
    """Ids of the claims that conflict with at least one other; the same answer as ``assess``.

    Instead of comparing every pair, each claim is checked against the lowest upper end and the
    highest lower end among the claims it is comparable with (the claim itself never conflicts
    with itself, so it need not be left out). Cumulative measures use running extremes over
    claims sorted by date.
    """
    figures = [
        figure_of(c, cumulative=cumulative, approx_tolerance=approx_tolerance, labelled=False)
        for c in claims
        if c.status not in Status.OFF_RECORD
    ]
    by_key = defaultdict(list)
    for f in figures:
        by_key[f.key].append(f)
    found = set()
    for group in by_key.values():
        by_period = defaultdict(list)
        for f in group:
            by_period[f.period].append(f)
        unstated = by_period.pop(None, [])
        found |= _conflicts(unstated, group, cumulative)
        for stated in by_period.values():
            found |= _conflicts(stated, stated + unstated, cumulative)
    return found


def conflicting_claim_ids(claims_qs, *, among=None, approx_tolerance=None) -> set[int]:
    """Ids of claims conflicting with another claim on their measure, over the queryset's measures.

    ``among`` limits which claims count as the other side (what a reader may see); all by
    default. One query loads the claims of every measure that the queryset touches (retracted
    claims excluded), then each measure is checked in Python in O(n log n).
    """
    measure_ids = claims_qs.filter(measure__isnull=False).values("measure_id")
    cumulative = set(
        Measure.objects.filter(pk__in=measure_ids, cumulative=True).values_list("pk", flat=True)
    )
    fields = [
        "id",
        "measure_id",
        "value",
        "hedge",
        "value_low",
        "value_high",
        "unit",
        "currency",
        "rate_period",
        "claim_date",
        "period_start",
        "period_end",
        "status",
    ]
    rows = (
        (Claim.objects.all() if among is None else among)
        .filter(measure_id__in=measure_ids)
        .exclude(status__in=Status.OFF_RECORD)
        .only(*fields)
        .order_by()
    )
    per_measure = defaultdict(list)
    for claim in rows:
        per_measure[claim.measure_id].append(claim)
    found = set()
    for measure_id, claims in per_measure.items():
        if len(claims) > 1:
            found |= conflicting_ids(
                claims, cumulative=measure_id in cumulative, approx_tolerance=approx_tolerance
            )
    return found


def _conflicts(check: list[Figure], against: list[Figure], cumulative: bool) -> set[int]:
    if not check or not against:
        return set()
    if not cumulative:
        lowest_upper = min(f.bounds.upper_key for f in against)
        highest_lower = max(f.bounds.lower_key for f in against)
        return {
            f.claim_id
            for f in check
            if not lowest_upper > f.bounds.lower_key or not f.bounds.upper_key > highest_lower
        }
    # Running totals: X conflicts with a claim of the same date or earlier that is entirely
    # above it, or with one of the same date or later that is entirely below it.
    ordered = sorted(against, key=lambda f: f.as_of)
    dates = [f.as_of for f in ordered]
    prefix_max_lower, best = [], _MINUS_INFINITY
    for f in ordered:
        best = max(best, f.bounds.lower_key)
        prefix_max_lower.append(best)
    suffix_min_upper, best = [None] * len(ordered), _PLUS_INFINITY
    for i in range(len(ordered) - 1, -1, -1):
        best = min(best, ordered[i].bounds.upper_key)
        suffix_min_upper[i] = best
    found = set()
    for f in check:
        upto = bisect.bisect_right(dates, f.as_of) - 1
        start = bisect.bisect_left(dates, f.as_of)
        above = upto >= 0 and not f.bounds.upper_key > prefix_max_lower[upto]
        below = start < len(ordered) and not suffix_min_upper[start] > f.bounds.lower_key
        if above or below:
            found.add(f.claim_id)
    return found


def _why_incomparable(a: Figure, b: Figure) -> str:
    (dim_a, *rate_a), (dim_b, *rate_b) = a.key, b.key
    if dim_a.startswith("money:") and dim_b.startswith("money:") and dim_a != dim_b:
        return _(
            "different currencies (%(first)s and %(second)s); factdb does not invent exchange rates"
        ) % {"first": dim_a[6:], "second": dim_b[6:]}
    if dim_a == dim_b and rate_a != rate_b:
        return _("one is a rate and the other a total")
    return _("they count different things (%(first)s and %(second)s)") % {
        "first": _dimension(dim_a),
        "second": _dimension(dim_b),
    }


def _dimension(dimension: str) -> str:
    return dimension.removeprefix("words:").removeprefix("money:") or _("no unit")


def _period(f: Figure) -> str:
    days = [_date(d) if d else "…" for d in f.period]
    if len(days) == 1:  # a running total's period: its start
        return days[0]
    return _("%(start)s to %(end)s") % {"start": days[0], "end": days[1]}


def _said(f: Figure) -> str:
    return _("#%(id)s (%(figure)s: %(bounds)s)") % {
        "id": f.claim_id,
        "figure": f.label,
        "bounds": f.bounds.describe(),
    }


def _running_total_flag(earlier: Figure) -> str:
    return _("lower than claim #%(id)s of %(date)s, but this measure is a running total") % {
        "id": earlier.claim_id,
        "date": _date(earlier.as_of),
    }


def _number(value) -> str:
    """Grouped as the reader's language groups: "6,000"; Spain "6.000"."""
    text = grouped_number(value)
    if figure_language().startswith("es-ES"):
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _date(day) -> str:
    """ISO in English, as the API has always said it; "14 de febrero de 2025" in Spanish."""
    language = get_language() or "en"
    if not language.startswith("es") or not isinstance(day, datetime.date):
        return str(day)
    return format_date_with_precision(day, "day", language)


def _label(claim) -> str:
    try:
        return claim.figure
    except Exception:  # noqa: BLE001 - a formatting slip must not hide a conflict
        return f"{claim.value} {claim.unit}"


# ---------------------------------------------------------------------------------------------
# Agreement on a measure with many claims: the verdicts of ``assess``, without every pair.
#
# ``assess`` compares every pair, which is right for the tens of claims a measure usually holds;
# at 1,000 claims it made 500,000 pairs with a reason each (the measure page: 60 MB, 3.8 s, and the
# API sent them all). Past ``FULL_TABLE_LIMIT`` claims, ``assess_many`` instead counts each claim's
# conflicts from sorted interval ends (O(n log n) per pool of comparable claims, plus sorted
# inserts), derives its agreements and incomparable claims from those counts, and *lists* at most
# ``LISTED`` of each: the conflicts exactly, the others as found by a scan of bounded length. The
# pair table keeps conflicts only, at most ``LISTED_PAIRS`` of them, each with its reason. The
# assessment says it is not complete, and every mark carries its exact counts.
#
# The rules are the module ``comparison``'s: claims compare within a unit key, a stated period
# compares with the same period or none, and on a running total (cumulative) a later claim
# conflicts only when it lies entirely below an earlier one. So X conflicts with Y exactly when
# Y, dated on or before X, lies entirely above X, or Y, dated on or after X, lies entirely below it
# (on a measure that is not cumulative every claim counts as the same date).

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
                        mark.flags.append(_running_total_flag(earlier))


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
