"""Corrections that travel, on the demo sheet (fixtures/zz_factsheet_demo.json): retract a claim
it cites, and the sheet's API lists the correction, the desk dashboard flags the sheet, the next
published version carries the notice in every format; version 1 stays byte for byte."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims import lineage_services
from claims.factsheets.renderers import FORMATS, render
from claims.factsheets.services import sheet_publish
from claims.models import Claim, Correction, FactSheet
from claims.services import claim_retract, claim_update, note_add

from .conftest import pdf_text

DEMO = "us-mexico-border-deployments"
REASON = "The ministry's own decree says 6,500, not up to 6,000."


@pytest.fixture
def demo(db, editor):
    call_command("seed", verbosity=0)
    sheet = FactSheet.objects.get(slug=DEMO)
    version_1 = sheet_publish(sheet=sheet, user=editor)
    before = {fmt: render(version_1.context, fmt) for fmt in FORMATS}
    troops = sheet.items.order_by("position").first().claim
    return sheet, version_1, before, troops


def retract(claim, editor):
    return claim_retract(claim=claim, author=editor, reason=REASON)


def test_no_corrections_before_any(demo, client, journalist):
    sheet, *_ = demo
    client.force_login(journalist)
    data = client.get(reverse("factsheet-detail", args=[sheet.slug])).json()
    assert data["corrections"] == []


def test_the_sheet_lists_the_retraction(demo, client, journalist, editor):
    sheet, _v1, _before, troops = demo
    retract(troops, editor)
    client.force_login(journalist)
    data = client.get(reverse("factsheet-detail", args=[sheet.slug])).json()
    (row,) = data["corrections"]
    assert row["claim"] == troops.pk
    assert row["kind"] == "retracted"
    assert row["change"] == "Status: Unverified → Retracted"
    assert row["reason"] == REASON
    at = datetime.datetime.fromisoformat(row["at"].replace("Z", "+00:00"))
    assert abs(at - Correction.objects.get().at) < datetime.timedelta(seconds=1)
    # "at" is written to the second, so a retraction in the second of publishing can equal it.
    assert at >= _v1.published_at.replace(microsecond=0)


def test_the_dashboard_flags_the_sheet_until_a_new_version_carries_the_notice(demo, client, editor):
    sheet, _v1, _before, troops = demo
    client.force_login(editor)
    index = reverse("admin:index")
    change_url = reverse("admin:claims_factsheet_change", args=[sheet.pk])
    # The seed's lineages already flag a drift ("up to 6,000" -> "more than 6,000"), not the sheet.
    assert change_url not in client.get(index).content.decode()
    retract(troops, editor)
    html = client.get(index).content.decode()
    assert "Corrections that travel" in html
    assert reverse("admin:claims_factsheet_change", args=[sheet.pk]) in html
    sheet_publish(sheet=sheet, user=editor)
    assert reverse("admin:claims_factsheet_change", args=[sheet.pk]) not in (
        client.get(index).content.decode()
    )


def test_the_next_version_carries_the_notice_in_html_pdf_and_jsonld(demo, editor):
    sheet, _v1, _before, troops = demo
    retract(troops, editor)
    version_2 = sheet_publish(sheet=sheet, user=editor)
    html = render(version_2.context, "html").decode()
    assert '<section class="corrections" id="corrections">' in html
    assert "Status: Unverified → Retracted" in html and REASON.replace("'", "&#x27;") in html
    pdf = pdf_text(render(version_2.context, "pdf"))
    assert "Corrections" in pdf and "Unverified → Retracted" in pdf
    assert "decree says 6,500" in pdf
    graph = json.loads(render(version_2.context, "jsonld"))["@graph"]
    (review,) = [r for r in graph if r["claimReviewed"] == troops.quote]
    correction = version_2.context["corrections"][0]
    assert review["dateModified"] == correction["at"]
    assert review["reviewRating"]["alternateName"] == "Retracted"
    assert review["correction"][0]["@type"] == "CorrectionComment"
    assert REASON in review["correction"][0]["text"]


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_the_notice_is_in_the_other_formats_too(demo, editor, fmt):
    sheet, _v1, _before, troops = demo
    retract(troops, editor)
    body = render(sheet_publish(sheet=sheet, user=editor).context, fmt).decode("utf-8-sig")
    assert "Unverified → Retracted" in body
    assert "decree says 6,500" in body


def test_version_1_is_unchanged_byte_for_byte(demo, editor):
    sheet, version_1, before, troops = demo
    stored = json.dumps(version_1.context, sort_keys=True)
    retract(troops, editor)
    sheet_publish(sheet=sheet, user=editor)
    version_1 = sheet.versions.get(number=1)
    assert json.dumps(version_1.context, sort_keys=True) == stored
    assert version_1.context["corrections"] == []
    for fmt in FORMATS:
        assert render(version_1.context, fmt) == before[fmt], fmt


def test_a_changed_figure_is_a_correction_too(demo, editor):
    sheet, _v1, _before, troops = demo
    claim_update(claim=troops, author=editor, expected_version=troops.version, hedge="exact")
    (correction,) = Correction.objects.all()
    assert correction.change == (
        "Figure: up to 6,000 National Guard troops → 6,000 National Guard troops"
    )


def test_a_verdict_is_a_correction_once_published_but_deciding_a_proposal_is_not(demo, editor):
    sheet, _v1, _before, troops = demo
    note_add(claim=troops, author=editor, body="Checked against the decree.", status_to="verified")
    assert Correction.objects.get().change == "Status: Unverified → Verified"
    proposal = Claim.objects.exclude(pk=troops.pk).first()
    Claim.objects.filter(pk=proposal.pk).update(origin="extracted")
    proposal.refresh_from_db()
    note_add(claim=proposal, author=editor, body="Accepted.", status_to="in_review")
    assert Correction.objects.count() == 1


def test_a_withdrawn_source_corrects_each_of_its_claims(demo, editor):
    sheet, _v1, _before, troops = demo
    corrections = lineage_services.source_withdraw(
        source=troops.source, user=editor, reason="The outlet took the article down."
    )
    assert troops.pk in {c.claim_id for c in corrections}
    assert all(c.kind == "source_withdrawn" for c in corrections)
    troops.source.refresh_from_db()
    assert troops.source.withdrawn_at is not None
    with pytest.raises(Exception, match="already withdrawn"):
        lineage_services.source_withdraw(source=troops.source, user=editor, reason="Again.")


def test_withdrawing_needs_a_reason(demo, editor):
    _sheet, _v1, _before, troops = demo
    with pytest.raises(Exception, match="Say why"):
        lineage_services.source_withdraw(source=troops.source, user=editor, reason="  ")
    assert not Correction.objects.exists()


def test_the_withdraw_source_command_refuses_without_a_reason_and_names_the_source(demo, editor):
    import io

    from django.core.management.base import CommandError

    _sheet, _v1, _before, troops = demo
    with pytest.raises(CommandError, match="Say why"):
        call_command("withdraw_source", str(troops.source_id), "--reason", " ", "--user", "eddie")
    with pytest.raises(CommandError, match="No source with id 999999"):
        call_command("withdraw_source", "999999", "--reason", "Gone.")
    out = io.StringIO()
    call_command(
        "withdraw_source", str(troops.source_id), "--reason", "Taken down.", "--user", "eddie",
        stdout=out,
    )  # fmt: skip
    assert f"Withdrew source {troops.source_id}" in out.getvalue()
    assert Correction.objects.filter(claim=troops, kind="source_withdrawn").exists()


def test_a_spanish_rendering_dates_its_correction_notice_in_spanish(demo, editor):
    sheet, _v1, _before, troops = demo
    retract(troops, editor)
    context = sheet_publish(sheet=sheet, user=editor).context
    at = datetime.date.fromisoformat(context["corrections"][0]["at"][:10])
    body = render(context, "html", "es-MX").decode()
    assert "Correcciones" in body
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"]
    months += ["septiembre", "octubre", "noviembre", "diciembre"]
    assert f"{at.day} de {months[at.month - 1]} de {at.year}" in body
