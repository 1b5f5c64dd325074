"""The one fact-sheet context: items in order, citations numbered by first use, one per source."""

import datetime
import json
from decimal import Decimal

from django.utils import timezone

from claims.factsheets.context import build_context, iso_with_precision, plain_number
from claims.factsheets.renderers import markdown_citation
from claims.models import Claim
from tests import factories

from .conftest import FIGURES


def test_two_claims_from_one_source_share_a_citation_number(seed_sheet):
    items = build_context(seed_sheet)["items"]
    troops, deported = items[0], items[2]
    assert troops["quote"] != deported["quote"]
    assert troops["citation"] == deported["citation"] == 1


def test_citations_are_numbered_in_order_of_first_use(seed_sheet):
    context = build_context(seed_sheet)
    assert [item["citation"] for item in context["items"]] == [1, 2, 1, 3]
    assert [cited["number"] for cited in context["citations"]] == [1, 2, 3]
    assert [cited["publisher"] for cited in context["citations"]][:2] == [
        "Reuters",
        "Migration Policy Institute",
    ]


def test_one_citation_per_source_however_many_claims_use_it(seed_sheet):
    context = build_context(seed_sheet)
    source_ids = [cited["source_id"] for cited in context["citations"]]
    assert len(source_ids) == len(set(source_ids)) == 3


def test_items_follow_the_sheet_order_with_figures_as_a_person_reads_them(seed_sheet):
    items = build_context(seed_sheet)["items"]
    assert [item["figure"] for item in items] == [FIGURES[0], FIGURES[2], FIGURES[1], FIGURES[3]]
    assert [item["position"] for item in items] == [1, 2, 3, 4]


def test_each_item_carries_its_latest_verification_note_and_sheet_note(seed_sheet, editor):
    from claims.services import note_add

    active = Claim.objects.get(unit="active duty troops")
    note_add(claim=active, author=editor, body="Second look: still wrong.")
    item = build_context(seed_sheet)["items"][1]
    assert item["verification"]["body"] == "Second look: still wrong."
    assert item["verification"]["author"] == "eddie"
    assert item["verification"]["date"] == timezone.localdate().isoformat()
    assert item["note"] == "The figure the Pentagon later corrected."
    assert item["claimant"]["name"] == "US Department of Defense"


def test_unverified_claims_are_marked_as_such_not_hidden(seed_sheet):
    context = build_context(seed_sheet)
    deported = context["items"][2]
    assert deported["status"] == "unverified"
    assert deported["verdict"] is False
    assert deported["notice"].startswith("Not yet verified")
    assert deported["verification"] is None
    assert context["counts"]["unchecked"] == 1


def test_citation_has_what_a_reference_list_needs(seed_sheet):
    first, second, _ = build_context(seed_sheet)["citations"]
    assert first["title"] == "Mexico to deploy up to 6,000 National Guard troops to border"
    assert first["authors"] == "Dave Graham, Frank Jack Daniel"
    assert (first["date"], first["date_display"]) == ("2019-06-07", "7 June 2019")
    assert first["url"] == "https://reuters.example/2019/06/07/mexico-guard"
    assert first["archive_url"] == "https://archive.example/reuters-mexico-guard"
    assert first["translation_of"]["publisher"] == "La Jornada"
    assert first["translation_of"]["language"] == "es"
    assert (second["date"], second["date_display"]) == ("2019-06", "June 2019")
    assert second["translation_of"] is None


def test_accessed_is_the_retrieval_date_and_never_the_export_date(seed_sheet):
    from sources.models import Source

    Source.objects.filter(title__startswith="Border enforcement").update(
        retrieved_at=datetime.datetime(2019, 6, 2, 12, tzinfo=datetime.UTC)
    )
    Source.objects.filter(title__startswith="Mexico to deploy").update(retrieved_at=None)
    exported = datetime.datetime(2024, 3, 5, 9, tzinfo=datetime.UTC)
    reuters, report, _ = build_context(seed_sheet, generated_at=exported)["citations"]
    assert report["accessed"] == "2019-06-02"
    # Nobody recorded when Reuters' page was read: the export's date would say it was then.
    assert (reuters["accessed"], reuters["accessed_display"]) == ("", "")


def test_a_document_with_no_url_and_no_retrieval_time_has_no_access_date(seed_sheet):
    from sources.models import Source

    Source.objects.filter(title__startswith="Border enforcement").update(url=None)
    report = build_context(seed_sheet)["citations"][1]
    assert (report["accessed"], report["accessed_display"]) == ("", "")
    assert "Accessed" not in markdown_citation(report)


def test_an_adhoc_sheet_from_claims_keeps_their_order(db):
    older = factories.claim(quote="1,500 active duty troops", value=1500)
    newer = factories.claim()
    context = build_context(Claim.objects.filter(pk__in=[older.pk, newer.pk]).order_by("-pk"))
    assert [item["claim_id"] for item in context["items"]] == [newer.pk, older.pk]
    assert context["citations"][0]["source_id"] == newer.source_id
    assert context["version"] is None and context["published"] is False


def test_the_context_is_plain_json(seed_sheet):
    context = build_context(seed_sheet)
    assert json.loads(json.dumps(context)) == context


def test_numbers_and_dates_are_written_without_noise():
    assert plain_number(None) == ""
    assert plain_number(Decimal("6000.000000")) == "6000"
    assert plain_number(Decimal("0.500000")) == "0.5"
    assert iso_with_precision(datetime.date(2019, 1, 1), "year") == "2019"
