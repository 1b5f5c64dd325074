"""Shared fixtures: users in each role, and a guard that CI really runs on PostgreSQL."""

import os

import pytest
from django.contrib.auth.models import Group

from tests import factories


def pytest_sessionstart(session):
    if os.environ.get("FACTDB_REQUIRE_POSTGRES") == "1":
        if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            raise pytest.UsageError("FACTDB_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL")


@pytest.fixture
def editor(db):
    user = factories.user("eddie")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def journalist(db):
    user = factories.user("jo")
    user.groups.add(Group.objects.get(name="Journalists"))
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
