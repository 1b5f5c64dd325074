"""Writes that touch several models, each in one transaction, each validated before it is stored.

Views, admin actions and management commands call these; they do not write claims and notes
themselves.
"""

from collections.abc import Iterable

from django.db import transaction

from sources.models import Source

from .models import Claim, ConcurrentEditError, Status, VerificationNote


@transaction.atomic
def note_add(
    *,
    claim: Claim,
    author,
    body: str,
    status_to: str | None = None,
    evidence_url: str = "",
    evidence_quote: str = "",
    evidence_sources: Iterable[Source] = (),
    expected_version: int | None = None,
) -> VerificationNote:
    """Attach a verification note; with `status_to`, the note records the claim's status change.

    `expected_version` is the claim version the editor saw; a stale one raises
    ConcurrentEditError before anything is written.
    """
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and expected_version != claim.version:
        raise ConcurrentEditError(claim.version)
    note = VerificationNote(
        claim=claim,
        author=author,
        body=body,
        status_from=claim.status if status_to else "",
        status_to=status_to or "",
        evidence_url=evidence_url,
        evidence_quote=evidence_quote,
    )
    note.full_clean()
    if status_to and status_to != claim.status:
        claim.status = status_to
        claim.full_clean()
        claim._change_reason = f"status {note.status_from} → {status_to} (verification note)"
        claim.save()
    note.save()
    if evidence_sources:
        note.evidence_sources.set(evidence_sources)
    return note


def claim_retract(*, claim: Claim, author, reason: str, expected_version=None) -> VerificationNote:
    """Claims are never deleted: retraction is a status change with the reason on record."""
    return note_add(
        claim=claim,
        author=author,
        body=reason,
        status_to=Status.RETRACTED,
        expected_version=expected_version,
    )
