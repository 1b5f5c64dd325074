"""Every claim, note and measure write over the API leaves one history record per row, naming the
token's user (tests/write_paths.py)."""

import pytest

from tests.write_paths import api_write, begin, check_write_path


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


api_measure_post = api_write(
    "api_measure_post", "post", "/api/v1/measures/", {"label": "Troops at the border"}, 201
)


# path -> (who acts, how many rows of each model it writes)
PATHS = {
    api_claim_post_with_tags: ("editor", {"claim": 1, "tag": 2}),
    api_claim_patch_with_tags: ("editor", {"claim": 1, "tag": 1}),
    # A changed figure or status on a claim on the record is a correction (issue 19).
    api_claim_put: ("editor", {"claim": 1, "tag": 1, "correction": 1}),
    api_claim_delete_retracts: ("editor", {"claim": 1, "verificationnote": 1, "correction": 1}),
    api_note_post_with_verdict: ("editor", {"claim": 1, "verificationnote": 1, "correction": 1}),
    api_measure_post: ("editor", {"measure": 1}),
}


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.__name__)
def test_each_write_leaves_one_record_per_row_naming_who_wrote_it(
    path, client, token_api, editor, journalist, admin_user, claim, tmp_path
):
    check_write_path(
        PATHS, path, client, token_api, editor, journalist, admin_user, claim, tmp_path
    )
