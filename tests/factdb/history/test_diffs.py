"""History reads as "field: old → new", in the words the admin uses."""

from decimal import Decimal

from claims.models import Hedge, Status, Tag
from claims.services import claim_decide
from factdb.history.diffs import EMPTY, readable_changes


def latest_changes(claim):
    record = claim.history.latest()
    return {(c.field, c.old, c.new) for c in readable_changes(record, record.prev_record)}


def test_a_verdict_reads_as_a_status_change(claim, editor):
    claim_decide(
        claim=claim, author=editor, decision=Status.VERIFIED, note="ok", expected_version=1
    )
    assert latest_changes(claim) == {("status", "unverified", "verified")}


def test_figures_and_hedges_read_as_a_person_writes_them(claim):
    claim.value, claim.hedge = Decimal("5000"), Hedge.APPROX
    claim.save()
    changes = latest_changes(claim)
    assert ("value", "6,000", "5,000") in changes
    assert ("hedge", "at most (up to)", "approximately") in changes


def test_bookkeeping_that_changes_on_every_save_is_left_out(claim):
    claim.place = "Tapachula"
    claim.save()
    assert latest_changes(claim) == {("place", EMPTY, "Tapachula")}


def test_tag_changes_are_listed_by_name(claim):
    claim.tags.add(Tag.objects.create(name="border"))  # records its own history entry
    assert ("tags", EMPTY, "border") in latest_changes(claim)
