"""An editor's decisions on claims: verdicts, and accepting or rejecting proposed claims.

Each decision is a verification note written through `note_add`, so the note is the record of
the status change. The admin's buttons and bulk actions call these; they write nothing themselves.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Claim, ConcurrentEditError, Origin, Status, VerificationNote
from claims.services import claim_retract, note_add

# The verdict buttons, in the order an editor reads them: status -> button label.
VERDICTS = {
    Status.VERIFIED: "Verify",
    Status.DISPUTED: "Dispute",
    Status.FALSE: "Mark false",
    Status.MISLEADING: "Mark misleading",
    Status.UNVERIFIABLE: "Unverifiable",
}
ACCEPT, REJECT = "accept", "reject"
DECISIONS = {**VERDICTS, ACCEPT: "Accept proposal", REJECT: "Reject proposal"}
DONE = {ACCEPT: "accepted", REJECT: "rejected"}


def is_proposal(claim: Claim) -> bool:
    """Proposed by extraction and not yet decided on."""
    return claim.origin == Origin.EXTRACTED and claim.status == Status.UNVERIFIED


@transaction.atomic
def claim_decide(
    *, claim: Claim, author, decision: str, note: str, expected_version: int | None
) -> VerificationNote:
    """Apply one decision to one claim; a stale `expected_version` raises ConcurrentEditError.

    A verdict needs a note; rejecting needs a reason (the note); accepting takes an optional note
    and moves the proposal into review.
    """
    note = note.strip()
    # Lock and re-read first: "is it still a proposal?" must be answered about the current row.
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and expected_version != claim.version:
        raise ConcurrentEditError(claim.version)
    if decision not in DECISIONS:
        raise ValidationError({"decision": f"{decision!r} is not a decision an editor can make."})
    if decision in (ACCEPT, REJECT) and not is_proposal(claim):
        raise ValidationError(
            f"Only a proposed claim that is still unverified can be {DONE[decision]}; "
            f"this one is {claim.get_origin_display().lower()} and {claim.get_status_display()}."
        )
    if decision == ACCEPT:
        return note_add(
            claim=claim,
            author=author,
            body=f"Accepted proposal. {note}".strip(),
            status_to=Status.IN_REVIEW,
            expected_version=expected_version,
        )
    if not note:
        raise ValidationError({"note": "Write a note: it is the record of why the status changed."})
    if decision == REJECT:
        return claim_retract(
            claim=claim,
            author=author,
            reason=f"Rejected proposal: {note}",
            expected_version=expected_version,
        )
    return note_add(
        claim=claim,
        author=author,
        body=note,
        status_to=decision,
        expected_version=expected_version,
    )


@transaction.atomic
def claims_decide(
    *, versions: Mapping[int, int], author, decision: str, note: str
) -> list[VerificationNote]:
    """The same decision on several claims, each with its own copy of the note; all or nothing.

    `versions` maps each claim's pk to the version the editor confirmed; if any claim has changed
    since, ConcurrentEditError is raised and no claim is touched.
    """
    claims = Claim.objects.in_bulk(list(versions))
    missing = set(versions) - set(claims)
    if missing:
        raise ValidationError(f"No claim with id {', '.join(map(str, sorted(missing)))}.")
    return [
        claim_decide(
            claim=claims[pk],
            author=author,
            decision=decision,
            note=note,
            expected_version=versions[pk],
        )
        for pk in sorted(versions)
    ]
