"""Who may do what: every endpoint × method for anonymous users (with public read off and on),
Journalists, Editors and admins, as one table of expected status codes."""

import pytest
from django.contrib.auth.models import Permission

from claims.models import Status
from tests import factories

# endpoint, method: anonymous, anonymous with FACTDB_PUBLIC_READ, journalist, editor, admin
MATRIX = {
    ("root", "GET"): (401, 200, 200, 200, 200),
    ("claims", "GET"): (401, 200, 200, 200, 200),
    ("claims", "POST"): (401, 401, 403, 201, 201),
    ("verified_claim", "GET"): (401, 200, 200, 200, 200),
    ("unverified_claim", "GET"): (401, 404, 200, 200, 200),
    ("verified_claim", "PATCH"): (401, 401, 403, 200, 200),
    ("verified_claim", "PUT"): (401, 401, 403, 200, 200),
    ("verified_claim", "DELETE"): (401, 401, 403, 200, 200),
    ("notes", "GET"): (401, 401, 200, 200, 200),
    ("notes", "POST"): (401, 401, 403, 201, 201),
    ("history", "GET"): (401, 401, 200, 200, 200),
    ("sources", "GET"): (401, 200, 200, 200, 200),
    ("sources", "POST"): (401, 401, 403, 201, 201),
    ("cited_source", "GET"): (401, 200, 200, 200, 200),
    ("uncited_source", "GET"): (401, 404, 200, 200, 200),
    ("cited_source", "PATCH"): (401, 401, 403, 200, 200),
    ("cited_source", "DELETE"): (401, 401, 405, 405, 405),
    ("publishers", "GET"): (401, 200, 200, 200, 200),
    ("publishers", "POST"): (401, 401, 403, 201, 201),
    ("claimants", "GET"): (401, 200, 200, 200, 200),
    ("claimants", "POST"): (401, 401, 403, 201, 201),
    ("measures", "GET"): (401, 200, 200, 200, 200),
    ("measures", "POST"): (401, 401, 403, 201, 201),
    ("schema", "GET"): (200, 200, 200, 200, 200),
}
ROLES = ["anonymous", "anonymous_public", "journalist", "editor", "admin"]


@pytest.fixture
def world(db):
    publisher = factories.publisher()
    cited = factories.source(publisher=publisher)
    verified = factories.claim(source=cited, status=Status.VERIFIED)
    unverified = factories.claim(source=factories.source(), status=Status.UNVERIFIED)
    return {"publisher": publisher, "cited": cited, "verified": verified, "unverified": unverified}


def request_for(endpoint, method, world):
    """(url, body, headers) for one cell of the matrix; writes are valid, so only the role
    decides."""
    verified, cited = world["verified"], world["cited"]
    claim_url = f"/api/v1/claims/{verified.pk}/"
    claim_body = {
        "source": cited.pk,
        "quote": "up to 6,000 National Guard troops",
        "value": "6000",
        "unit": "troops",
    }
    if_match = {"HTTP_IF_MATCH": verified.etag}
    table = {
        ("root", "GET"): ("/api/v1/", None, {}),
        ("claims", "GET"): ("/api/v1/claims/", None, {}),
        ("claims", "POST"): ("/api/v1/claims/", claim_body, {}),
        ("verified_claim", "GET"): (claim_url, None, {}),
        ("unverified_claim", "GET"): (f"/api/v1/claims/{world['unverified'].pk}/", None, {}),
        ("verified_claim", "PATCH"): (claim_url, {"summary": "s"}, if_match),
        ("verified_claim", "PUT"): (claim_url, claim_body, if_match),
        ("verified_claim", "DELETE"): (claim_url, {"reason": "withdrawn"}, if_match),
        ("notes", "GET"): (f"{claim_url}notes/", None, {}),
        ("notes", "POST"): (f"{claim_url}notes/", {"body": "Checked."}, {}),
        ("history", "GET"): (f"{claim_url}history/", None, {}),
        ("sources", "GET"): ("/api/v1/sources/", None, {}),
        ("sources", "POST"): (
            "/api/v1/sources/",
            {"title": "New", "publisher": world["publisher"].pk, "published_on": "2020-01-01"},
            {},
        ),
        ("cited_source", "GET"): (f"/api/v1/sources/{cited.pk}/", None, {}),
        ("uncited_source", "GET"): (
            f"/api/v1/sources/{world['unverified'].source_id}/",
            None,
            {},
        ),
        ("cited_source", "PATCH"): (f"/api/v1/sources/{cited.pk}/", {"notes": "n"}, {}),
        ("cited_source", "DELETE"): (f"/api/v1/sources/{cited.pk}/", None, {}),
        ("publishers", "GET"): ("/api/v1/publishers/", None, {}),
        ("publishers", "POST"): ("/api/v1/publishers/", {"name": "New Outlet"}, {}),
        ("claimants", "GET"): ("/api/v1/claimants/", None, {}),
        ("claimants", "POST"): ("/api/v1/claimants/", {"name": "A. Person"}, {}),
        ("measures", "GET"): ("/api/v1/measures/", None, {}),
        ("measures", "POST"): ("/api/v1/measures/", {"label": "Troops deployed"}, {}),
        ("schema", "GET"): ("/api/schema/", None, {}),
    }
    return table[(endpoint, method)]


