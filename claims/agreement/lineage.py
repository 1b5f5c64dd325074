"""Where a figure came from and how it changed on the way: pure comparison, no ORM.

An `Appearance` is one claim as the lineage reads it (its source's date and precision, language,
the figure as stated and on its family's scale, the quote). Worked examples::

    same_figure(<"about 6,000" troops>, <"6,500" troops>)     -> True   (6,000 is rounded to 1,000s)
    same_figure(<"650" troops>, <"600" troops>)               -> False  (600 is rounded to 100s)
    relation(first=<"up to 6,000", en>, other=<"hasta 6 mil", es>)   -> "translated"
    relation(first=<"6,500">, other=<"about 6,000">)                 -> "rounded"
    relation(first=<"up to 6,000">, other=<"6,000">)                 -> "hedge_changed"
    relation(first=<"50 miles">, other=<"80 kilometers">)            -> "unit_changed"
    relation(first=<"80,500">, other=<"80.5k">)                      -> "rescaled"
    drift(<"up to 6,000">, <"more than 6,000">)    -> "“up to” became “more than”"

The earliest appearance is `first`, by the source's date *and its precision*: a source dated
"June 2019" may have appeared on 30 June, so it is not earlier than one dated "7 June 2019";
one dated "1 June 2019" is not later than it. A translation never precedes its original.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from claims.figures import hedges

FIRST, SAME, ROUNDED, HEDGE_CHANGED = "first", "same", "rounded", "hedge_changed"
UNIT_CHANGED, TRANSLATED, RESCALED = "unit_changed", "translated", "rescaled"
# The one relation an appearance is labelled with, when several changes apply, is the first of
# these it shows: a Spanish version is "translated" even though its unit words differ.
PRECEDENCE = [TRANSLATED, UNIT_CHANGED, ROUNDED, RESCALED, HEDGE_CHANGED]
RELATIONS = [FIRST, SAME, *PRECEDENCE]

# Repetitions of one figure are looked for among claims dated this close (when neither states a
# period); a figure repeated months later is more likely a new count of the same thing.
WINDOW_DAYS = 31
# Rounding is read from the trailing zeros ("6,000" is rounded to 1,000s), but never wider than
# this share of the figure: "10,000" is not taken for a rounding of 6,000.
MAX_ROUNDING_SHARE = Decimal("0.1")
# Hedged "about N" is N give or take this share (the measure page's FACTDB_APPROX_TOLERANCE).
APPROX_TOLERANCE = Decimal("0.1")
# Shared content words two quotes need, in one language without a measure, to be about one thing.
CONTEXT_WORDS = 2

UPPER_BOUNDS = {hedges.AT_MOST, hedges.LESS_THAN}
LOWER_BOUNDS = {hedges.AT_LEAST, hedges.MORE_THAN}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Appearance:
    """One claim as a lineage reads it."""

    claim_id: int
    source_id: int
    published_on: datetime.date
    date_precision: str = "day"
    language: str = "en"
    value: Decimal = Decimal(0)
    value_normalised: Decimal = Decimal(0)
    unit_family: str = ""
    unit: str = ""
    hedge: str = hedges.EXACT
    quote: str = ""
    claim_date: datetime.date | None = None
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    measure_id: int | None = None
    translation_of_id: int | None = None  # the source this one's source translates
    quote_start: int | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def scale_factor(self) -> Decimal:
        """How the stated unit reads on the family's scale: 1 for counts, 1,609.344 for miles."""
        if not self.value:
            return Decimal(1)
        return (Decimal(self.value_normalised) / Decimal(self.value)).normalize()


@dataclass(frozen=True)
class Entry:
    appearance: Appearance
    relation: str
    changes: tuple[str, ...]
    drift: str  # why the meaning changed from the first appearance, or ""


@dataclass(frozen=True)
class Lineage:
    first: Appearance | None
    entries: tuple[Entry, ...]

    @property
    def drifted(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.drift]


# ---- dates ------------------------------------------------------------------------------------


