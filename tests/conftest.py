"""Shared fixtures: users in each role, and a guard that CI really runs on PostgreSQL."""

import importlib
import os
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories

# API clients for each role (tokens), shared by every API test.
pytest_plugins = ["tests.api_fixtures"]


def pytest_sessionstart(session):
    if os.environ.get("FACTDB_REQUIRE_POSTGRES") == "1":
        if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            raise pytest.UsageError("FACTDB_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test in a database file (in memory under /dev/shm where there is one), one per
    process: SQLite's shared-cache memory database answers a second writer "table is locked" at
    once instead of letting it wait its turn, as the real file does for concurrent requests."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
        name = str(folder / f"factdb-test-{os.getpid()}.sqlite3")
        database.setdefault("TEST", {})["NAME"] = name


@pytest.fixture(autouse=True)
def throttle_counters_start_at_zero():
    # Throttling stays on in tests; its counters live in the cache, so each test starts afresh.
    cache.clear()


@pytest.fixture(autouse=True)
def each_test_starts_in_the_site_language():
    # A request activates its reader's language in the thread (LocaleMiddleware, a signed-in
    # user's preference), and every request activates its own; a test runs outside any, so it
    # must not inherit the language of the previous test's last request.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def render_cache_of_its_own(settings, tmp_path):
    # Published fact-sheet renders are kept on disk; each test gets an empty place of its own.
    settings.FACTDB_RENDER_CACHE = str(tmp_path / "renders")


@pytest.fixture
def token_api(db):
    """token_api(user): an API client that authenticates as `user` with a token, as real clients
    do (DRF then sets the request's user, which history records)."""

    def make(user):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


def role(name: str) -> Group:
    """The role's group, as the data migration creates it. A transactional test (one with
    transaction=True or a live server) flushes every table afterwards, migration data included,
    so later tests re-create the roles from the migration's own definition."""
    group = Group.objects.filter(name=name).first()
    if group is None:
        roles = importlib.import_module("claims.migrations.0003_roles")
        roles.create_groups(django_apps, SimpleNamespace(connection=connection))
        group = Group.objects.get(name=name)
    return group


@pytest.fixture
def editor(db):
    user = factories.user("eddie")
    user.groups.add(role("Editors"))
    return user


@pytest.fixture
def journalist(db):
    user = factories.user("jo")
    user.groups.add(role("Journalists"))
    return user


@pytest.fixture
def admin_user(db):
    return factories.user("root", is_superuser=True)


@pytest.fixture
def source(db):
    return factories.source()


@pytest.fixture
def claim(db, source):
    return factories.claim(source=source)
