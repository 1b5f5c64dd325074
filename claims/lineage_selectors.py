"""Reads for lineages and corrections: a claim's lineage as a reader may see it, the corrections a
fact sheet carries, and what the desk dashboard flags.

    claim_lineage(claim, user)   -> claims.agreement.lineage.Lineage of the claims `user` may read
    sheet_corrections(sheet)     -> [{"claim", "change", "reason", "at", ...}], oldest first
    sheets_to_republish()        -> sheets with a correction since their latest published version
    appearances_to_recheck()     -> other appearances of a corrected figure, not looked at since
    lineages_drifted()           -> proposed lineages whose figure changed meaning on the way
"""

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from claims.agreement.lineage import Appearance, lineage
from claims.models import (
    Claim,
    Correction,
    FactSheet,
    FactSheetItem,
    FactSheetVersion,
    LineageAppearance,
    Status,
    VerificationNote,
)
from claims.selectors import visible_claims
from sources.models import format_date_with_precision

APPEARANCE_FIELDS = ["source__publisher", "source"]


def appearance_of(claim: Claim) -> Appearance:
    """A claim (with its source loaded) as the pure lineage code reads it."""
    source = claim.source
    return Appearance(
        claim_id=claim.pk,
        source_id=source.pk,
        published_on=source.published_on,
        date_precision=source.date_precision,
        language=source.language,
        value=claim.value,
        value_normalised=claim.value_normalised,
        unit_family=claim.unit_family,
        unit=claim.unit,
        hedge=claim.hedge,
        quote=claim.quote,
        claim_date=claim.claim_date,
        period_start=claim.period_start,
        period_end=claim.period_end,
        measure_id=claim.measure_id,
        translation_of_id=source.translation_of_id,
        quote_start=claim.quote_start,
        extra={"claim": claim},
    )


def lineage_claims(lineage_id: int, user=None):
    claims = Claim.objects.filter(appearance__lineage_id=lineage_id)
    if user is not None:
        claims = claims.filter(pk__in=visible_claims(user).values("pk"))
    return claims.select_related("source__publisher", "appearance")


def claim_lineage(claim: Claim, user=None):
    """The lineage of `claim` among the claims `user` may read (all, without a user); a claim in
    no lineage is its own first and only appearance."""
    appearance = LineageAppearance.objects.filter(claim=claim).first()
    if appearance is None:
        claim = Claim.objects.select_related("source__publisher").get(pk=claim.pk)
        return lineage([appearance_of(claim)]), None
    claims = lineage_claims(appearance.lineage_id, user)
    return lineage(appearance_of(c) for c in claims), appearance.lineage


def lineage_rows(view) -> list[dict]:
    """The API's (and the timeline's) rows for a computed lineage."""
    rows = []
    for entry in view.entries:
        claim = entry.appearance.extra["claim"]
        source = claim.source
        rows.append(
            {
                "claim": claim.pk,
                "source": source.pk,
                "publisher": source.publisher.name,
                "published_on": iso_with_precision(source.published_on, source.date_precision),
                "published_display": source.published_display,
                "language": source.language,
                "relation": entry.relation,
                "changes": list(entry.changes),
                "drift": entry.drift,
                "figure": claim.figure,
                "quote": claim.quote,
                "status": claim.status,
                "confirmed": bool(getattr(getattr(claim, "appearance", None), "confirmed", False)),
            }
        )
    return rows


def iso_with_precision(day, precision: str) -> str:
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}.get(precision, day.isoformat())


def first_appearances(claims) -> set[int]:
    """Of `claims`, those that are the first appearance of their lineage's figure."""
    ids = [c.pk for c in claims]
    lineage_ids = set(
        LineageAppearance.objects.filter(claim_id__in=ids).values_list("lineage_id", flat=True)
    )
    if not lineage_ids:
        return set()
    members = Claim.objects.filter(appearance__lineage_id__in=lineage_ids).select_related(
        "source", "appearance"
    )
    grouped: dict[int, list] = {}
    for member in members:
        grouped.setdefault(member.appearance.lineage_id, []).append(appearance_of(member))
    firsts = {lineage(group).first.claim_id for group in grouped.values()}
    return firsts & set(ids)


