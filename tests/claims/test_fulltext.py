"""The full-text index is the database's to keep: triggers on both databases, put back after a
SQLite table rebuild, and a web-search query read the same way by FTS5."""

import pytest
from django.db import connection

from claims.fulltext import SQLITE_TRIGGERS, ensure_sqlite_index
from claims.models import Claim
from claims.selectors import fts5_query, search_claims
from tests import factories


def found(text):
    return set(search_claims(Claim.objects.all(), text).values_list("quote", flat=True))


@pytest.mark.parametrize(
    "text, wanted, unwanted",
    [
        ("national guard", '"national" AND "guard"', []),
        ('"eagle pass" troops', '"eagle pass" AND "troops"', []),
        ("troops OR soldiers", '("troops" OR "soldiers")', []),
        ("6000 troops OR soldiers", '"6000" AND ("troops" OR "soldiers")', []),
        ("troops -army", '"troops"', ['"army"']),
        ('-"national guard"', None, ['"national guard"']),
        ("6,000", '"6,000"', []),
        ('say "hi', '"say" AND "hi"', []),
        ("OR troops", '"troops"', []),
        ('a"b NEAR(c', '"a""b" AND "NEAR(c"', []),
        ("&|!():*", None, []),
    ],
)
def test_a_web_search_query_becomes_fts5_with_every_term_quoted(text, wanted, unwanted):
    assert fts5_query(text) == (wanted, unwanted)


def test_a_retitled_source_is_found_by_its_new_title(db):
    source = factories.source(title="Old title")
    factories.claim(source=source)
    source.title = "Tapachula shelters overflow"
    source.save()
    assert found("tapachula") == {"up to 6,000 National Guard troops"}
    assert found("old title") == set()


def test_a_changed_quote_is_searched_by_its_new_words(db):
    claim = factories.claim()
    claim.quote = "1,500 active duty troops"
    claim.save()
    assert found("active duty") == {"1,500 active duty troops"}
    assert found("national") == set()


def test_triggers_a_table_rebuild_dropped_are_put_back(db):
    factories.claim(quote="up to 6,000 National Guard troops")
    if connection.vendor != "sqlite":
        # PostgreSQL alters tables in place and keeps their triggers: nothing to put back.
        assert ensure_sqlite_index(connection) is False
        assert found("guard") == {"up to 6,000 National Guard troops"}
        return
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
        cursor.execute("DELETE FROM claims_claim_fts")
    assert found("guard") == set()
    assert ensure_sqlite_index(connection) is True
    assert found("guard") == {"up to 6,000 National Guard troops"}
    factories.claim(quote="1,500 active duty troops")
    assert found("duty") == {"1,500 active duty troops"}
    assert ensure_sqlite_index(connection) is False
