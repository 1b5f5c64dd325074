"""Writes for lineages and corrections, each in one transaction with history.

lineages_propose(claims=…)        each claim joins the lineage of the figure it repeats, or
                                  starts one with the claim it repeats (proposed, unconfirmed);
                                  a source's translation links one to one to its original
lineage_confirm / lineage_split / lineage_merge    an editor's decisions
correction_record(…)              a change that travels (claims.services calls it)
source_withdraw(source=…, …)      the source is withdrawn: a correction for each of its claims
"""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.agreement import lineage as pure
from claims.lineage_selectors import appearance_of
from claims.models import Claim, Correction, Lineage, LineageAppearance, Status
from sources.models import Source

# The figure fields whose change is a correction (the rest is bookkeeping).
FIGURE_FIELDS = ("value", "hedge", "value_low", "value_high", "unit", "currency", "rate_period")
CANDIDATES = 200


def touches_figure(fields) -> bool:
    """Whether an update names a figure field (whether it changed is figure_corrected's test)."""
    return bool(set(FIGURE_FIELDS) & set(fields))


def _on_record(claims):
    return claims.exclude(status__in=Status.OFF_RECORD)


@transaction.atomic
def lineages_propose(*, claims: Iterable[Claim], user=None) -> list[LineageAppearance]:
    """Propose each claim as an appearance of the figure it repeats; returns the new rows.

    A claim already in a lineage stays where it is (an editor may have put it there). A claim of
    a source declared `translation_of` another is paired one to one with the original's claims
    stating the same figure; any other claim joins the nearest figure another source stated
    (claims.agreement.lineage.one_figure), unless that lineage already has an appearance from
    its own source (a repetition within one document is not a new appearance).
    """
    # A figure without a value (vague, "tens of thousands") has nothing to be matched by.
    claims = [
        c
        for c in claims
        if c.pk and c.status not in Status.OFF_RECORD and c.value_normalised is not None
    ]
    placed = set(
        LineageAppearance.objects.filter(claim__in=claims).values_list("claim_id", flat=True)
    )
    added: list[LineageAppearance] = []
    by_source: dict[int, list[Claim]] = {}
    for claim in claims:
        if claim.pk not in placed:
            by_source.setdefault(claim.source_id, []).append(claim)
    for source_claims in by_source.values():
        source = source_claims[0].source
        if source.translation_of_id:
            added += _link_translation(source, source_claims, user, placed)
        for claim in sorted(source_claims, key=lambda c: (c.quote_start or 0, c.pk)):
            if claim.pk not in placed:
                row = _join_nearest(claim, user)
                if row is not None:
                    added.append(row)
                    placed.add(claim.pk)
    return added


def _link_translation(source: Source, claims: list[Claim], user, placed: set) -> list:
    originals = list(
        _on_record(Claim.objects.filter(source_id=source.translation_of_id))
        .select_related("source")
        .order_by("quote_start", "pk")
    )
    translated = sorted(claims, key=lambda c: (c.quote_start or 0, c.pk))
    pairs = pure.translation_pairs(
        [appearance_of(c) for c in originals], [appearance_of(c) for c in translated]
    )
    added = []
    for original, translation in pairs:
        original_claim = original.extra["claim"]
        row = _join(translation.extra["claim"], original_claim, user)
        if row is not None:
            added.append(row)
            placed.add(translation.claim_id)
    return added


def _join_nearest(claim: Claim, user) -> LineageAppearance | None:
    if LineageAppearance.objects.filter(claim=claim).exists():
        return None  # joined as another claim's nearest figure earlier in this run
    me = appearance_of(claim)
    value = Decimal(claim.value_normalised)
    reach = abs(value) * (2 * pure.MAX_ROUNDING_SHARE + pure.APPROX_TOLERANCE) + 1
    candidates = (
        _on_record(Claim.objects.filter(unit_family=claim.unit_family))
        .filter(value_normalised__gte=value - reach, value_normalised__lte=value + reach)
        .exclude(source_id=claim.source_id)
        .select_related("source")
        .order_by("claim_date", "pk")[:CANDIDATES]
    )
    matches = [c for c in candidates if pure.one_figure(me, appearance_of(c))]
    in_a_lineage = set(
        LineageAppearance.objects.filter(claim__in=matches).values_list("claim_id", flat=True)
    )

    # The nearest figure first; among equally near ones, a figure already in a lineage before
    # one that would start another, whatever its hedge: "up to 6,000" and "6,000" said by other
    # sources are one figure's appearances (the lineage marks the hedge as changed), not two
    # lineages that a matching order happened to start. A lineage that already holds this
    # claim's source is passed over for the next candidate.
    def preference(candidate):
        gap, rescaled, hedged = pure.closeness(me, appearance_of(candidate))
        return (gap, rescaled, candidate.pk not in in_a_lineage, hedged, candidate.pk)

    for candidate in sorted(matches, key=preference):
        row = _join(claim, candidate, user)
        if row is not None:
            return row
    return None


def _join(claim: Claim, repeated: Claim, user) -> LineageAppearance | None:
    """Put `claim` in the lineage of `repeated` (starting one when it has none)."""
    existing = LineageAppearance.objects.filter(claim=repeated).select_related("lineage").first()
    if existing is None:
        lineage = _new_lineage(repeated, user)
        _appearance(lineage, repeated, user)
    else:
        lineage = existing.lineage
        if lineage.appearances.filter(claim__source_id=claim.source_id).exists():
            return None
    return _appearance(lineage, claim, user)


