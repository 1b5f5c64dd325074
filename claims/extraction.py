"""From a source's text to candidate claims: each figure, anchored to the sentence that holds it.

`propose(text, language)` is pure: it splits the text into sentences (with offsets) and runs the
quantity parser over each. `claims.services.claims_propose(source=…)` stores the candidates as
unverified claims with origin "extracted" for an editor to accept, correct or reject. Running it
again adds nothing new: a candidate is skipped when its source already has, or ever had, a claim
with the same quote, value and unit (history remembers figures an editor corrected or rejected).
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from claims.figures.parsing import Quantity, find_quantities
from claims.models import VALUE_LIMIT, VALUE_PLACES, Attribution, Claim, Hedge, Origin, RatePeriod

# A sentence ends at . ! ? (optionally closed by quotes or brackets) before whitespace, or at a
# blank line / line break. Abbreviations that end in a period do not end a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gen|Gov|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|approx|No|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Sra|Sr|Dra)\.|\b(?:[A-Z]\.){1,3}|\b[ap]\.m\.)$"
)
_RATE_PERIODS = {period.value for period in RatePeriod if period.value}
_MAX_UNIT = Claim._meta.get_field("unit").max_length
_PLACES = Decimal(10) ** -VALUE_PLACES


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Proposal:
    sentence: Sentence
    quantity: Quantity


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets, so that text[s.start:s.end] == s.text."""
    sentences, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        piece = text[start : boundary.start()]
        if boundary.group().startswith(("\n",)) or not _ABBREVIATIONS.search(piece):
            sentences.append(_trimmed(text, start, boundary.start()))
            start = boundary.end()
    sentences.append(_trimmed(text, start, len(text)))
    return [s for s in sentences if s.text]


def _trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(text[start:end], start, end)


def propose(text: str, language: str = "en") -> list[Proposal]:
    """Every figure in the text, each with the sentence that holds it."""
    return [
        Proposal(sentence, quantity)
        for sentence in split_sentences(text)
        for quantity in find_quantities(sentence.text, language=language)
        if _storable(quantity)
    ]


def _storable(quantity: Quantity) -> bool:
    bounds = [quantity.value, quantity.low, quantity.high]
    return all(b is None or (b.is_finite() and abs(b) < VALUE_LIMIT) for b in bounds)


def _stored(value: Decimal | None) -> Decimal | None:
    """Round to the column's places: the parser keeps 1/128 as 0.0078125, the column 6 places."""
    return None if value is None else value.quantize(_PLACES, rounding=ROUND_HALF_UP)


def claim_from_proposal(source, proposal: Proposal, created_by=None) -> Claim:
    q = proposal.quantity
    hedge = q.hedge
    low, high = (q.low, q.high) if hedge in (Hedge.RANGE, Hedge.VAGUE) else (None, None)
    if hedge == Hedge.RANGE and (low is None or high is None):
        hedge, low, high = Hedge.APPROX, None, None
    change = {"increase": "Increase", "decrease": "Decrease"}.get(q.change or "")
    return Claim(
        source=source,
        quote=proposal.sentence.text,
        quote_start=proposal.sentence.start,
        quote_end=proposal.sentence.end,
        summary=f"{change} of {q.text}" if change else "",
        attribution=Attribution.ASSERTED,
        value=_stored(q.value),
        hedge=hedge,
        value_low=_stored(low),
        value_high=_stored(high),
        unit=(q.unit or "")[:_MAX_UNIT],
        currency=q.currency or "",
        rate_period=q.per if q.per in _RATE_PERIODS else "",
        origin=Origin.EXTRACTED,
        created_by=created_by,
    )


def figure_texts(text: str, language: str = "en") -> list[str]:
    """The figures extraction finds in `text`, as written ("6,000 troops"): what an import compares
    between two snapshots of a page."""
    return [proposal.quantity.text for proposal in propose(text, language=language)]
