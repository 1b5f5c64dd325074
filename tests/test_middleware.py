"""Request-level guards: the Content-Security-Policy header, and brute-force lockouts on the admin's
login form and the API's token endpoint."""

import datetime

import pytest
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


def fail_admin_login(client, username, times, **extra):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong"}, **extra)
    return response


# Written out, not read from settings: raising the limit must fail a test.
FAILURE_LIMIT = 5


def test_the_admin_locks_a_username_out_after_five_failures(client, user):
    assert fail_admin_login(client, "casey", FAILURE_LIMIT - 1).status_code == 200

    locked = fail_admin_login(client, "casey", 1)

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Even the right password is refused now.
    right = client.post(LOGIN, {"username": "casey", "password": PASSWORD})
    assert right.status_code == 429


def test_the_lockout_is_per_username_whatever_the_address(client, user):
    factories.user("dana", password=PASSWORD)
    for n in range(FAILURE_LIMIT):
        fail_admin_login(client, "casey", 1, REMOTE_ADDR=f"10.0.0.{n + 1}")

    other_user = client.post(LOGIN, {"username": "dana", "password": PASSWORD})
    other_address = client.post(
        LOGIN, {"username": "casey", "password": PASSWORD}, REMOTE_ADDR="10.0.9.9"
    )

    assert other_user.status_code == 302
    assert other_address.status_code == 429


def test_the_lockout_cools_off(client, user, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    fail_admin_login(client, "casey", FAILURE_LIMIT)
    assert client.post(LOGIN, {"username": "casey", "password": PASSWORD}).status_code == 429
    # As if the cool-off had passed since the last failure.
    past = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    AccessAttempt.objects.update(attempt_time=past)

    assert client.post(LOGIN, {"username": "casey", "password": PASSWORD}).status_code == 302
    assert settings.AXES_COOLOFF_TIME == 0.25  # 15 minutes, not a hard lock


def test_a_successful_login_clears_the_failures(client, user):
    fail_admin_login(client, "casey", FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "casey", "password": PASSWORD}).status_code == 302
    client.logout()

    assert fail_admin_login(client, "casey", FAILURE_LIMIT - 1).status_code == 200


def test_the_token_endpoint_locks_out_with_a_clean_json_429(client, user, settings):
    wrong = {"username": "casey", "password": "wrong"}
    statuses = [client.post(TOKEN, wrong).status_code for _ in range(FAILURE_LIMIT)]
    assert statuses[:-1] == [400] * (FAILURE_LIMIT - 1)

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


def test_token_requests_are_throttled_per_address_across_usernames(client, db):
    answers = [
        client.post(TOKEN, {"username": f"guess{n}", "password": "x"}).status_code
        for n in range(11)
    ]

    assert answers == [400] * 10 + [429]
    # Another address is not held up by the first one's guesses.
    other = client.post(TOKEN, {"username": "guess", "password": "x"}, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 400


def test_a_forwarded_address_counts_only_from_a_trusted_proxy(client, db, settings):
    from factdb.middleware import TrustedProxyMiddleware

    seen = []
    middleware = TrustedProxyMiddleware(lambda request: seen.append(request.META["REMOTE_ADDR"]))
    settings.FACTDB_TRUSTED_PROXIES = ["10.0.0.1"]
    middleware = TrustedProxyMiddleware(middleware.get_response)
    from django.test import RequestFactory

    forwarded = "203.0.113.5, 198.51.100.7"
    factory = RequestFactory()
    middleware(factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded))
    middleware(factory.get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=forwarded))
    middleware(factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not an address"))

    assert seen == ["198.51.100.7", "192.0.2.9", "10.0.0.1"]


def test_a_spoofed_forwarded_header_does_not_escape_the_throttle(client, db):
    answers = [
        client.post(
            TOKEN, {"username": "u", "password": "x"}, HTTP_X_FORWARDED_FOR=f"10.1.1.{n}"
        ).status_code
        for n in range(11)
    ]
    assert answers[-1] == 429


def test_admin_logins_are_throttled_per_address_across_usernames(client, db):
    answers = [
        client.post(LOGIN, {"username": f"guess{n}", "password": "x"}).status_code
        for n in range(11)
    ]

    assert answers == [200] * 10 + [429]
    assert "Too many login attempts" in client.post(LOGIN, {"username": "u"}).content.decode()
    other = client.post(LOGIN, {"username": "guess", "password": "x"}, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 200


def test_token_requests_and_admin_logins_share_the_addresss_budget(client, db):
    for n in range(5):
        client.post(LOGIN, {"username": f"guess{n}", "password": "x"})
        client.post(TOKEN, {"username": f"guess{n}", "password": "x"})

    assert client.post(TOKEN, {"username": "guess", "password": "x"}).status_code == 429
