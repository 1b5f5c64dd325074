"""Editors' decisions: each verdict is a note recording the status change, never a silent edit."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim, ConcurrentEditError, Origin, Status, VerificationNote
from claims.services import ACCEPT, REJECT, claim_decide, claims_decide, claims_propose
from tests import factories


@pytest.fixture
def proposal(source):
    return factories.claim(source=source, origin=Origin.EXTRACTED)


def test_a_verdict_is_a_note_recording_the_status_change(claim, editor):
    note = claim_decide(
        claim=claim,
        author=editor,
        decision=Status.VERIFIED,
        note="Matches the joint declaration.",
        expected_version=claim.version,
    )
    assert (note.author, note.status_from, note.status_to) == (editor, "unverified", "verified")
    assert note.body == "Matches the joint declaration."
    assert Claim.objects.get(pk=claim.pk).status == Status.VERIFIED


def test_a_verdict_without_a_note_is_refused(claim, editor):
    with pytest.raises(ValidationError, match="Write a note"):
        claim_decide(
            claim=claim, author=editor, decision=Status.FALSE, note="  ", expected_version=1
        )
    assert Claim.objects.get(pk=claim.pk).status == Status.UNVERIFIED


def test_a_stale_verdict_is_refused_and_writes_nothing(claim, editor):
    loaded = claim.version
    claim.summary = "someone else's edit"
    claim.save()
    with pytest.raises(ConcurrentEditError):
        claim_decide(
            claim=claim, author=editor, decision=Status.VERIFIED, note="ok", expected_version=loaded
        )
    assert not VerificationNote.objects.exists()
    assert Claim.objects.get(pk=claim.pk).status == Status.UNVERIFIED


def test_an_unknown_decision_is_refused(claim, editor):
    with pytest.raises(ValidationError, match="not a decision"):
        claim_decide(claim=claim, author=editor, decision="deleted", note="x", expected_version=1)


def test_accepting_a_proposal_moves_it_into_review_with_a_note(proposal, editor):
    note = claim_decide(claim=proposal, author=editor, decision=ACCEPT, note="", expected_version=1)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.origin) == (Status.IN_REVIEW, Origin.EXTRACTED)
    assert note.body == "Accepted proposal."


def test_rejecting_a_proposal_gives_it_its_own_state_with_the_reason(proposal, editor):
    note = claim_decide(
        claim=proposal,
        author=editor,
        decision=REJECT,
        note="a year, not a count",
        expected_version=1,
    )
    assert Claim.objects.get(pk=proposal.pk).status == Status.REJECTED
    assert note.body == "Rejected proposal: a year, not a count"


def test_rejecting_needs_a_reason(proposal, editor):
    with pytest.raises(ValidationError, match="Write a note"):
        claim_decide(claim=proposal, author=editor, decision=REJECT, note="", expected_version=1)


def test_only_undecided_proposals_can_be_accepted_or_rejected(claim, editor):
    with pytest.raises(ValidationError, match="Only a proposed claim"):
        claim_decide(claim=claim, author=editor, decision=ACCEPT, note="", expected_version=1)


def test_a_bulk_verdict_gives_each_claim_its_own_note(source, editor):
    claims = [factories.claim(source=source) for _ in range(3)]
    notes = claims_decide(
        versions={c.pk: c.version for c in claims},
        author=editor,
        decision=Status.DISPUTED,
        note="Other counts differ.",
    )
    assert len({note.pk for note in notes}) == 3
    assert {note.claim_id for note in notes} == {c.pk for c in claims}
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.DISPUTED}


def test_a_bulk_verdict_is_all_or_nothing_when_one_claim_changed(source, editor):
    claims = [factories.claim(source=source) for _ in range(3)]
    versions = {c.pk: c.version for c in claims}
    claims[-1].summary = "changed meanwhile"
    claims[-1].save()
    with pytest.raises(ConcurrentEditError):
        claims_decide(versions=versions, author=editor, decision=Status.VERIFIED, note="ok")
    assert not VerificationNote.objects.exists()
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.UNVERIFIED}


def test_a_rejected_proposal_is_kept_but_left_out_of_lists_and_not_proposed_again(
    proposal, editor, editor_api
):
    claim_decide(claim=proposal, author=editor, decision=REJECT, note="noise", expected_version=1)
    ids = [row["id"] for row in editor_api.get("/api/v1/claims/").json()["results"]]
    assert proposal.pk not in ids
    asked = editor_api.get("/api/v1/claims/", {"status": "rejected"}).json()["results"]
    assert [row["id"] for row in asked] == [proposal.pk]
    assert editor_api.get(f"/api/v1/claims/{proposal.pk}/").status_code == 200
    assert proposal.history.count() == 2  # proposed, then rejected
    source = proposal.source
    source.text = proposal.quote
    source.save()
    assert claims_propose(source=source) == ([], 1)