def _appearance(lineage, claim, user, confirmed=False) -> LineageAppearance:
    row = LineageAppearance(lineage=lineage, claim=claim, added_by=user, confirmed=confirmed)
    row._history_user = user
    row.full_clean(validate_constraints=False)
    row.save()
    return row


@transaction.atomic
def lineage_confirm(*, lineage: Lineage, user) -> int:
    """The editor confirms every appearance of the lineage; returns how many were proposed."""
    rows = list(lineage.appearances.select_for_update().filter(confirmed=False))
    for row in rows:
        row.confirmed = True
        row._history_user = user
        row._change_reason = "confirmed"
        row.save()
    return len(rows)


@transaction.atomic
def lineage_split(*, claims: Iterable[Claim], user) -> Lineage:
    """Take the claims out of their lineages into a new one of their own, confirmed: the editor
    says they are another figure. A claim in no lineage is refused."""
    claims = list(claims)
    rows = list(LineageAppearance.objects.select_for_update().filter(claim__in=claims))
    missing = {c.pk for c in claims} - {row.claim_id for row in rows}
    if missing or not claims:
        raise ValidationError(
            _("Not in a lineage, so nothing to split: claim %(ids)s.")
            % {"ids": ", ".join(map(str, sorted(missing))) or _("none")}
        )
    lineage = _new_lineage(claims[0], user)
    emptied = {row.lineage_id for row in rows}
    for row in rows:
        row.lineage = lineage
        row.confirmed = True
        row._history_user = user
        row._change_reason = "split"
        row.save()
    _drop_empty(emptied, user)
    return lineage


@transaction.atomic
def lineage_merge(*, into: Lineage, others: Iterable[Lineage], user) -> Lineage:
    """Move every appearance of `others` into `into`, confirmed: one figure after all."""
    others = [other for other in others if other.pk != into.pk]
    rows = LineageAppearance.objects.select_for_update().filter(lineage__in=others)
    for row in rows:
        row.lineage = into
        row.confirmed = True
        row._history_user = user
        row._change_reason = f"merged from lineage {row.lineage_id}"
        row.save()
    _drop_empty({other.pk for other in others}, user)
    return into


def lineage_merge_claims(*, claim: Claim, other: Claim, user) -> Lineage:
    """Merge the lineage of `other` into that of `claim`, starting either where there is none."""
    mine = _lineage_for(claim, user)
    theirs = LineageAppearance.objects.filter(claim=other).select_related("lineage").first()
    if theirs is None:
        _appearance(mine, other, user, confirmed=True)
        return mine
    return lineage_merge(into=mine, others=[theirs.lineage], user=user)


def _lineage_for(claim: Claim, user) -> Lineage:
    row = LineageAppearance.objects.filter(claim=claim).select_related("lineage").first()
    if row is not None:
        return row.lineage
    lineage = _new_lineage(claim, user)
    _appearance(lineage, claim, user, confirmed=True)
    return lineage


def _new_lineage(claim: Claim, user) -> Lineage:
    """A lineage named for the figure as `claim` states it."""
    lineage = Lineage(created_by=user, label=claim.figure[:300])
    lineage._history_user = user
    lineage.save()
    return lineage


def _drop_empty(lineage_ids, user) -> None:
    for lineage in Lineage.objects.filter(pk__in=lineage_ids, appearances__isnull=True):
        lineage._history_user = user
        lineage.delete()  # the history keeps it


# ---- corrections -----------------------------------------------------------------------------


def correction_record(*, claim: Claim, kind: str, change: str, reason: str = "", by=None):
    """One change that travels to the sheets citing the claim and to its figure's appearances."""
    correction = Correction(
        claim=claim, kind=kind, change=change[:500], reason=reason, at=timezone.now(), by=by
    )
    correction._history_user = by
    correction.full_clean()
    correction.save()
    return correction


def status_corrected(*, claim: Claim, status_from: str, note, by) -> Correction:
    """A note changed the status of a claim on the record (not a proposal being decided)."""
    retracted = note.status_to == Status.RETRACTED
    kind = Correction.Kind.RETRACTED if retracted else Correction.Kind.CORRECTED
    change = _("Status: %(old)s → %(new)s") % {
        "old": Status(status_from).label,
        "new": Status(note.status_to).label,
    }
    return correction_record(claim=claim, kind=kind, change=change, reason=note.body, by=by)


def figure_corrected(*, claim: Claim, before: str, reason: str = "", by=None):
    """The claim's figure was changed after it was on the record."""
    if before == claim.figure:
        return None
    change = _("Figure: %(old)s → %(new)s") % {"old": before, "new": claim.figure}
    return correction_record(
        claim=claim, kind=Correction.Kind.CORRECTED, change=change, reason=reason, by=by
    )


@transaction.atomic
def source_withdraw(*, source: Source, user, reason: str) -> list[Correction]:
    """Withdraw a document: its claims stay (with history) and each gets a correction."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the source is withdrawn.")})
    source = Source.objects.select_for_update().get(pk=source.pk)
    if source.withdrawn_at:
        raise ValidationError(_("This source was already withdrawn."))
    source.withdrawn_at = timezone.now()
    source.withdrawn_reason = reason
    source._history_user = user
    source._change_reason = "withdrawn"
    source.save()
    change = _("Source withdrawn: %(title)s") % {"title": source.title[:400]}
    return [
        correction_record(
            claim=claim,
            kind=Correction.Kind.SOURCE_WITHDRAWN,
            change=change,
            reason=reason,
            by=user,
        )
        for claim in source.claims.exclude(status=Status.REJECTED).order_by("pk")
    ]
