"""From a source's text to candidate claims: each figure, anchored to the sentence that holds it,
with who the sentence says it comes from and the period it covers.

`propose(text, language)` is pure: it splits the text into sentences (`claims.sentences`), runs the
quantity parser over each, and reads the claimant (`claims.claimants`) and the period
(`claims.periods`, resolved against the claim date). `claims.services.claims_propose(source=…)`
stores the candidates as unverified claims with origin "extracted" for an editor to accept, correct
or reject. Running it again adds nothing new: a candidate is skipped when its source already has, or
ever had, a claim with the same quote, value and unit (history remembers figures an editor has since
corrected). One run reads at most `MAX_CANDIDATES` figures, so a pathological file (200 KB
of "1,1,1,…") costs seconds, not minutes; the result says how many it left unread.
"""

import datetime
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from claims.claimants import find_claimant
from claims.figures.parsing import Quantity, find_quantities
from claims.models import VALUE_LIMIT, VALUE_PLACES, Attribution, Claim, Hedge, Origin, RatePeriod
from claims.periods import find_period
from claims.sentences import Sentence, split_sentences, trimmed
from sources.models import Claimant

MAX_CANDIDATES = 500  # figures read in one run; the rest wait for the next run
_CHUNK = 10_000
_MAX_QUOTE = 1_000  # longer "sentences" are quoted as the words around each figure
_RATE_PERIODS = {period.value for period in RatePeriod if period.value}
_MAX_UNIT = Claim._meta.get_field("unit").max_length
_MAX_CLAIMANT = Claimant._meta.get_field("name").max_length
_PLACES = Decimal(10) ** -VALUE_PLACES


@dataclass(frozen=True)
class Proposal:
    sentence: Sentence
    quantity: Quantity
    claimant: str | None = None  # as the sentence names it: "the Mexican government"
    period: tuple[datetime.date | None, datetime.date | None] | None = None


class Proposed(tuple):
    """``(created claims, skipped count)``, as callers unpack it, plus ``unread``: figures past
    ``MAX_CANDIDATES`` that this run did not read (0 when it read them all)."""

    unread: int  # numbers (digit runs) left in the text after the last figure read

    def __new__(cls, created: list, skipped: int, unread: int = 0):
        result = super().__new__(cls, (created, skipped))
        result.unread = unread
        return result

    @property
    def message(self) -> str:
        """A line for the editor when the run stopped early; empty otherwise."""
        if not self.unread:
            return ""
        return gettext(
            "Stopped after %(read)s figures: about %(unread)s more numbers were not read. "
            "Run the extraction again to read the next ones, or split the source."
        ) % {"read": MAX_CANDIDATES, "unread": self.unread}


def propose(
    text: str,
    language: str = "en",
    *,
    claim_date: datetime.date | None = None,
    title: str = "",
    limit: int | None = None,
    progress=None,
) -> list[Proposal]:
    """Every figure in the text, each with its sentence, claimant and period.

    A headline (the source's title, or a line with no closing punctuation whose figures the body
    states again) proposes nothing of its own. With ``limit``, reading stops after that many.
    ``progress(done, total)``, when given, hears how many sentences have been read."""
    found: list[tuple[Sentence, list[Quantity]]] = []
    count = 0
    sentences = split_sentences(text, language)
    for done, sentence in enumerate(sentences, start=1):
        if progress is not None:
            progress(done, len(sentences))
        budget = None if limit is None else limit - count
        quantities = _quantities(sentence.text, language, budget)
        if quantities:
            found.append((sentence, quantities))
            count += len(quantities)
        if limit is not None and count >= limit:
            break
    proposals: list[Proposal] = []
    for sentence, quantities in _without_headlines(found, title):
        period = find_period(sentence.text[:_MAX_QUOTE], claim_date, language)
        for quantity in quantities:
            quote = sentence if len(sentence.text) <= _MAX_QUOTE else _window(sentence, quantity)
            at = quantity.start - (quote.start - sentence.start)
            claimant = find_claimant(quote.text, language, figure_at=at)
            proposals.append(Proposal(quote, quantity, claimant, period))
    return proposals


