"""Suggested claims for a measure: figures that look like they count the same thing.

An editor confirms each suggestion; nothing is attached automatically. A claim is suggested for a
measure when it has no measure yet, is not retracted, counts the same unit family as the
measure's claims (``claims.figures.units``: "troops" and "elementos" are both personnel; a monthly
rate matches a yearly one, not a total), and reads like the measure. The score weighs:

* wording (60%): how much of the measure's label, or of a summary of one of its claims, the
  claim's quote contains. PostgreSQL uses pg_trgm's word similarity through a trigram index
  (migration 0004); SQLite compares content words in Python over the ``SQLITE_CANDIDATES`` most
  recent unattached claims, so it may miss older ones.
* place (20%): the same place as one of the measure's claims; unknown counts half.
* time (20%): dated within the measure's claims' span (half a year either side), or the same
  stated period; a measure with no claims yet counts half.

Example: for "Mexican National Guard troops deployed for migration enforcement, 2019" holding
"up to 6,000 National Guard troops", an unattached "6,000 National Guard troops to the southern
border" of the same week is suggested; "80,500 migrants deported" is not (another unit family).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Greatest

from claims.figures.units import normalise
from claims.models import Claim, Measure, Status

MIN_WORDING = 0.3
MIN_SCORE = 0.45
SQLITE_CANDIDATES = 500
NEAR = datetime.timedelta(days=183)
STOPWORDS = frozenset(
    """a an and are as at be by de del el en for from has have in is it its la las los of on or
    que the their to un una was were with y""".split()
)


@dataclass
class Suggestion:
    claim: Claim
    score: float
    wording: float
    reasons: list[str] = field(default_factory=list)


def suggest_claims(measure, *, limit: int = 10) -> list[Suggestion]:
    """Unattached claims that may belong on ``measure``, best first."""
    own = list(measure.claims.exclude(status__in=Status.OFF_RECORD))
    profile = _profile(measure, own)
    key = _unit_key(measure, own)
    candidates = Claim.objects.filter(measure__isnull=True).exclude(status__in=Status.OFF_RECORD)
    if connection.vendor == "postgresql":
        scored = _trigram_candidates(candidates, profile, limit * 5)
    else:
        scored = _word_candidates(candidates, profile)
    places = {c.place.strip().lower() for c in own if c.place.strip()}
    suggestions = []
    for claim, wording in scored:
        if wording < MIN_WORDING:
            continue
        norm = normalise(claim.value, claim.unit, claim.currency, claim.rate_period)
        if key is not None and norm.comparable_key != key:
            continue
        place, place_reason = _place_score(claim, places)
        when, when_reason = _time_score(claim, own)
        score = 0.6 * wording + 0.2 * place + 0.2 * when
        if score < MIN_SCORE:
            continue
        reasons = [f"counts {norm.scale_unit}", f"wording {wording:.0%} alike"]
        reasons += [r for r in (place_reason, when_reason) if r]
        suggestions.append(Suggestion(claim, round(score, 3), round(wording, 3), reasons))
    suggestions.sort(key=lambda s: (-s.score, -s.claim.pk))
    return suggestions[:limit]


MEASURE_CANDIDATES = 500  # measures read, most recent first, when proposing one for a new claim


@dataclass
class MeasureSuggestion:
    measure: object
    score: float
    reasons: list[str] = field(default_factory=list)


def suggest_measures(claim: Claim, *, limit: int = 3) -> list[MeasureSuggestion]:
    """Measures an unsaved claim (the claim form as typed) may belong on, best first: the same
    reading of wording, unit family and time as ``suggest_claims``, from the other side."""
    measures = list(Measure.objects.order_by("-created_at", "-pk")[:MEASURE_CANDIDATES])
    if not measures or not claim.quote:
        return []
    figures: dict[int, Counter] = {m.pk: Counter() for m in measures}
    dates: dict[int, list] = {m.pk: [] for m in measures}
    rows = (
        Claim.objects.filter(measure__in=measures)
        .exclude(status__in=Status.OFF_RECORD)
        .values_list("measure_id", "unit", "currency", "rate_period", "claim_date")
    )
    for measure_id, unit, currency, rate_period, claim_date in rows:
        figures[measure_id][normalise(1, unit, currency, rate_period).comparable_key] += 1
        if claim_date:
            dates[measure_id].append(claim_date)
    norm = normalise(claim.value or 1, claim.unit, claim.currency, claim.rate_period)
    text = f"{claim.quote} {claim.summary}"
    found = []
    for measure in measures:
        wording = max(containment(measure.label, text), containment(measure.definition, text))
        if wording < MIN_WORDING:
            continue
        keys = figures[measure.pk]
        key = keys.most_common(1)[0][0] if keys else None
        if key is None and measure.default_unit:
            key = normalise(1, measure.default_unit).comparable_key
        if claim.unit and key is not None and key != norm.comparable_key:
            continue
        span = dates[measure.pk]
        when = 0.5
        if span and claim.claim_date:
            near = min(span) - NEAR <= claim.claim_date <= max(span) + NEAR
            when = 1.0 if near else 0.0
        score = 0.7 * wording + 0.3 * when
        if score < MIN_SCORE:
            continue
        reasons = [f"wording {wording:.0%} alike"]
        if key is not None and claim.unit:
            reasons.append(f"counts {norm.scale_unit}")
        if when == 1.0:
            reasons.append("dated near the measure's claims")
        found.append(MeasureSuggestion(measure, round(score, 3), reasons))
    found.sort(key=lambda s: (-s.score, s.measure.label))
    return found[:limit]


def words(text: str) -> set[str]:
    """Content words, lower-cased, plurals folded: what the SQLite fallback compares."""
    found = re.findall(r"[^\W\d_]+", (text or "").lower())
    return {_fold(w) for w in found if w not in STOPWORDS and len(w) > 1}


def containment(profile: str, text: str) -> float:
    """Share of ``profile``'s content words found in ``text`` (like pg_trgm word similarity)."""
    wanted = words(profile)
    return len(wanted & words(text)) / len(wanted) if wanted else 0.0


