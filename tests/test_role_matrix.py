"""The rest of the role × endpoint × method matrix: tests/factdb/api/test_permissions.py covers
claims, notes, history, sources and listing or creating the references; this covers each reference's
own page, the fact sheets and the timeline, and checks that between them every operation in the
OpenAPI schema has a row."""

import pytest
import yaml

from claims.factsheets.services import sheet_add_claims, sheet_create, sheet_publish
from claims.models import Status
from sources.models import SourceImport
from tests import factories
from tests.factdb.api.test_permissions import MATRIX as CLAIMS_MATRIX

ROLES = ["anonymous", "anonymous_public", "journalist", "editor", "admin"]
READ_CITED = (401, 200, 200, 200, 200)  # anonymous readers see what a verified claim cites
READ_STAFF = (401, 404, 200, 200, 200)
WRITE = (401, 401, 403, 200, 200)
NO_DELETE = (401, 401, 405, 405, 405)

# (schema path, method): expected status per role
MATRIX = {
    ("/api/v1/publishers/{id}/", "GET"): READ_CITED,
    ("/api/v1/publishers/{id}/", "PATCH"): WRITE,
    ("/api/v1/publishers/{id}/", "PUT"): WRITE,
    ("/api/v1/publishers/{id}/", "DELETE"): NO_DELETE,
    ("/api/v1/claimants/{id}/", "GET"): READ_CITED,
    ("/api/v1/claimants/{id}/", "PATCH"): WRITE,
    ("/api/v1/claimants/{id}/", "PUT"): WRITE,
    ("/api/v1/claimants/{id}/", "DELETE"): NO_DELETE,
    ("/api/v1/measures/{id}/", "GET"): READ_CITED,
    ("/api/v1/measures/{id}/", "PATCH"): WRITE,
    ("/api/v1/measures/{id}/", "PUT"): WRITE,
    ("/api/v1/measures/{id}/", "DELETE"): NO_DELETE,
    ("/api/v1/measures/{id}/timeline/", "GET"): READ_CITED,
    ("/api/v1/sources/{id}/", "PUT"): WRITE,
    # Importing is for Editors (tests/sources/api/test_imports.py follows an import through).
    ("/api/v1/sources/import/", "POST"): (401, 401, 403, 202, 202),
    ("/api/v1/sources/imports/{id}/", "GET"): (401, 401, 403, 200, 200),
    ("/api/v1/factsheets/", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/factsheets/{slug}/", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/factsheets/{slug}/export/{fmt}/", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/claims/factsheet/{fmt}/", "GET"): (401, 200, 200, 200, 200),
    # A lineage reads as the claim does (the world's claim is verified); Editors change it.
    ("/api/v1/claims/{claim_pk}/lineage/", "GET"): READ_CITED,
    ("/api/v1/claims/{claim_pk}/lineage/", "POST"): WRITE,
}
# tests.factdb.api.test_permissions.py's rows, by the schema path each exercises.
COVERED_THERE = {
    "claims": "/api/v1/claims/",
    "verified_claim": "/api/v1/claims/{id}/",
    "unverified_claim": "/api/v1/claims/{id}/",
    "notes": "/api/v1/claims/{claim_pk}/notes/",
    "history": "/api/v1/claims/{claim_pk}/history/",
    "sources": "/api/v1/sources/",
    "cited_source": "/api/v1/sources/{id}/",
    "uncited_source": "/api/v1/sources/{id}/",
    "publishers": "/api/v1/publishers/",
    "claimants": "/api/v1/claimants/",
    "measures": "/api/v1/measures/",
}
# Not a matter of roles: anyone may ask for a token (tests/test_middleware.py), and any token's
# owner may rotate or revoke it (tests/factdb/api/test_tokens.py).
NOT_ROLE_BASED = {
    ("/api/v1/auth/token/", "POST"),
    ("/api/v1/auth/token/", "DELETE"),
    ("/api/v1/auth/token/rotate/", "POST"),
}


@pytest.fixture
def world(db, journalist):
    claimant, measure = factories.claimant(), factories.measure()
    publisher = factories.publisher()
    source = factories.source(publisher=publisher)
    verified = factories.claim(
        source=source, claimant=claimant, measure=measure, status=Status.VERIFIED
    )
    repeated = factories.claim(source=factories.source(), status=Status.VERIFIED)
    sheet = sheet_create(title="Border troops", user=journalist)
    sheet_add_claims(sheet=sheet, claims=[verified])
    sheet_publish(sheet=sheet, user=journalist)
    queued = SourceImport.objects.create(url="https://example.org/story")
    return {
        "import": queued,
        "publisher": publisher,
        "claimant": claimant,
        "measure": measure,
        "source": source,
        "sheet": sheet,
        "claim": verified,
        "repeated": repeated,
    }


def request_for(path, method, world):
    ids = {
        "/api/v1/publishers/{id}/": world["publisher"].pk,
        "/api/v1/claimants/{id}/": world["claimant"].pk,
        "/api/v1/measures/{id}/": world["measure"].pk,
        "/api/v1/measures/{id}/timeline/": world["measure"].pk,
        "/api/v1/sources/{id}/": world["source"].pk,
        "/api/v1/sources/imports/{id}/": world["import"].pk,
    }
    url = path.format(
        id=ids.get(path), slug=world["sheet"].slug, fmt="json", claim_pk=world["claim"].pk
    )
    bodies = {
        "/api/v1/publishers/{id}/": {"name": "Renamed outlet"},
        "/api/v1/claimants/{id}/": {"name": "Renamed person"},
        "/api/v1/measures/{id}/": {"label": "Renamed measure"},
        "/api/v1/sources/import/": {"url": "https://example.org/other", "extract": True},
        "/api/v1/claims/{claim_pk}/lineage/": {"action": "merge", "with": world["repeated"].pk},
        "/api/v1/sources/{id}/": {
            "title": "Renamed",
            "publisher": world["publisher"].pk,
            "published_on": "2019-06-10",
        },
    }
    return url, bodies.get(path) if method in ("PUT", "PATCH", "POST") else None


@pytest.fixture
def api_as(request, token_api, settings):
    from rest_framework.test import APIClient

    def make(role):
        settings.FACTDB_PUBLIC_READ = role == "anonymous_public"
        if role.startswith("anonymous"):
            return APIClient()
        return token_api(request.getfixturevalue(role if role != "admin" else "admin_user"))

    return make


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path, method", list(MATRIX))
def test_role_matrix_for_references_and_fact_sheets(api_as, world, role, path, method):
    url, body = request_for(path, method, world)
    response = getattr(api_as(role), method.lower())(url, body, format="json")
    expected = MATRIX[(path, method)][ROLES.index(role)]
    assert response.status_code == expected, (role, method, url, response.content[:300])


def test_every_operation_in_the_schema_has_a_row_in_one_of_the_matrices(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    operations = {
        (path, method.upper())
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    there = {
        (COVERED_THERE[endpoint], method)
        for endpoint, method in CLAIMS_MATRIX
        if endpoint in COVERED_THERE
    }
    assert operations - set(MATRIX) - there - NOT_ROLE_BASED == set()
