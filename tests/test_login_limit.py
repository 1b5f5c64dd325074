"""The login limit as settings.py sets it (AXES_FAILURE_LIMIT, default 5): five wrong passwords
for one account and its next login is refused, on the admin's form and the token endpoint alike.

The other lockout tests count to settings.AXES_FAILURE_LIMIT, so they would pass at any limit;
these count to five, so raising the default (say to 50) fails here.
"""

import os

import pytest
from django.urls import reverse

from tests import factories

PASSWORD = "pw-for-tests-1"


@pytest.fixture
def casey(db):
    if os.environ.get("AXES_FAILURE_LIMIT"):
        pytest.fail("AXES_FAILURE_LIMIT is set in the environment; these tests check the default")
    return factories.user("casey", password=PASSWORD)


def test_the_fifth_wrong_password_locks_the_token_endpoint(client, casey):
    wrong = {"username": "casey", "password": "wrong"}
    statuses = [client.post("/api/v1/auth/token/", wrong).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]


def test_the_fifth_wrong_password_locks_the_admin_login(client, casey):
    login = reverse("admin:login")
    statuses = [
        client.post(login, {"username": "casey", "password": "wrong"}).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert client.post(login, {"username": "casey", "password": PASSWORD}).status_code == 429
