"""The one fact-sheet context every renderer reads: plain, JSON-able data, built once.

A published version stores this dict as it was, so it re-renders the same forever; nothing in it
points back at a live row. Citations are numbered in order of first use, one number per source:

    build_context(sheet)["items"][0]["citation"]  -> 1
    build_context(sheet)["citations"][0]          -> {"number": 1, "publisher": "Reuters", ...}
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from claims.agreement.timeline import charts_by_measure
from claims.factsheets.branding import org_logo, org_name
from claims.lineage_selectors import sheet_corrections
from claims.models import Claim, FactSheet, FactSheetItem, Status, VerificationNote
from sources.models import Source, format_date_with_precision

# Bumped when the shape changes, so a renderer can tell an old frozen context from a new one.
# 2: "corrections" (what changed in the claims cited since the sheet was first published), the
# organisation's logo ("logo"), "accessed" only from the source's retrieval date, and a public
# permalink in "url"; the renderers keep drawing schema 1 contexts exactly as before.
CONTEXT_SCHEMA = 2

# Statuses that are a newsroom's verdict on the claim (and so can be published as a ClaimReview).
# What the reader is told about a figure nobody has checked yet: marked, never hidden.
UNCHECKED_NOTICE = {
    Status.UNVERIFIED: gettext_lazy(
        "Not yet verified: this is what the source says, not a checked figure"
    ),
    Status.IN_REVIEW: gettext_lazy("Not yet verified (in review): this is what the source says"),
    Status.RETRACTED: gettext_lazy("Retracted: this figure was withdrawn from the record"),
}


def newsroom_name() -> str:
    return org_name()


def build_context(
    sheet_or_claims: FactSheet | Iterable[Claim],
    *,
    title: str = "",
    intro: str = "",
    slug: str = "",
    version: int | None = None,
    generated_at: datetime.datetime | None = None,
    url: str = "",
) -> dict:
    """Everything a fact sheet shows, from a FactSheet (its items in order) or any claims.

    `generated_at` is the export date (a published version passes its publication time). The
    context is English whatever language is active (a published version freezes it); localise.py
    reads it in another language when it is rendered.
    """
    with translation.override("en"):
        return _build_context(
            sheet_or_claims,
            title=title,
            intro=intro,
            slug=slug,
            version=version,
            generated_at=generated_at,
            url=url,
        )


def _build_context(sheet_or_claims, *, title, intro, slug, version, generated_at, url) -> dict:
    generated_at = (generated_at or timezone.now()).replace(microsecond=0)
    corrections = []
    if isinstance(sheet_or_claims, FactSheet):
        sheet = sheet_or_claims
        title, intro, slug = title or sheet.title, intro or sheet.intro, slug or sheet.slug
        entries = [(item.claim, item.note) for item in sheet_items(sheet)]
        corrections = sheet_corrections(sheet)
    else:
        entries = [(claim, "") for claim in with_context_data(sheet_or_claims)]
    citations: dict[int, dict] = {}
    items = []
    for position, (claim, note) in enumerate(entries, start=1):
        source = claim.source
        if source.pk not in citations:
            citations[source.pk] = citation(source, len(citations) + 1, generated_at)
        items.append(item(claim, position, note, citations[source.pk]["number"]))
    local_date = timezone.localtime(generated_at).date()
    return {
        "schema": CONTEXT_SCHEMA,
        "title": title or "Fact sheet",
        "slug": slug,
        "intro": intro,
        "version": version,
        "published": version is not None,
        "generated_at": generated_at.isoformat(),
        "date": local_date.isoformat(),
        "date_display": format_date_with_precision(local_date, "day"),
        "newsroom": newsroom_name(),
        "logo": org_logo(),
        "url": url,
        "items": items,
        "citations": list(citations.values()),
        "counts": status_counts(items),
        "corrections": with_positions(corrections, items),
        # A timeline per measure the sheet's figures share, points numbered as the items are.
        "charts": charts_by_measure(
            [claim for claim, _ in entries], {e["claim_id"]: str(e["position"]) for e in items}
        ),
    }


def with_positions(corrections: list[dict], items: list[dict]) -> list[dict]:
    """Each correction with the item it concerns (position and figure as the sheet shows it)."""
    by_claim = {entry["claim_id"]: entry for entry in items}
    return [
        {**row, **{key: by_claim[row["claim"]][key] for key in ("position", "figure")}}
        for row in corrections
        if row["claim"] in by_claim
    ]


def sheet_items(sheet: FactSheet):
    items = FactSheetItem.objects.filter(sheet=sheet).order_by("position", "pk")
    return items.select_related(*(f"claim__{path}" for path in CLAIM_RELATED)).prefetch_related(
        Prefetch("claim__notes", queryset=NOTES)
    )


CLAIM_RELATED = ["source__publisher", "source__translation_of__publisher", "claimant"]
NOTES = VerificationNote.objects.select_related("author").order_by("created_at", "pk")


def with_context_data(claims: Iterable[Claim]) -> list[Claim]:
    """The claims, in their given order, with what the context reads fetched in a few queries."""
    if hasattr(claims, "select_related"):
        claims = claims.select_related(*CLAIM_RELATED).prefetch_related(
            Prefetch("notes", queryset=NOTES)
        )
    return list(claims)


def item(claim: Claim, position: int, note: str, number: int) -> dict:
    latest = latest_note(claim)
    return {
        "position": position,
        "claim_id": claim.pk,
        "figure": claim.figure,
        "quote": claim.quote,
        "summary": claim.summary,
        "status": claim.status,
        "status_label": str(Status(claim.status).label),
        "verdict": claim.status in Status.VERDICTS,
        "notice": str(UNCHECKED_NOTICE.get(claim.status, "")),
        "claimant": claimant(claim),
        "said_by": said_by(claim),
        "attribution": claim.attribution,
        "claim_date": claim.claim_date.isoformat() if claim.claim_date else "",
        "claim_date_display": claim.claim_date_display,
        "place": claim.place,
        "value": plain_number(claim.value),
        "hedge": claim.hedge,
        "value_low": plain_number(claim.value_low),
        "value_high": plain_number(claim.value_high),
        "unit": claim.unit,
        "currency": claim.currency,
        "rate_period": claim.rate_period,
        "verification": latest,
        "note": note,
        "citation": number,
    }


def latest_note(claim: Claim) -> dict | None:
    notes = list(claim.notes.all())
    if not notes:
        return None
    note = notes[-1]
    when = timezone.localtime(note.created_at).date()
    return {
        "body": note.body,
        "author": note.author.get_full_name() or note.author.get_username(),
        "date": when.isoformat(),
        "date_display": format_date_with_precision(when, "day"),
    }


def public_context(context: dict) -> dict:
    """The context as anonymous readers get it (FACTDB_PUBLIC_READ): no staff names. A note is
    signed by the newsroom rather than by the editor who wrote it.

        public_context(c)["items"][0]["verification"]["author"]  -> "factdb newsroom"
    """
    items = [
        {**entry, "verification": {**entry["verification"], "author": context["newsroom"]}}
        if entry.get("verification")
        else entry
        for entry in context["items"]
    ]
    return {**context, "items": items}


def claimant(claim: Claim) -> dict | None:
    if claim.claimant is None:
        return None
    who = claim.claimant
    return {"name": who.name, "kind": who.kind, "description": who.description}


def said_by(claim: Claim) -> str:
    """Who the reader should hold to the figure: its claimant, else the publisher who printed it."""
    if claim.claimant is None:
        return claim.source.publisher.name
    who = claim.claimant
    return f"{who.name}, {who.description}" if who.description else who.name


def citation(source: Source, number: int, generated_at: datetime.datetime) -> dict:
    accessed = accessed_on(source, generated_at)
    return {
        "number": number,
        "source_id": source.pk,
        **document(source),
        "authors": source.authors,
        "kind": source.kind,
        "accessed": accessed.isoformat() if accessed else "",
        "accessed_display": format_date_with_precision(accessed, "day"),
        "archive_url": source.archive_url,
        "translation_of": document(source.translation_of) if source.translation_of else None,
    }


def accessed_on(source: Source, generated_at: datetime.datetime) -> datetime.date | None:
    """When the document was read: its retrieval time. A source that records none has no access
    date to give (the export's date would claim a reading nobody made)."""
    if source.retrieved_at:
        return timezone.localtime(source.retrieved_at).date()
    return None


def document(source: Source) -> dict:
    """What identifies a document in a reference list; also used for the original it translates."""
    return {
        "publisher": source.publisher.name,
        "title": source.title,
        "date": iso_with_precision(source.published_on, source.date_precision),
        "date_display": source.published_display,
        "url": source.url or "",
        "language": source.language,
    }


def iso_with_precision(day: datetime.date, precision: str) -> str:
    """ISO 8601 only as precise as the date is known: '2019-06' for June 2019, '2019' for 2019."""
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}.get(precision, day.isoformat())


def plain_number(value: Decimal | None) -> str:
    """'6000', '0.5', '' for none: no exponent, no trailing zeros from the column's scale."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def status_counts(items: list[dict]) -> dict:
    counts: dict[str, int] = {}
    for entry in items:
        counts[entry["status"]] = counts.get(entry["status"], 0) + 1
    return {"total": len(items), "unchecked": sum(1 for e in items if not e["verdict"]), **counts}