@pytest.fixture
def api_as(request, client_for, settings):
    def make(role):
        settings.FACTDB_PUBLIC_READ = role == "anonymous_public"
        if role.startswith("anonymous"):
            return client_for(None)
        return client_for(request.getfixturevalue(role if role != "admin" else "admin_user"))

    return make


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint, method", list(MATRIX))
def test_role_matrix(api_as, world, role, endpoint, method):
    url, body, headers = request_for(endpoint, method, world)
    client = api_as(role)
    response = getattr(client, method.lower())(url, body, format="json", **headers)
    expected = MATRIX[(endpoint, method)][ROLES.index(role)]
    assert response.status_code == expected, (role, endpoint, method, response.content[:300])


def test_anonymous_public_readers_see_verified_claims_only(api_as, world):
    for status in (Status.DISPUTED, Status.RETRACTED, Status.IN_REVIEW):
        factories.claim(status=status)
    rows = api_as("anonymous_public").get("/api/v1/claims/").json()["results"]
    assert [row["id"] for row in rows] == [world["verified"].pk]
    assert all(row["status"] == "verified" for row in rows)


def test_anonymous_public_readers_cannot_widen_the_list_with_filters(api_as, world):
    url = "/api/v1/claims/?status=unverified&status=verified"
    rows = api_as("anonymous_public").get(url).json()["results"]
    assert [row["id"] for row in rows] == [world["verified"].pk]


def test_anonymous_public_readers_see_no_staff_usernames_or_source_text(api_as, world):
    client = api_as("anonymous_public")
    claim = client.get(f"/api/v1/claims/{world['verified'].pk}/").json()
    source = client.get(f"/api/v1/sources/{world['cited'].pk}/").json()
    assert "created_by" not in claim
    assert "text" not in source and "notes" not in source
    assert source["title"] == world["cited"].title


def test_anonymous_public_readers_see_only_publishers_of_verified_claims(api_as, world):
    factories.publisher(name="Never cited")
    rows = api_as("anonymous_public").get("/api/v1/publishers/").json()["results"]
    assert [row["name"] for row in rows] == [world["publisher"].name]


def test_a_journalist_cannot_change_a_status_through_a_note(journalist, client_for, world):
    # Journalists hold no note permission at all; this guards the stricter rule for verdicts.
    journalist.user_permissions.add(Permission.objects.get(codename="add_verificationnote"))
    url = f"/api/v1/claims/{world['unverified'].pk}/notes/"
    response = client_for(journalist).post(
        url, {"body": "I think so", "status_to": "verified"}, format="json"
    )
    assert response.status_code == 403
    assert not world["unverified"].notes.exists()


def test_a_token_is_issued_for_a_username_and_password(client, editor):
    response = client.post(
        "/api/v1/auth/token/", {"username": "eddie", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api = client.get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Token {token}")
    assert api.status_code == 200


def test_a_wrong_password_gets_no_token(client, editor):
    response = client.post("/api/v1/auth/token/", {"username": "eddie", "password": "nope"})
    assert response.status_code == 400
    assert "token" not in response.json()


def test_a_signed_in_session_reads_the_api(client, journalist):
    client.force_login(journalist)
    assert client.get("/api/v1/claims/").status_code == 200


def test_anonymous_requests_are_told_how_to_authenticate(anon_api, world):
    response = anon_api.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_reads_are_throttled(public_read, anon_api, world, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    codes = [anon_api.get("/api/v1/claims/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
