"""The PostgreSQL backend checks a kept connection's health once a second, not per request
(factdb/db/postgresql/base.py)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the backend factdb uses on PostgreSQL"
)


def request_with_a_query():
    connection.close_if_unusable_or_obsolete()  # what Django does as a request starts
    with connection.cursor() as cursor:
        cursor.execute("SELECT 2")
    connection.close_if_unusable_or_obsolete()  # … and as it ends


def health_checks(monkeypatch) -> list:
    checks = []
    real = connection.is_usable
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or real())
    return checks


@pytest.mark.django_db(transaction=True)
def test_a_connection_used_a_moment_ago_is_not_checked_again(monkeypatch):
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    connection.health_check_enabled = True
    request_with_a_query()
    checks = health_checks(monkeypatch)
    request_with_a_query()
    assert checks == []


@pytest.mark.django_db(transaction=True)
def test_an_idle_connection_is_checked_as_django_checks_it(monkeypatch):
    connection.health_check_enabled = True
    request_with_a_query()
    connection._healthy_at -= 5  # idle for five seconds
    checks = health_checks(monkeypatch)
    request_with_a_query()
    assert checks == [1]