def _quantities(text: str, language: str, budget: int | None) -> list[Quantity]:
    """The storable figures of one sentence, at most ``budget`` of them. A "sentence" longer
    than ``_CHUNK`` (a table, a run of numbers) is read a chunk at a time, so reading stops
    when the budget is spent instead of after the whole of it."""
    if budget is None or len(text) <= _CHUNK:
        found = [q for q in find_quantities(text, language=language) if _storable(q)]
        return found if budget is None else found[:budget]
    found, start = [], 0
    while start < len(text) and len(found) < budget:
        end = min(len(text), start + _CHUNK)
        space = text.rfind(" ", start + _CHUNK // 2, end) if end < len(text) else -1
        end = space if space > 0 else end
        for q in find_quantities(text[start:end], language=language):
            if _storable(q):
                found.append(replace(q, start=q.start + start, end=q.end + start))
        start = end
    return found[:budget]


def _window(sentence: Sentence, q: Quantity) -> Sentence:
    """The words around a figure in a "sentence" too long to quote (a table, a run of numbers):
    about 120 characters either side, cut at spaces, with the source's offsets."""
    text = sentence.text
    lo, hi = max(0, q.start - 120), min(len(text), q.end + 120)
    while lo > 0 and not text[lo - 1].isspace() and q.start - lo < 200:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - q.end < 200:
        hi += 1
    piece = trimmed(text, lo, hi)
    return Sentence(piece.text, sentence.start + piece.start, sentence.start + piece.end)


def _without_headlines(found: list[tuple[Sentence, list[Quantity]]], title: str):
    """Drop headlines: the source's title, or a short line without closing punctuation whose
    every figure a sentence of the body states again ("6,000 troops to the border" above
    "Mexico will send 6,000 troops ...")."""

    def norm(s: str) -> str:
        return " ".join(s.lower().split())

    stated: dict[Decimal, int] = {}
    for _, quantities in found:
        for value in {q.value for q in quantities}:
            stated[value] = stated.get(value, 0) + 1

    def headline(sentence: Sentence, quantities: list[Quantity]) -> bool:
        text = sentence.text
        if title and norm(text) == norm(title):
            return True
        if text[-1:] in '.!?"”’)' or len(text) > 200:
            return False
        return all(stated[q.value] > 1 for q in quantities)

    return [(s, qs) for s, qs in found if not headline(s, qs)]


def _storable(quantity: Quantity) -> bool:
    bounds = [quantity.value, quantity.low, quantity.high]
    return all(b is None or (b.is_finite() and abs(b) < VALUE_LIMIT) for b in bounds)


def _stored(value: Decimal | None) -> Decimal | None:
    """Round to the column's places: the parser keeps 1/128 as 0.0078125, the column 6 places."""
    return None if value is None else value.quantize(_PLACES, rounding=ROUND_HALF_UP)


def claim_from_proposal(source, proposal: Proposal, created_by=None) -> Claim:
    """The unsaved claim for a proposal; its claimant is resolved against the database by
    ``claims.services.claims_propose``, which then marks the claim "reported"."""
    q = proposal.quantity
    hedge = q.hedge
    low, high = (q.low, q.high) if hedge in (Hedge.RANGE, Hedge.VAGUE) else (None, None)
    if hedge == Hedge.RANGE and (low is None or high is None):
        hedge, low, high = Hedge.APPROX, None, None
    change = {"increase": "Increase", "decrease": "Decrease"}.get(q.change or "")
    period_start, period_end = proposal.period or (None, None)
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
        period_start=period_start,
        period_end=period_end,
        origin=Origin.EXTRACTED,
        created_by=created_by,
    )


def figure_texts(text: str, language: str = "en") -> list[str]:
    """The figures extraction finds in `text`, as written ("6,000 troops"): what an import compares
    between two snapshots of a page."""
    return [proposal.quantity.text for proposal in propose(text, language=language)]
