"""No lost updates: PUT, PATCH and DELETE need If-Match (428 without), a stale one is a 412, and
the check is made by the UPDATE itself, so a write that lands between read and save still loses."""

import pytest
from django.db.models import F

from claims.models import Claim, Status

METHODS = ["put", "patch", "delete"]


def url(claim):
    return f"/api/v1/claims/{claim.pk}/"


def body(claim):
    return {
        "source": claim.source_id,
        "quote": claim.quote,
        "value": "5000",
        "unit": claim.unit,
        "reason": "withdrawn",
    }


def unchanged(claim):
    fresh = Claim.objects.get(pk=claim.pk)
    return (fresh.version, fresh.value, fresh.status) == (1, claim.value, Status.UNVERIFIED)


@pytest.mark.parametrize("method", METHODS)
def test_writes_without_if_match_are_428(editor_api, claim, method):
    response = getattr(editor_api, method)(url(claim), body(claim), format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert unchanged(claim)


@pytest.mark.parametrize("method", METHODS)
def test_if_match_star_protects_nothing_and_is_428(editor_api, claim, method):
    response = getattr(editor_api, method)(
        url(claim), body(claim), format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 428
    assert unchanged(claim)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "etag",
    [
        '"{pk}-0"',  # an older version
        '"{pk}-2"',  # a version that does not exist yet
        '"{other}-1"',  # another claim's ETag
        'W/"{pk}-1"',  # weak ETags never match If-Match
        "garbage",
        '"{pk}-99999999999999999999"',
    ],
)
def test_a_stale_or_foreign_etag_is_412(editor_api, claim, method, etag):
    header = etag.format(pk=claim.pk, other=claim.pk + 1)
    response = getattr(editor_api, method)(
        url(claim), body(claim), format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 412, response.content
    assert unchanged(claim)


def test_the_second_of_two_editors_with_the_same_etag_gets_412(client_for, editor, claim):
    etag = claim.etag
    first = client_for(editor).patch(
        url(claim), {"value": "5000"}, format="json", HTTP_IF_MATCH=etag
    )
    second = client_for(editor).patch(
        url(claim), {"value": "7000"}, format="json", HTTP_IF_MATCH=etag
    )

    assert (first.status_code, second.status_code) == (200, 412)
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.value, fresh.version) == (5000, 2)
    assert fresh.history.count() == 2


def test_a_write_landing_between_read_and_save_still_loses(editor_api, claim, monkeypatch):
    """The view reads version 1 and the If-Match matches it; another editor saves before this
    request's UPDATE. The compare-and-swap in the UPDATE must refuse it.

    (The interloper runs inside the request's transaction here, so it is rolled back with it.)"""
    full_clean = Claim.full_clean

    def full_clean_then_someone_else_saves(self, *args, **kwargs):
        full_clean(self, *args, **kwargs)
        Claim.objects.filter(pk=self.pk).update(version=F("version") + 1, summary="theirs")

    monkeypatch.setattr(Claim, "full_clean", full_clean_then_someone_else_saves)
    response = editor_api.patch(
        url(claim), {"summary": "mine", "tags": ["lost"]}, format="json", HTTP_IF_MATCH=claim.etag
    )

    assert response.status_code == 412
    fresh = Claim.objects.get(pk=claim.pk)
    assert fresh.summary != "mine"
    assert not fresh.tags.exists()


def test_the_response_etag_is_the_next_if_match(editor_api, claim):
    first = editor_api.patch(url(claim), {"summary": "a"}, format="json", HTTP_IF_MATCH=claim.etag)
    second = editor_api.patch(
        url(claim), {"summary": "b"}, format="json", HTTP_IF_MATCH=first["ETag"]
    )
    assert second.status_code == 200
    assert second["ETag"].startswith(f'"{claim.pk}-3.')


def test_an_etag_without_quotes_is_accepted(editor_api, claim):
    response = editor_api.patch(
        url(claim), {"summary": "a"}, format="json", HTTP_IF_MATCH=f"{claim.pk}-1"
    )
    assert response.status_code == 200