# ---- corrections -----------------------------------------------------------------------------


def sheet_corrections(sheet: FactSheet) -> list[dict]:
    """The corrections to the claims a sheet cites since it was first published, oldest first
    (none before then: there was nothing published to correct)."""
    first = sheet.versions.order_by("number").first()
    if first is None:
        return []
    rows = (
        Correction.objects.filter(claim__sheet_items__sheet=sheet, at__gt=first.published_at)
        .select_related("claim")
        .order_by("at", "pk")
    )
    return [correction_row(row) for row in rows]


def correction_row(correction: Correction) -> dict:
    when = timezone.localtime(correction.at)
    return {
        "claim": correction.claim_id,
        "kind": correction.kind,
        "change": correction.change,
        "reason": correction.reason,
        "at": when.replace(microsecond=0).isoformat(),
        "date_display": format_date_with_precision(when.date(), "day"),
    }


def sheets_to_republish():
    """Sheets citing a claim corrected since the sheet's latest published version."""
    corrected = Correction.objects.filter(
        claim__sheet_items__sheet=OuterRef("pk"), at__gt=OuterRef("last_published")
    )
    latest = FactSheetVersion.objects.filter(sheet=OuterRef("pk")).order_by("-number")
    return (
        FactSheet.objects.annotate(last_published=Subquery(latest.values("published_at")[:1]))
        .filter(last_published__isnull=False)
        .filter(Exists(corrected))
        .order_by("title")
    )


def appearances_to_recheck(limit: int = 50) -> list[dict]:
    """Other appearances of a figure corrected in one of its claims, without a note since the
    correction: {"claim", "corrected", "correction"}, newest correction first."""
    corrections = (
        Correction.objects.filter(claim__appearance__isnull=False)
        .select_related("claim__appearance")
        .order_by("-at", "-pk")[:200]
    )
    rows, seen = [], set()
    for correction in corrections:
        later_note = VerificationNote.objects.filter(
            claim=OuterRef("pk"), created_at__gt=correction.at
        )
        later_correction = Correction.objects.filter(claim=OuterRef("pk"), at__gt=correction.at)
        siblings = (
            Claim.objects.filter(appearance__lineage_id=correction.claim.appearance.lineage_id)
            .exclude(pk=correction.claim_id)
            .exclude(status__in=Status.OFF_RECORD)
            .exclude(Exists(later_note) | Exists(later_correction))
            .select_related("source__publisher")
        )
        for sibling in siblings:
            if sibling.pk in seen:
                continue
            seen.add(sibling.pk)
            rows.append({"claim": sibling, "corrected": correction.claim, "correction": correction})
            if len(rows) >= limit:
                return rows
    return rows


def lineages_drifted(limit: int = 50) -> list[dict]:
    """Lineages with a proposed (unconfirmed) appearance whose figure changed meaning from the
    first: {"lineage", "first", "claim", "drift"}."""
    lineage_ids = (
        LineageAppearance.objects.filter(confirmed=False)
        .order_by("lineage_id")
        .values_list("lineage_id", flat=True)
        .distinct()[:200]
    )
    members = (
        Claim.objects.filter(appearance__lineage_id__in=list(lineage_ids))
        .select_related("source__publisher", "appearance")
        .order_by("pk")
    )
    grouped: dict[int, list] = {}
    for member in members:
        grouped.setdefault(member.appearance.lineage_id, []).append(appearance_of(member))
    rows = []
    for lineage_id, group in sorted(grouped.items()):
        view = lineage(group)
        for entry in view.drifted:
            claim = entry.appearance.extra["claim"]
            if claim.appearance.confirmed:
                continue
            rows.append(
                {
                    "lineage": lineage_id,
                    "first": view.first.extra["claim"],
                    "claim": claim,
                    "drift": entry.drift,
                }
            )
    return rows[:limit]


def sheets_citing(claim_ids):
    """The sheets that cite any of the claims."""
    return FactSheet.objects.filter(
        Exists(FactSheetItem.objects.filter(sheet=OuterRef("pk"), claim_id__in=claim_ids))
    )
