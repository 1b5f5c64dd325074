"""Every write from the admin (the claim form, its note form, the desk's buttons and actions, the
measure page, the source page, restoring a deleted record) leaves one history record per row,
naming who wrote it (tests/write_paths.py)."""

import pytest
from django.urls import reverse

from claims.factsheets.services import sheet_create
from claims.models import Measure, Status, Tag
from factdb.history.recovery import deleted_records
from sources.models import Source
from tests import factories
from tests.claims.admin.test_claims import change_form_data
from tests.write_paths import admin_client, begin, check_write_path


def admin_claim_add_with_tags(client, users, claim):
    tag = Tag.objects.create(name="border")
    data = change_form_data(claim, quote="Officials said 80,500 migrants", value="80500")
    data.pop("version")
    data["unit"], data["tags"] = "migrants", [tag.pk]
    begin()
    response = admin_client(client, users["editor"]).post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def admin_claim_change_with_tags(client, users, claim):
    tag = Tag.objects.create(name="border")
    data = change_form_data(claim, summary="Troops to the border", tags=[tag.pk])
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    begin()
    response = admin_client(client, users["editor"]).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def admin_claim_note_inline(client, users, claim):
    data = change_form_data(claim)
    data.update({"notes-2-TOTAL_FORMS": 1, "notes-2-0-body": "Checked the decree."})
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    begin()
    response = admin_client(client, users["editor"]).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def admin_decide_button(client, users, claim):
    url = reverse("admin:claims_claim_decide", args=[claim.pk])
    data = {"decision": Status.VERIFIED, "note": "Matches the decree.", "version": claim.version}
    begin()
    response = admin_client(client, users["editor"]).post(url, data)
    assert response.status_code == 302


def admin_bulk_verdict_action(client, users, claim):
    other = factories.claim(source=claim.source, quote="80,500 migrants", value=80500)
    data = {
        "action": "decide_verified",
        "_selected_action": [claim.pk, other.pk],
        "confirm": "1",
        "note": "Both match the decree.",
        f"version_{claim.pk}": claim.version,
        f"version_{other.pk}": other.version,
    }
    begin()
    response = admin_client(client, users["editor"]).post(
        reverse("admin:claims_claim_changelist"), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def admin_add_to_fact_sheet_action(client, users, claim):
    sheet = sheet_create(title="Border troops", user=users["journalist"])
    other = factories.claim(source=claim.source, quote="80,500 migrants", value=80500)
    data = {
        "action": "add_to_fact_sheet",
        "_selected_action": [claim.pk, other.pk],
        "apply": "1",
        "sheet": sheet.pk,
    }
    begin()
    response = admin_client(client, users["journalist"]).post(
        reverse("admin:claims_claim_changelist"), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def admin_source_change(client, users, claim):
    source = claim.source
    url = reverse("admin:sources_source_change", args=[source.pk])
    data = {
        "title": "A better title",
        "publisher": source.publisher_id,
        "authors": "",
        "kind": source.kind,
        "url": source.url,
        "archive_url": "",
        "published_on": source.published_on.isoformat(),
        "date_precision": source.date_precision,
        "retrieved_at_0": "",
        "retrieved_at_1": "",
        "language": source.language,
        "translation_of": "",
        "text": source.text,
        "notes": "",
        "claims-TOTAL_FORMS": 0,
        "claims-INITIAL_FORMS": 0,
    }
    begin()
    response = admin_client(client, users["editor"]).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def admin_propose_claims_action(client, users, claim):
    source = factories.source()
    begin()
    data = {"action": "propose_claims", "_selected_action": [source.pk]}
    response = admin_client(client, users["editor"]).post(
        reverse("admin:sources_source_changelist"), data
    )
    assert response.status_code == 302


def admin_restore_deleted_source(client, users, claim):
    source = factories.source()
    pk = source.pk
    source.delete()
    begin()
    record = deleted_records(Source)[0]
    url = reverse("deleted-record-restore", args=["sources", "source", record.history_id])
    response = admin_client(client, users["admin"]).post(url)
    assert response.status_code == 302
    assert Source.objects.filter(pk=pk).exists()


def admin_measure_page_attach(client, users, claim):
    measure = Measure.objects.create(label="Troops at the southern border")
    client = admin_client(client, users["editor"])
    begin()
    url = reverse("admin:claims_measure_attach", args=[measure.pk, claim.pk])
    assert client.post(url).status_code == 302
    claim.refresh_from_db()
    assert claim.measure == measure


# path -> (who acts, how many rows of each model it writes)
PATHS = {
    admin_claim_add_with_tags: ("editor", {"claim": 1}),
    admin_claim_change_with_tags: ("editor", {"claim": 1}),
    admin_claim_note_inline: ("editor", {"claim": 1, "verificationnote": 1}),
    # A status change on a claim on the record is a correction that travels (issue 19).
    admin_decide_button: ("editor", {"claim": 1, "verificationnote": 1, "correction": 1}),
    admin_bulk_verdict_action: ("editor", {"claim": 2, "verificationnote": 2, "correction": 2}),
    admin_add_to_fact_sheet_action: ("journalist", {"factsheet": 1, "factsheetitem": 2}),
    admin_source_change: ("editor", {"source": 1}),
    # One proposal repeats the case's claim from another source: a lineage of two is proposed.
    admin_propose_claims_action: ("editor", {"claim": 2, "lineage": 1, "lineageappearance": 2}),
    admin_restore_deleted_source: ("admin", {"source": 1}),
    admin_measure_page_attach: ("editor", {"claim": 1}),
}


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.__name__)
def test_each_write_leaves_one_record_per_row_naming_who_wrote_it(
    path, client, token_api, editor, journalist, admin_user, claim, tmp_path
):
    check_write_path(
        PATHS, path, client, token_api, editor, journalist, admin_user, claim, tmp_path
    )
