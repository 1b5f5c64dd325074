"""A phrase search reads one snapshot: on PostgreSQL its probe (the ids of the phrase's claims)
and its page are two statements, in one REPEATABLE READ transaction, so a claim changed between
them is seen as it was by both; on SQLite the search is one statement."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from claims import selectors
from claims.models import Claim
from tests import factories

CLAIMS = "/api/v1/claims/"
PHRASE = '?q="eagle pass"'


def changed_elsewhere(pk):
    """Another connection changes the claim's quote, and commits."""

    def change():
        try:
            Claim.objects.filter(pk=pk).update(quote="a quote about something else")
        finally:
            connections.close_all()

    writer = threading.Thread(target=change)
    writer.start()
    writer.join()


@pytest.mark.django_db(transaction=True)
def test_a_claim_changed_between_probe_and_page_is_read_as_it_was(journalist_api, monkeypatch):
    source = factories.source()
    claim = factories.claim(source=source, quote="6,000 troops at Eagle Pass")
    probe = selectors._few_phrase_matches

    def probe_then_a_write(*args):
        ids = probe(*args)
        changed_elsewhere(claim.pk)
        return ids

    monkeypatch.setattr(selectors, "_few_phrase_matches", probe_then_a_write)
    with CaptureQueriesContext(connection) as queries:
        response = journalist_api.get(CLAIMS + PHRASE)
    (row,) = response.json()["results"]
    if connection.vendor == "postgresql":
        assert Claim.objects.get(pk=claim.pk).quote == "a quote about something else"
        # Without the snapshot the page would show the claim as changed after the probe.
        assert row["quote"] == "6,000 troops at Eagle Pass"
        assert any("REPEATABLE READ" in q["sql"] for q in queries.captured_queries)
    else:
        # No probe on SQLite: the FTS5 match is part of the page's one statement.
        assert Claim.objects.get(pk=claim.pk).quote == "6,000 troops at Eagle Pass"
        pages = [q["sql"] for q in queries.captured_queries if "claims_claim_fts" in q["sql"]]
        assert len(pages) == 1 and '"claims_claim"."quote"' in pages[0]
