"""Two editors PATCH the same claim with the same ETag at the same moment: exactly one wins.

Real threads, each with its own database connection and its own HTTP client, released together by
a barrier; the round is repeated 50 times. On PostgreSQL the second UPDATE waits for the first
transaction and then matches no row at the old version; on SQLite writers take turns (the
connection waits up to 20 s for the lock), and the second still finds the version moved on.
"""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token

from claims.models import Claim
from tests import factories

ROUNDS = 50


def patch_when_released(barrier, token, claim_pk, etag, summary, results, index):
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    try:
        barrier.wait(timeout=30)
        response = client.patch(
            f"/api/v1/claims/{claim_pk}/",
            {"summary": summary},
            content_type="application/json",
            HTTP_IF_MATCH=etag,
        )
        results[index] = (response.status_code, response.content[:300])
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_patches_with_one_etag_exactly_one_succeeds_every_time(editor):
    cache.clear()
    other = factories.user("edna")
    other.groups.set(editor.groups.all())
    tokens = [Token.objects.create(user=user).key for user in (editor, other)]
    claim = factories.claim()

    outcomes = []
    for round_number in range(ROUNDS):
        claim.refresh_from_db()
        records_before = claim.history.count()
        barrier = threading.Barrier(2)
        results = [None, None]
        threads = [
            threading.Thread(
                target=patch_when_released,
                args=(barrier, tokens[i], claim.pk, claim.etag, f"r{round_number}-{i}", results, i),
            )
            for i in (0, 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        statuses = sorted(status for status, _ in results)
        outcomes.append(statuses)
        assert statuses == [200, 412], f"round {round_number}: {results}"
        claim.refresh_from_db()
        winner = next(i for i in (0, 1) if results[i][0] == 200)
        assert claim.summary == f"r{round_number}-{winner}"
        assert claim.history.count() == records_before + 1
        assert claim.history.latest().history_user.username == ("eddie", "edna")[winner]

    assert outcomes == [[200, 412]] * ROUNDS
    assert Claim.objects.get(pk=claim.pk).version == 1 + ROUNDS
