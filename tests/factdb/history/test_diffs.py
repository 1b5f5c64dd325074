"""History reads as "field: old → new", in the words the admin uses."""

from decimal import Decimal

from django.core.management import call_command

from claims.models import Claim, Hedge, Status, Tag
from claims.services import claim_decide
from factdb.history.diffs import EMPTY, readable_changes
from factdb.history.m2m import bulk_history_with_m2m


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


def test_a_first_verdict_on_a_seeded_claim_lists_no_tags_it_never_touched(db, editor):
    call_command("seed", verbosity=0)
    tagged = [claim for claim in Claim.objects.all() if claim.tags.exists()]
    assert tagged, "the seed data has tagged claims"
    for claim in tagged:
        claim_decide(
            claim=claim,
            author=editor,
            decision=Status.VERIFIED,
            note="ok",
            expected_version=claim.version,
        )
        assert latest_changes(claim) == {("status", "unverified", "verified")}


def test_a_record_written_in_bulk_holds_the_tags_of_its_row(claim):
    claim.tags.add(Tag.objects.create(name="border"))
    claim.history.all().delete()
    bulk_history_with_m2m(type(claim), [claim])
    record = claim.history.get()
    assert [row.tag.name for row in record.tags.all()] == ["border"]
