"""Every write path leaves exactly one history record per row it wrote, naming who wrote it.

Each case below performs one write the way a person does it (an admin form or action, an API call
with a token, a management command, a restore) and the test counts the history records it left
across every tracked model.
"""

from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from claims.factsheets.services import sheet_create
from claims.models import Status, Tag
from factdb.history.recovery import deleted_records
from sources.models import Source
from tests import factories
from tests.claims.admin.test_claims import change_form_data


def tracked_models():
    return [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


def history_marks() -> dict:
    return {
        m: m.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0
        for m in tracked_models()
    }


def records_since(marks: dict) -> list:
    return [
        record
        for model, last in marks.items()
        for record in model.history.filter(history_id__gt=last).select_related("history_user")
    ]


marks: dict = {}


def begin():
    """The write starts here: records from the case's own setup are not counted."""
    marks.clear()
    marks.update(history_marks())


def admin_client(client, user):
    client.force_login(user)
    return client


# --- the paths: each takes (client, users, claim) and performs one write as users[role] --------


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


def api_claim_post_with_tags(client, users, claim):
    body = {
        "source": claim.source_id,
        "quote": "80,500 migrants had been deported since December",
        "value": "80500",
        "unit": "migrants",
        "tags": ["deportations", "mexico"],
    }
    begin()
    response = users["api"](users["editor"]).post("/api/v1/claims/", body, format="json")
    assert response.status_code == 201, response.json()


def api_claim_patch_with_tags(client, users, claim):
    begin()
    response = users["api"](users["editor"]).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"summary": "Troops", "tags": ["border"]},
        format="json",
        HTTP_IF_MATCH=claim.etag,
    )
    assert response.status_code == 200, response.json()


def api_claim_put(client, users, claim):
    body = {
        "source": claim.source_id,
        "quote": claim.quote,
        "value": "6000",
        "hedge": "at_most",
        "unit": "troops",
        "tags": ["border"],
    }
    begin()
    response = users["api"](users["editor"]).put(
        f"/api/v1/claims/{claim.pk}/", body, format="json", HTTP_IF_MATCH=claim.etag
    )
    assert response.status_code == 200, response.json()


def api_claim_delete_retracts(client, users, claim):
    begin()
    response = users["api"](users["editor"]).delete(
        f"/api/v1/claims/{claim.pk}/",
        {"reason": "Withdrawn by the ministry."},
        format="json",
        HTTP_IF_MATCH=claim.etag,
    )
    assert response.status_code == 200, response.json()


def api_note_post_with_verdict(client, users, claim):
    begin()
    response = users["api"](users["editor"]).post(
        f"/api/v1/claims/{claim.pk}/notes/",
        {"body": "Matches the decree.", "status_to": "verified"},
        format="json",
    )
    assert response.status_code == 201, response.json()


def api_write(name, method, url, body, expect):
    """A plain API write by the editor, with a token; `url` and `body` may name the claim."""

    def path(client, users, claim):
        begin()
        send = getattr(users["api"](users["editor"]), method)
        data = {key: value.format(claim=claim) for key, value in body.items()}
        response = send(url.format(claim=claim), data, format="json")
        assert response.status_code == expect, response.json()

    path.__name__ = name
    return path


api_source_post = api_write(
    "api_source_post",
    "post",
    "/api/v1/sources/",
    {
        "title": "Another",
        "publisher": "{claim.source.publisher_id}",
        "published_on": "2019-06-11",
        "text": "1,500 troops.",
    },
    201,
)
api_source_patch = api_write(
    "api_source_patch", "patch", "/api/v1/sources/{claim.source_id}/", {"notes": "Paywall"}, 200
)
api_publisher_post = api_write(
    "api_publisher_post", "post", "/api/v1/publishers/", {"name": "Reuters"}, 201
)
api_publisher_patch = api_write(
    "api_publisher_patch",
    "patch",
    "/api/v1/publishers/{claim.source.publisher_id}/",
    {"homepage": "https://news.example"},
    200,
)
api_claimant_post = api_write(
    "api_claimant_post", "post", "/api/v1/claimants/", {"name": "Marcelo Ebrard"}, 201
)
api_measure_post = api_write(
    "api_measure_post", "post", "/api/v1/measures/", {"label": "Troops at the border"}, 201
)


def command_import_source_with_extract(client, users, claim):
    path = users["tmp_path"] / "article.txt"
    path.write_text(factories.ARTICLE_TEXT)
    begin()
    call_command(
        "import_source",
        str(path),
        title="Imported",
        publisher="New Publisher",
        published="2019-06",
        user="eddie",
        extract=True,
    )


def command_extract_claims(client, users, claim):
    source = factories.source()
    begin()
    call_command("extract_claims", str(source.pk), user="eddie")


# path -> (who acts, how many rows of each model it writes)
PATHS = {
    admin_claim_add_with_tags: ("editor", {"claim": 1}),
    admin_claim_change_with_tags: ("editor", {"claim": 1}),
    admin_claim_note_inline: ("editor", {"claim": 1, "verificationnote": 1}),
    admin_decide_button: ("editor", {"claim": 1, "verificationnote": 1}),
    admin_bulk_verdict_action: ("editor", {"claim": 2, "verificationnote": 2}),
    admin_add_to_fact_sheet_action: ("journalist", {"factsheet": 1, "factsheetitem": 2}),
    admin_source_change: ("editor", {"source": 1}),
    admin_propose_claims_action: ("editor", {"claim": 2}),
    admin_restore_deleted_source: ("admin", {"source": 1}),
    api_claim_post_with_tags: ("editor", {"claim": 1, "tag": 2}),
    api_claim_patch_with_tags: ("editor", {"claim": 1, "tag": 1}),
    api_claim_put: ("editor", {"claim": 1, "tag": 1}),
    api_claim_delete_retracts: ("editor", {"claim": 1, "verificationnote": 1}),
    api_note_post_with_verdict: ("editor", {"claim": 1, "verificationnote": 1}),
    api_source_post: ("editor", {"source": 1}),
    api_source_patch: ("editor", {"source": 1}),
    api_publisher_post: ("editor", {"publisher": 1}),
    api_publisher_patch: ("editor", {"publisher": 1}),
    api_claimant_post: ("editor", {"claimant": 1}),
    api_measure_post: ("editor", {"measure": 1}),
    command_import_source_with_extract: ("editor", {"publisher": 1, "source": 1, "claim": 2}),
    command_extract_claims: ("editor", {"claim": 2}),
}


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.__name__)
def test_each_write_leaves_one_record_per_row_naming_who_wrote_it(
    path, client, token_api, editor, journalist, admin_user, claim, tmp_path
):
    role, written = PATHS[path]
    users = {
        "editor": editor,
        "journalist": journalist,
        "admin": admin_user,
        "tmp_path": tmp_path,
        "api": token_api,
    }
    marks.clear()

    path(client, users, claim)

    assert marks, "the case never said where its write begins"
    records = records_since(marks)
    rows = Counter((r.instance_type._meta.model_name, r.id) for r in records)
    assert [row for row, n in rows.items() if n > 1] == [], "a row got more than one record"
    per_model = Counter(model for model, _ in rows)
    assert dict(per_model) == written
    assert {r.history_user for r in records} == {users[role]}
