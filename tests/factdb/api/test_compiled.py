"""factdb/api/compiled.py: filtered reads are planned for their own values on PostgreSQL."""

from django.db import connection

from factdb.api.compiled import planned_each_time


def test_queries_inside_are_not_prepared_and_the_setting_comes_back(db):
    connection.ensure_connection()
    raw = connection.connection
    before = getattr(raw, "prepare_threshold", "none on this database")
    with planned_each_time():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        inside = getattr(raw, "prepare_threshold", "none on this database")
    assert inside == (None if connection.vendor == "postgresql" else before)
    assert getattr(raw, "prepare_threshold", "none on this database") == before
