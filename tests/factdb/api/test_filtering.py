"""Under public read, a choice filter offers only what the reader may see: `?source=<hidden>` is
answered exactly as `?source=<missing>`, so the answer does not tell which hidden rows exist."""

import pytest

from claims.models import Status
from tests import factories


@pytest.fixture
def hidden_and_missing(db, public_read):
    factories.claim(status=Status.VERIFIED)
    hidden = factories.claim(status=Status.UNVERIFIED)  # cites a source no visible claim cites
    missing = hidden.source_id + 1000
    return hidden, missing


@pytest.mark.parametrize(
    "parameter, of",
    [
        ("source", lambda claim: claim.source_id),
        ("publisher", lambda claim: claim.source.publisher_id),
        ("measure", lambda claim: claim.measure_id),
        ("claimant", lambda claim: claim.claimant_id),
    ],
)
def test_a_hidden_reference_is_answered_as_a_missing_one(
    anon_api, hidden_and_missing, parameter, of
):
    hidden, missing = hidden_and_missing
    if of(hidden) is None:
        field = {"measure": "measure", "claimant": "claimant"}[parameter]
        setattr(hidden, field, getattr(factories, field)())
        hidden.save()

    for path in ("/api/v1/claims/", "/api/v1/claims/factsheet/json/"):
        to_hidden = anon_api.get(f"{path}?{parameter}={of(hidden)}")
        to_missing = anon_api.get(f"{path}?{parameter}={missing}")

        assert to_hidden.status_code == to_missing.status_code == 400
        assert to_hidden.json() == to_missing.json()


def test_the_source_list_filters_by_publisher_the_same_way(anon_api, hidden_and_missing):
    hidden, missing = hidden_and_missing
    to_hidden = anon_api.get(f"/api/v1/sources/?publisher={hidden.source.publisher_id}")
    to_missing = anon_api.get(f"/api/v1/sources/?publisher={missing}")

    assert to_hidden.status_code == to_missing.status_code == 400
    assert to_hidden.json() == to_missing.json()


def test_a_visible_reference_still_filters(anon_api, hidden_and_missing, editor_api):
    hidden, _ = hidden_and_missing
    visible = anon_api.get("/api/v1/claims/").json()["results"][0]

    response = anon_api.get(f"/api/v1/claims/?source={visible['source']}")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [visible["id"]]
    # Signed-in readers see every source, the hidden one included.
    assert editor_api.get(f"/api/v1/claims/?source={hidden.source_id}").status_code == 200
