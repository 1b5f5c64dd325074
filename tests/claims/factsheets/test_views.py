"""The fact-sheet API: list, detail with versions, exports by format and version, ad-hoc sheets,
and who may read them."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.factsheets.renderers import FORMATS
from claims.factsheets.services import sheet_publish
from claims.models import Claim, Status
from tests import factories

from .conftest import pdf_text


def export_url(sheet, fmt):
    return reverse("factsheet-export", kwargs={"slug": sheet.slug, "fmt": fmt})


def adhoc_url(fmt):
    return reverse("factsheet-adhoc", kwargs={"fmt": fmt})


@pytest.fixture
def jo_client(client, journalist):
    client.force_login(journalist)
    return client


def test_a_journalist_lists_sheets(jo_client, seed_sheet):
    data = jo_client.get(reverse("factsheet-list")).json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [row["slug"] for row in rows] == [seed_sheet.slug]
    assert rows[0]["claim_count"] == 4


def test_the_detail_lists_every_published_version_with_its_permalink(jo_client, seed_sheet, editor):
    sheet_publish(sheet=seed_sheet, user=editor)
    sheet_publish(sheet=seed_sheet, user=editor)
    data = jo_client.get(reverse("factsheet-detail", args=[seed_sheet.slug])).json()
    assert [v["number"] for v in data["versions"]] == [1, 2]
    assert data["versions"][1]["permalink"].endswith(f"{export_url(seed_sheet, 'html')}?version=2")
    assert data["versions"][0]["published_by"] == "eddie"
    assert set(data["versions"][0]["exports"]) == set(FORMATS)
    assert [item["position"] for item in data["items"]] == [1, 2, 3, 4]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_exports_with_its_content_type(jo_client, seed_sheet, fmt):
    response = jo_client.get(export_url(seed_sheet, fmt), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt].content_type
    assert f'{seed_sheet.slug}-draft.{FORMATS[fmt].extension}"' in response["Content-Disposition"]
    body = pdf_text(response.content) if fmt == "pdf" else response.content.decode("utf-8-sig")
    assert "up to 6,000 National Guard troops" in body


def test_the_html_export_forbids_scripts_and_remote_loads(jo_client, seed_sheet):
    response = jo_client.get(export_url(seed_sheet, "html"))
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_an_unknown_format_is_a_404_that_names_the_choices(jo_client, seed_sheet):
    response = jo_client.get(export_url(seed_sheet, "docx"))
    assert response.status_code == 404
    assert "Unknown export format 'docx'" in response.json()["detail"]
    assert "html, md, pdf, csv, json, jsonld" in response.json()["detail"]


def test_an_unknown_sheet_is_a_404(jo_client, db):
    response = jo_client.get(reverse("factsheet-export", args=["no-such-sheet", "html"]))
    assert response.status_code == 404


def test_a_published_version_is_served_unchanged_after_edits(jo_client, seed_sheet, editor):
    sheet_publish(sheet=seed_sheet, user=editor)
    before = jo_client.get(export_url(seed_sheet, "json"), {"version": 1}).content
    claim = Claim.objects.get(unit="National Guard troops")
    claim.quote = "up to 7,000 National Guard troops"
    claim.value = 7000
    claim.save()
    after = jo_client.get(export_url(seed_sheet, "json"), {"version": 1})
    assert after.content == before
    assert after["Content-Disposition"].endswith(f'{seed_sheet.slug}-v1.json"')
    draft = jo_client.get(export_url(seed_sheet, "json")).json()
    assert draft["items"][0]["figure"] == "up to 7,000 National Guard troops"


@pytest.mark.parametrize(
    "version, status, message",
    [("3", 404, "has no version 3 (published versions: 1)"), ("two", 400, "positive whole")],
)
def test_a_bad_version_is_refused_clearly(jo_client, seed_sheet, editor, version, status, message):
    sheet_publish(sheet=seed_sheet, user=editor)
    response = jo_client.get(export_url(seed_sheet, "html"), {"version": version})
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_anonymous_readers_get_nothing_without_public_read(client, seed_sheet, settings):
    settings.FACTDB_PUBLIC_READ = False
    assert client.get(reverse("factsheet-list")).status_code in (401, 403)
    assert client.get(export_url(seed_sheet, "html")).status_code in (401, 403)
    assert client.get(adhoc_url("csv")).status_code in (401, 403)


def test_users_without_a_role_get_nothing(client, seed_sheet):
    client.force_login(factories.user("nobody"))
    assert client.get(reverse("factsheet-list")).status_code == 403
    assert client.get(export_url(seed_sheet, "pdf")).status_code == 403
    assert client.get(adhoc_url("html")).status_code == 403


def test_with_public_read_anonymous_readers_see_published_versions_only(
    client, seed_sheet, editor, settings
):
    settings.FACTDB_PUBLIC_READ = True
    assert client.get(export_url(seed_sheet, "html")).status_code == 404  # nothing published
    assert client.get(reverse("factsheet-list")).json()["results"] == []
    sheet_publish(sheet=seed_sheet, user=editor)
    response = client.get(export_url(seed_sheet, "json"))
    assert response.status_code == 200
    assert json.loads(response.content)["version"] == 1
    detail = client.get(reverse("factsheet-detail", args=[seed_sheet.slug])).json()
    assert detail["items"] is None and detail["exports"] is None


def test_an_adhoc_sheet_applies_the_claim_filters(jo_client, seed_sheet):
    response = jo_client.get(adhoc_url("json"), {"status": "false"})
    assert response.status_code == 200
    context = response.json()
    assert [item["figure"] for item in context["items"]] == ["1,500 active duty troops"]
    assert context["citations"][0]["number"] == 1
    assert context["title"] == "Claims: status false"


def test_an_adhoc_sheet_keeps_the_requested_order(jo_client, seed_sheet):
    context = jo_client.get(adhoc_url("json"), {"ordering": "-value"}).json()
    values = [float(item["value"]) for item in context["items"]]
    assert values == sorted(values, reverse=True)


def test_an_adhoc_sheet_with_a_bad_filter_is_a_400_naming_it(jo_client, seed_sheet):
    response = jo_client.get(adhoc_url("csv"), {"status": "maybe"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_an_adhoc_sheet_refuses_more_claims_than_it_holds(jo_client, seed_sheet, settings):
    settings.FACTDB_FACTSHEET_MAX_CLAIMS = 3
    response = jo_client.get(adhoc_url("csv"))
    assert response.status_code == 400
    assert "matches 4 claims; an ad-hoc csv fact sheet holds at most 3" in response.json()["detail"]


def test_an_adhoc_pdf_has_its_own_smaller_cap(jo_client, seed_sheet, settings):
    settings.FACTDB_FACTSHEET_MAX_PDF_CLAIMS = 2
    assert jo_client.get(adhoc_url("html")).status_code == 200
    response = jo_client.get(adhoc_url("pdf"))
    assert response.status_code == 400
    assert "export_factsheet" in response.json()["detail"]


def test_anonymous_adhoc_sheets_under_public_read_hold_verified_claims_only(
    client, seed_sheet, settings
):
    settings.FACTDB_PUBLIC_READ = True
    context = client.get(adhoc_url("json")).json()
    assert {item["status"] for item in context["items"]} == {Status.VERIFIED}


def test_an_adhoc_sheet_marks_unverified_claims(jo_client, seed_sheet):
    text = pdf_text(jo_client.get(adhoc_url("pdf"), {"status": "unverified"}).content)
    assert "80,500 migrants" in text and "Not yet verified" in text


# ---- named sheets too large for a request -----------------------------------------------------


def test_a_named_sheet_too_large_to_render_in_a_request_is_refused_naming_the_way(
    jo_client, seed_sheet, settings
):
    settings.FACTDB_FACTSHEET_MAX_PDF_CLAIMS = 3  # the seed sheet holds 4
    response = jo_client.get(export_url(seed_sheet, "pdf"))
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "has 4 claims" in detail and "at most 3" in detail
    assert f"manage.py export_factsheet {seed_sheet.slug} --format pdf" in detail
    assert jo_client.get(export_url(seed_sheet, "html")).status_code == 200

    settings.FACTDB_FACTSHEET_MAX_CLAIMS = 3
    response = jo_client.get(export_url(seed_sheet, "csv"))
    assert response.status_code == 400
    assert "has 4 claims" in response.json()["detail"]


# A real db_worker run closes the connection it used, as a worker process does: a transactional
# test, not one inside a rolled-back transaction.
@pytest.mark.django_db(transaction=True)
def test_a_large_published_version_renders_on_the_worker_then_its_permalink_serves_it(
    jo_client, seed_sheet, editor, settings
):
    from django_tasks_db.models import DBTaskResult

    version = sheet_publish(sheet=seed_sheet, user=editor)
    settings.FACTDB_FACTSHEET_MAX_PDF_CLAIMS = 3  # the seed sheet holds 4
    url = export_url(seed_sheet, "pdf")
    first = jo_client.get(url, {"version": version.number})
    again = jo_client.get(url, {"version": version.number})
    assert (first.status_code, again.status_code) == (202, 202)
    assert first["Retry-After"] == "30" and first.json()["status"] == "rendering"
    assert DBTaskResult.objects.count() == 1  # polling does not queue the same render twice

    call_command("db_worker", batch=True, startup_delay=False, reload=False)

    served = jo_client.get(url, {"version": version.number})
    assert served.status_code == 200
    assert served.content.startswith(b"%PDF")
    assert not list(Path(settings.FACTDB_RENDER_CACHE).glob("*.queued"))


def test_a_large_published_version_is_served_once_the_command_rendered_it(
    jo_client, seed_sheet, editor, settings, tmp_path
):
    version = sheet_publish(sheet=seed_sheet, user=editor)
    settings.FACTDB_FACTSHEET_MAX_PDF_CLAIMS = 3
    url = export_url(seed_sheet, "pdf")
    settings.FACTDB_RENDER_CACHE = ""  # nowhere to keep a background render: refused
    refused = jo_client.get(url, {"version": version.number})
    assert refused.status_code == 400
    assert "--version 1" in refused.json()["detail"]
    settings.FACTDB_RENDER_CACHE = str(tmp_path / "renders")

    target = tmp_path / "sheet.pdf"
    call_command("export_factsheet", seed_sheet.slug, "--format", "pdf", "--version", "1",
                 "--output", str(target))  # fmt: skip
    served = jo_client.get(url, {"version": version.number})
    assert served.status_code == 200
    assert served.content == target.read_bytes()
