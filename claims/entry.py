"""What the claim form proposes from a pasted quote, and the warnings it shows as one types.

``propose_from_quote(quote, source=s)`` reads the quote as extraction reads a source's text
(``claims.extraction``: the figure parser, ``claims.periods``, ``claims.claimants``), matches the
claimant to a stored one (it creates none), and asks ``claims.agreement.suggestions`` for the
measure; the admin's JSON endpoint (claims/admin/entry.py) answers with it::

    propose_from_quote("Mexico will send up to 6,000 National Guard troops, Ebrard said.", source=s)
        -> {"figures": [{"value": "6000", "hedge": "at_most", "unit": "National Guard troops",
             "claimant": {"id": 3, "name": "Marcelo Ebrard"}, ...}], "measures": [...]}

Nothing is stored.
"""

import datetime

from claims.agreement.suggestions import suggest_measures
from claims.extraction import claim_from_proposal, propose
from claims.figures.formatting import plain_number
from claims.services import ClaimantNames

MAX_FIGURES = 10  # a quote is a sentence; more figures than this is a paste


def propose_from_quote(quote: str, *, source=None, claim_date: datetime.date | None = None) -> dict:
    """The figures the quote states (first one first), each with the fields the form would take,
    and the measures the first one may belong on."""
    language = getattr(source, "language", "") or "en"
    reference = claim_date or getattr(source, "published_on", None)
    proposals = propose(quote, language=language, claim_date=reference)[:MAX_FIGURES]
    names = ClaimantNames() if any(p.claimant for p in proposals) else None
    figures = []
    first_claim = None
    for proposal in proposals:
        claim = claim_from_proposal(source, proposal)
        if first_claim is None:
            first_claim = claim
        stored = names.match(proposal.claimant) if names and proposal.claimant else None
        figures.append(
            {
                "text": proposal.quantity.text,
                "figure": claim.figure,
                "value": plain_number(claim.value),
                "hedge": claim.hedge,
                "value_low": plain_number(claim.value_low) if claim.value_low is not None else "",
                "value_high": plain_number(claim.value_high)
                if claim.value_high is not None
                else "",
                "unit": claim.unit,
                "currency": claim.currency,
                "rate_period": claim.rate_period,
                "period_start": _iso(claim.period_start),
                "period_end": _iso(claim.period_end),
                "claimant": _claimant(proposal.claimant, stored),
            }
        )
    measures = []
    if first_claim is not None:
        first_claim.claim_date = reference
        measures = [
            {"id": s.measure.pk, "label": s.measure.label, "score": s.score, "reasons": s.reasons}
            for s in suggest_measures(first_claim)
        ]
    return {"figures": figures, "measures": measures}


def _claimant(named: str | None, stored) -> dict | None:
    """The claimant the quote names: the stored one it matches, or only its name."""
    if not named:
        return None
    if stored is None:
        return {"id": None, "name": named, "stored": False}
    return {"id": stored.pk, "name": stored.name, "stored": True}


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""