def date_bounds(day: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a date known to `precision` may be: "June 2019" is 1-30 June."""
    if precision == "year":
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def earliest_key(appearance: Appearance, translations: frozenset[int] = frozenset()) -> tuple:
    """Sort key, earliest first: by the latest day the source may be from, so a "June 2019"
    source sorts after "7 June 2019"; then originals before their translations; then the more
    precise date; then the earliest possible day."""
    start, end = date_bounds(appearance.published_on, appearance.date_precision)
    is_translation = appearance.source_id in translations
    return (
        end,
        is_translation,
        PRECISION_RANK.get(appearance.date_precision, 3),
        start,
        appearance.source_id,
        appearance.quote_start if appearance.quote_start is not None else -1,
        appearance.claim_id,
    )


def in_date_order(appearances: Iterable[Appearance]) -> list[Appearance]:
    appearances = list(appearances)
    sources = {a.source_id for a in appearances}
    # A source is a translation here when the original it translates is in the same lineage.
    translations = frozenset(
        a.source_id for a in appearances if a.translation_of_id in sources - {a.source_id}
    )
    return sorted(appearances, key=lambda a: earliest_key(a, translations))


# ---- is it one figure? -----------------------------------------------------------------------


def rounding_half(value: Decimal) -> Decimal:
    """Half the unit the figure is rounded to, as stated: 6,000 -> 500, 170 -> 5, 6.5 -> 0.05,
    167 -> 0.5; capped at MAX_ROUNDING_SHARE of the figure."""
    value = Decimal(value)
    if not value:
        return Decimal("0.5")
    sign, digits, exponent = value.normalize().as_tuple()
    half = Decimal(5) * Decimal(10) ** (exponent - 1)
    return min(half, abs(value) * MAX_ROUNDING_SHARE)


def slack(a: Appearance) -> Decimal:
    """How far from `a`'s figure, on the family's scale, another figure may be and still be it."""
    stated = rounding_half(a.value)
    if a.hedge in (hedges.APPROX, hedges.VAGUE):
        stated = max(stated, abs(Decimal(a.value)) * APPROX_TOLERANCE)
    return stated * abs(a.scale_factor)


def same_figure(a: Appearance, b: Appearance) -> bool:
    """The same unit family, and each figure within the rounding the other states."""
    if not a.unit_family or a.unit_family != b.unit_family:
        return False
    gap = abs(Decimal(a.value_normalised) - Decimal(b.value_normalised))
    # Strictly within: "650" is not a rounding of "600" (which would be "700" rounded up).
    return gap == 0 or gap < max(slack(a), slack(b))


def periods_compatible(a: Appearance, b: Appearance, window_days: int = WINDOW_DAYS) -> bool:
    """Stated periods must overlap; without them, the claims must be dated within the window."""
    if a.period_start and a.period_end and b.period_start and b.period_end:
        return a.period_start <= b.period_end and b.period_start <= a.period_end
    day_a, day_b = a.claim_date or a.published_on, b.claim_date or b.published_on
    return abs((day_a - day_b).days) <= window_days


def is_translation_pair(a: Appearance, b: Appearance) -> bool:
    return a.translation_of_id == b.source_id or b.translation_of_id == a.source_id


def context_compatible(a: Appearance, b: Appearance) -> bool:
    """About the same thing: the same measure when both have one; a declared translation; or,
    in one language, quotes that share at least CONTEXT_WORDS content words."""
    if a.measure_id is not None and b.measure_id is not None:
        return a.measure_id == b.measure_id
    if is_translation_pair(a, b):
        return True
    if primary_language(a.language) != primary_language(b.language):
        return a.measure_id is not None and a.measure_id == b.measure_id
    return len(content_words(a.quote) & content_words(b.quote)) >= CONTEXT_WORDS


def one_figure(a: Appearance, b: Appearance) -> bool:
    """Whether two claims from different sources are proposed as one figure's appearances."""
    return (
        a.source_id != b.source_id
        and same_figure(a, b)
        and periods_compatible(a, b)
        and context_compatible(a, b)
    )


def closeness(a: Appearance, b: Appearance) -> tuple:
    """Sort key among candidates for `a`: nearest figure first, then the same stated unit."""
    gap = abs(Decimal(a.value_normalised) - Decimal(b.value_normalised))
    scale = abs(Decimal(a.value_normalised)) or Decimal(1)
    return (gap / scale, a.scale_factor != b.scale_factor, a.hedge != b.hedge)


def translation_pairs(
    originals: Sequence[Appearance], translated: Sequence[Appearance]
) -> list[tuple[Appearance, Appearance]]:
    """One to one, the claims of a translation and of its original that state the same figure:
    nearest figure first, then in the order they appear in their texts."""
    candidates = []
    for t_index, t in enumerate(translated):
        for o_index, o in enumerate(originals):
            if same_figure(o, t):
                candidates.append((closeness(t, o), abs(t_index - o_index), o_index, t_index))
    pairs, used_o, used_t = [], set(), set()
    for *_, o_index, t_index in sorted(candidates):
        if o_index in used_o or t_index in used_t:
            continue
        used_o.add(o_index)
        used_t.add(t_index)
        pairs.append((originals[o_index], translated[t_index]))
    return sorted(pairs, key=lambda pair: originals.index(pair[0]))


# ---- how it changed --------------------------------------------------------------------------

SCALED_NUMBER = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:k|m|bn|thousand|million|billion|trillion|mil|millón|millones|"
    r"millardos?)\b",
    re.IGNORECASE,
)