def _profile(measure, own: list[Claim]) -> list[str]:
    """What a matching quote should read like: the label, and up to three claims' summaries."""
    texts = [measure.label]
    texts += [c.summary for c in own if c.summary.strip()][:3]
    return texts


def _unit_key(measure, own: list[Claim]):
    keys = Counter(
        normalise(c.value, c.unit, c.currency, c.rate_period).comparable_key for c in own
    )
    if keys:
        return keys.most_common(1)[0][0]
    if measure.default_unit:
        return normalise(1, measure.default_unit).comparable_key
    return None


def _trigram_candidates(candidates, profile: list[str], limit: int):
    similarity = [TrigramWordSimilarity(text, "quote") for text in profile]
    wording = similarity[0] if len(similarity) == 1 else Greatest(*similarity)
    match = Q()
    for text in profile:
        match |= Q(quote__trigram_word_similar=text)
    with transaction.atomic():
        # The %> operator (index-assisted) uses this threshold, set for this transaction only
        # (set_config, not SET, since SET cannot take a server-side bound parameter).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [str(MIN_WORDING)],
            )
        rows = list(
            candidates.filter(match)
            .annotate(wording=wording)
            .order_by("-wording", "-pk")
            .select_related("source")[:limit]
        )
    return [(claim, float(claim.wording)) for claim in rows]


def _word_candidates(candidates, profile: list[str]):
    recent = candidates.select_related("source").order_by("-created_at", "-pk")
    return [
        (claim, max(containment(p, f"{claim.quote} {claim.summary}") for p in profile))
        for claim in recent[:SQLITE_CANDIDATES]
    ]


def _place_score(claim, places: set[str]) -> tuple[float, str]:
    place = claim.place.strip().lower()
    if not place or not places:
        return 0.5, ""
    if place in places:
        return 1.0, f"same place ({claim.place.strip()})"
    return 0.0, ""


def _time_score(claim, own: list[Claim]) -> tuple[float, str]:
    if not own:
        return 0.5, ""
    stated = (claim.period_start, claim.period_end)
    if any(stated) and any((c.period_start, c.period_end) == stated for c in own):
        return 1.0, "same period"
    dates = [c.claim_date for c in own if c.claim_date]
    if claim.claim_date and dates and min(dates) - NEAR <= claim.claim_date <= max(dates) + NEAR:
        return 1.0, "dated near the measure's claims"
    return 0.0, ""


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
