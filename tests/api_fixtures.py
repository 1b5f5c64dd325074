"""API clients for each role, authenticated the way real clients are: with a token.

Loaded by tests/conftest.py (pytest_plugins), so every API test can use them."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def throttle_counters_start_at_zero():
    # Throttling stays on in tests; its counters live in the cache, so each test starts afresh.
    cache.clear()


@pytest.fixture
def client_for(db):
    def make(user=None):
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def anon_api(client_for):
    return client_for(None)


@pytest.fixture
def journalist_api(client_for, journalist):
    return client_for(journalist)


@pytest.fixture
def editor_api(client_for, editor):
    return client_for(editor)


@pytest.fixture
def admin_api(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def public_read(settings):
    settings.FACTDB_PUBLIC_READ = True