def written_with_scale(quote: str) -> bool:
    """Whether the quote writes a number with a scale word: "80.5k", "6 million", "80 mil 500"."""
    return bool(SCALED_NUMBER.search(quote or ""))


def changes(first: Appearance, other: Appearance) -> tuple[str, ...]:
    """Every way `other` differs from the first appearance, in PRECEDENCE order."""
    found = []
    if primary_language(first.language) != primary_language(other.language):
        found.append(TRANSLATED)
    if first.scale_factor != other.scale_factor:
        found.append(UNIT_CHANGED)
    same_value = Decimal(first.value_normalised) == Decimal(other.value_normalised)
    if not same_value and UNIT_CHANGED not in found:
        found.append(ROUNDED)
    elif same_value and written_with_scale(first.quote) != written_with_scale(other.quote):
        found.append(RESCALED)
    if first.hedge != other.hedge:
        found.append(HEDGE_CHANGED)
    return tuple(found)


def relation(first: Appearance, other: Appearance) -> str:
    if other.claim_id == first.claim_id:
        return FIRST
    found = changes(first, other)
    return found[0] if found else SAME


def implied_interval(a: Appearance) -> tuple[Decimal | None, Decimal | None]:
    """What the hedge allows, widened by the rounding stated, on the family's scale."""
    value, give = Decimal(a.value_normalised), slack(a)
    if a.hedge in UPPER_BOUNDS:
        return None, value + give
    if a.hedge in LOWER_BOUNDS:
        return value - give, None
    return value - give, value + give


def drift(first: Appearance, other: Appearance) -> str:
    """Why `other` no longer means what the first said ("" when it still does): an upper bound
    became a lower bound or the reverse, or the two allow no figure in common."""
    if (
        first.hedge in UPPER_BOUNDS
        and other.hedge in LOWER_BOUNDS
        or (first.hedge in LOWER_BOUNDS and other.hedge in UPPER_BOUNDS)
    ):
        return f"“{hedge_words(first.hedge)}” became “{hedge_words(other.hedge)}”"
    low_a, high_a = implied_interval(first)
    low_b, high_b = implied_interval(other)
    if (high_a is not None and low_b is not None and low_b > high_a) or (
        high_b is not None and low_a is not None and low_a > high_b
    ):
        return "the two figures allow no value in common"
    return ""


HEDGE_WORDS = {
    hedges.EXACT: "exactly",
    hedges.APPROX: "about",
    hedges.AT_LEAST: "at least",
    hedges.MORE_THAN: "more than",
    hedges.AT_MOST: "up to",
    hedges.LESS_THAN: "less than",
    hedges.RANGE: "between",
    hedges.VAGUE: "some",
}


def hedge_words(hedge: str) -> str:
    return HEDGE_WORDS.get(hedge, hedge)


def lineage(appearances: Iterable[Appearance]) -> Lineage:
    """The appearances in date order, each with its relation to the first."""
    ordered = in_date_order(appearances)
    if not ordered:
        return Lineage(None, ())
    first = ordered[0]
    entries = tuple(
        Entry(
            appearance=a,
            relation=relation(first, a),
            changes=() if a is first else changes(first, a),
            drift="" if a is first else drift(first, a),
        )
        for a in ordered
    )
    return Lineage(first, entries)


# ---- words -----------------------------------------------------------------------------------

STOPWORDS = set(
    """this that with from were have been said says their there they them than then when what
    which while about into over after before also some more most only other such very will would
    could should officials official according para como pero este esta estos estas fueron
    entre sobre según desde hasta tras donde cuando porque unos unas otro otros otras""".split()
)


def content_words(text: str) -> set[str]:
    """Words of four letters or more, lower-cased and without accents, stopwords left out."""
    folded = unicodedata.normalize("NFKD", (text or "").lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return {w for w in re.findall(r"[a-z]{4,}", folded) if w not in STOPWORDS}


def primary_language(tag: str) -> str:
    return (tag or "").split("-")[0].lower()
