"""Request-level guards: the Content-Security-Policy header, and brute-force lockouts on the admin's
login form and the API's token endpoint."""

import pytest
from django.conf import settings
from django.urls import reverse

from factdb.middleware import CONTENT_SECURITY_POLICY
from tests import factories

TOKEN = "/api/v1/auth/token/"
LOGIN = reverse("admin:login")
PASSWORD = "pw-for-tests-1"


@pytest.fixture
def user(db):
    return factories.user("casey", password=PASSWORD)


def test_admin_pages_carry_the_content_security_policy(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]


def test_api_responses_carry_it_too(client):
    assert client.get("/api/v1/claims/")["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def fail_admin_login(client, username, times):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong"})
    return response


def test_the_admin_locks_a_username_out_from_an_address_after_the_failure_limit(client, user):
    limit = settings.AXES_FAILURE_LIMIT
    assert fail_admin_login(client, "casey", limit - 1).status_code == 200

    locked = fail_admin_login(client, "casey", 1)

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Even the right password is refused now.
    right = client.post(LOGIN, {"username": "casey", "password": PASSWORD})
    assert right.status_code == 429


def test_the_lockout_is_per_username_and_address(client, user):
    factories.user("dana", password=PASSWORD)
    fail_admin_login(client, "casey", settings.AXES_FAILURE_LIMIT)

    other_user = client.post(LOGIN, {"username": "dana", "password": PASSWORD})
    other_address = client.post(
        LOGIN, {"username": "casey", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )

    assert other_user.status_code == 302
    assert other_address.status_code == 302


def test_a_successful_login_clears_the_failures(client, user):
    fail_admin_login(client, "casey", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "casey", "password": PASSWORD}).status_code == 302
    client.logout()

    assert fail_admin_login(client, "casey", settings.AXES_FAILURE_LIMIT - 1).status_code == 200


def test_the_token_endpoint_locks_out_with_a_clean_json_429(client, user):
    wrong = {"username": "casey", "password": "wrong"}
    statuses = [client.post(TOKEN, wrong).status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses[:-1] == [400] * (settings.AXES_FAILURE_LIMIT - 1)

    locked = client.post(TOKEN, {"username": "casey", "password": PASSWORD})

    assert statuses[-1] == 429
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.json()["detail"]
    assert int(locked["Retry-After"]) == round(settings.AXES_COOLOFF_TIME * 3600)
    assert "token" not in locked.json()


def test_a_good_token_request_still_works(client, user):
    response = client.post(TOKEN, {"username": "casey", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["token"]
