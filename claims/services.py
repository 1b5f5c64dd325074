"""Writes that touch several models, each in one transaction, each validated before it is stored.

Views, admin actions and management commands call these; they do not write claims and notes
themselves.
"""

from collections.abc import Iterable

from django.db import transaction

from claims.models import Claim, ConcurrentEditError, Status, Tag, VerificationNote
from factdb.history.m2m import m2m_in_last_record, tags_in_last_record
from sources.models import Source


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
        with m2m_in_last_record(note, "evidence_sources"):
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


# Set through the claim's own workflow, never by a create or update call.
CLAIM_WRITE_PROTECTED = frozenset(
    {"id", "pk", "version", "created_by", "created_at", "updated_at", "status", "origin"}
)


@transaction.atomic
def claim_create(*, created_by, tags: Iterable[str] = (), **fields) -> Claim:
    """Record a new claim (status unverified, origin manual) with its tags by name.

    The quote is anchored in the source's text when it appears there and no offsets are given.
    One history record is written, tags included, attributed to `created_by`.
    """
    _refuse_protected(fields)
    claim = Claim(**fields, created_by=created_by)
    claim._history_user = created_by
    claim.locate_quote()
    claim.full_clean()
    claim.save()
    tag_objects = _tags_named(tags)
    if tag_objects:
        # The creation record was written by save(), before the claim could have tags; set them
        # without a second record, into the first.
        with tags_in_last_record(claim):
            claim.tags.set(tag_objects)
    return claim


@transaction.atomic
def claim_update(
    *, claim: Claim, author, expected_version: int, tags: Iterable[str] | None = None, **fields
) -> Claim:
    """Change a claim the editor read at `expected_version` (its ETag).

    The version is checked by the UPDATE itself (Claim.save's compare-and-swap), so of two
    editors who read the same version exactly one succeeds; the other gets ConcurrentEditError
    and nothing of theirs is written, tags included. One history record per update.
    """
    _refuse_protected(fields)
    for name, value in fields.items():
        setattr(claim, name, value)
    claim._history_user = author
    claim.full_clean()
    # After validation: an impossible version (0, or beyond the column) is simply stale.
    claim.version = expected_version
    if tags is not None:
        # Set before save() so the one record save() writes already holds the new tags.
        claim.skip_history_when_saving = True
        try:
            claim.tags.set(_tags_named(tags))
        finally:
            del claim.skip_history_when_saving
    claim.save()
    return claim


def _refuse_protected(fields: dict) -> None:
    protected = CLAIM_WRITE_PROTECTED & fields.keys()
    if protected:
        raise TypeError(f"Set by the workflow, not by callers: {', '.join(sorted(protected))}")


def _tags_named(names: Iterable[str]) -> list[Tag]:
    tags = []
    for name in dict.fromkeys(names):
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            tag = Tag(name=name)
            tag.full_clean()
            tag.save()
        tags.append(tag)
    return tags
