"""Fields the workflow owns cannot be set through the API: an editor's PATCH that names them changes
none of them, and a journalist's PATCH is refused outright."""

from claims.models import Claim
from sources.models import Source
from tests import factories

FORGED = {
    "id": 999999,
    "pk": 999999,
    "version": 77,
    "created_by": "mallory",
    "created_at": "2001-01-01T00:00:00Z",
    "updated_at": "2001-01-01T00:00:00Z",
    "status": "verified",
    "origin": "extracted",
    "etag": '"999999-77"',
    "figure": "a million troops",
    "notes_count": 12,
    "history_id": 1,
    "history_user": "mallory",
    "history_date": "2001-01-01T00:00:00Z",
    "history_type": "-",
    "history_change_reason": "forged",
}
OWNED = ["id", "version", "created_by_id", "created_at", "updated_at", "status", "origin"]


def owned(claim):
    return {name: getattr(claim, name) for name in OWNED if name != "version"}


def test_an_editor_cannot_forge_what_the_workflow_owns(token_api, editor, claim):
    factories.user("mallory")
    before = owned(Claim.objects.get(pk=claim.pk))

    response = token_api(editor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {**FORGED, "summary": "a real change"},
        format="json",
        HTTP_IF_MATCH=claim.etag,
    )

    # Refused by name (not silently dropped), and nothing of the request is written.
    assert response.status_code == 400, response.json()
    assert {"id", "version", "status", "origin", "created_at"} <= response.json().keys()
    after = Claim.objects.get(pk=claim.pk)
    assert owned(after) == before
    assert (after.summary, after.version) == (claim.summary, 1)
    assert after.history.count() == 1
    assert not Claim.objects.filter(pk=999999).exists()


def test_a_journalist_cannot_patch_at_all(token_api, journalist, claim):
    before = Claim.objects.values().get(pk=claim.pk)

    response = token_api(journalist).patch(
        f"/api/v1/claims/{claim.pk}/",
        {**FORGED, "summary": "sneaky"},
        format="json",
        HTTP_IF_MATCH=claim.etag,
    )

    assert response.status_code == 403
    assert Claim.objects.values().get(pk=claim.pk) == before
    assert claim.history.count() == 1


def test_a_new_claim_refuses_forged_ownership_too(token_api, editor, source):
    factories.user("mallory")
    body = {"source": source.pk, "quote": "6,000 troops", "value": "6000", "unit": "troops"}

    response = token_api(editor).post("/api/v1/claims/", {**FORGED, **body}, format="json")

    assert response.status_code == 400, response.json()
    assert "status" in response.json()
    assert not Claim.objects.exists()

    response = token_api(editor).post("/api/v1/claims/", body, format="json")
    assert response.status_code == 201, response.json()
    claim = Claim.objects.get(pk=response.json()["id"])
    assert (claim.version, claim.status, claim.origin, claim.created_by) == (
        1,
        "unverified",
        "manual",
        editor,
    )
    assert claim.history.get().history_user == editor


def test_a_source_keeps_its_id_hash_and_dates(token_api, editor, source):
    before = Source.objects.values("id", "text_sha256", "created_at").get(pk=source.pk)

    response = token_api(editor).patch(
        f"/api/v1/sources/{source.pk}/",
        {**FORGED, "text_sha256": "0" * 64, "notes": "real"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert Source.objects.values("id", "text_sha256", "created_at").get(pk=source.pk) == before
    assert Source.objects.get(pk=source.pk).notes == "real"
