"""The measure detail with agreement marks, its timeline chart, and ?conflicts=1 on claims."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from claims.models import Hedge, Status
from tests import factories
from tests.deadline import ONE_FLOAT_STEP_APART, within


# Self-contained clients (the same as tests/api_fixtures.py's), so this file stands alone.
@pytest.fixture
def journalist_api(journalist):
    client = APIClient()
    client.force_authenticate(journalist)
    return client


@pytest.fixture
def anon_api(db):
    return APIClient()


@pytest.fixture
def public_read(settings):
    settings.FACTDB_PUBLIC_READ = True


def on(measure, value, hedge=Hedge.EXACT, **fields):
    fields.setdefault("claim_date", datetime.date(2019, 6, 10))
    fields.setdefault("unit", "National Guard troops")
    return factories.claim(measure=measure, value=Decimal(value), hedge=hedge, **fields)


@pytest.fixture
def deployment(db):
    measure = factories.measure(label="Mexican National Guard troops deployed, 2019")
    claims = {
        "up to": on(measure, "6000", Hedge.AT_MOST, status=Status.VERIFIED),
        "exact": on(measure, "6000", status=Status.VERIFIED),
        "approx": on(measure, "6500", Hedge.APPROX, status=Status.VERIFIED),
        "more than": on(measure, "6000", Hedge.MORE_THAN),  # unverified
    }
    return measure, claims


def test_the_measure_detail_marks_each_claim(journalist_api, deployment):
    measure, claims = deployment
    body = journalist_api.get(f"/api/v1/measures/{measure.pk}/").json()
    rows = {row["id"]: row for row in body["claims"]}
    assert rows[claims["more than"].pk]["agreement"] == "conflict"
    assert rows[claims["more than"].pk]["conflicts_with"] == sorted(
        [claims["up to"].pk, claims["exact"].pk]
    )
    assert rows[claims["approx"].pk]["agreement"] == "agree"
    assert rows[claims["approx"].pk]["interval"] == "5,850 to 7,150 personnel"
    verdicts = {frozenset((p["a"], p["b"])): p["verdict"] for p in body["agreement"]}
    assert verdicts[frozenset((claims["up to"].pk, claims["more than"].pk))] == "conflict"
    assert body["timeline_svg"].endswith(f"/api/v1/measures/{measure.pk}/timeline.svg")


def test_the_measure_list_stays_light(journalist_api, deployment):
    (row,) = journalist_api.get("/api/v1/measures/").json()["results"]
    assert "claims" not in row


def test_suggested_claims_appear_on_the_detail(journalist_api, deployment):
    measure, _ = deployment
    loose = factories.claim(
        quote="Mexico deployed 6,000 National Guard troops in 2019",
        value=Decimal(6000),
        hedge=Hedge.EXACT,
        unit="troops",
        claim_date=datetime.date(2019, 6, 12),
    )
    body = journalist_api.get(f"/api/v1/measures/{measure.pk}/").json()
    assert [s["id"] for s in body["suggested_claims"]] == [loose.pk]


def test_the_timeline_is_svg(journalist_api, deployment):
    measure, _ = deployment
    response = journalist_api.get(f"/api/v1/measures/{measure.pk}/timeline.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_a_missing_measures_timeline_is_a_json_404(journalist_api, db):
    response = journalist_api.get("/api/v1/measures/999999/timeline.svg")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_anonymous_timeline_needs_public_read(anon_api, deployment):
    measure, _ = deployment
    assert anon_api.get(f"/api/v1/measures/{measure.pk}/timeline.svg").status_code in (401, 403)


def test_public_readers_see_agreement_among_verified_claims_only(anon_api, public_read, deployment):
    measure, claims = deployment
    body = anon_api.get(f"/api/v1/measures/{measure.pk}/").json()
    assert {row["id"] for row in body["claims"]} == {
        claims["up to"].pk,
        claims["exact"].pk,
        claims["approx"].pk,
    }
    # Without the unverified "more than 6,000", the verified three all agree.
    assert all(row["agreement"] == "agree" for row in body["claims"])
    assert "suggested_claims" not in body


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_conflicts_1_lists_the_claims_in_conflict(journalist_api, deployment):
    _, claims = deployment
    expected = {claims[k].pk for k in ("up to", "exact", "more than")}
    assert ids(journalist_api.get("/api/v1/claims/?conflicts=1")) == expected
    assert ids(journalist_api.get("/api/v1/claims/?conflicts=true")) == expected
    assert ids(journalist_api.get("/api/v1/claims/?conflicts=0")) == {claims["approx"].pk}


def test_conflicts_combines_with_other_filters(journalist_api, deployment):
    _, claims = deployment
    query = "/api/v1/claims/?conflicts=1&status=verified"
    assert ids(journalist_api.get(query)) == {claims["up to"].pk, claims["exact"].pk}


def test_public_readers_see_no_conflict_with_a_hidden_claim(anon_api, public_read, deployment):
    assert ids(anon_api.get("/api/v1/claims/?conflicts=1")) == set()


def test_a_bad_conflicts_value_is_a_400_naming_it(journalist_api, deployment):
    response = journalist_api.get("/api/v1/claims/?conflicts=maybe")
    assert response.status_code == 400
    assert "conflicts" in response.json()


def test_a_timeline_of_values_one_float_step_apart_returns(journalist_api, db):
    # On PostgreSQL these kept the tick loop (and the request) going forever; SQLite refuses
    # 17 digits, so there the two closest values it keeps stand in.
    measure = factories.measure(label="Near the float limit")
    low, high = ONE_FLOAT_STEP_APART
    on(measure, low)
    on(measure, high, claim_date=datetime.date(2019, 6, 11))
    with within(10):
        response = journalist_api.get(f"/api/v1/measures/{measure.pk}/timeline.svg")
        detail = journalist_api.get(f"/api/v1/measures/{measure.pk}/")
    assert response.status_code == 200
    ET.fromstring(response.content)
    assert detail.status_code == 200


def test_a_measure_with_many_claims_counts_instead_of_listing_every_pair(
    journalist_api, deployment, monkeypatch
):
    monkeypatch.setattr("claims.agreement.comparison.FULL_TABLE_LIMIT", 3)  # the fixture has four
    measure, claims = deployment
    body = journalist_api.get(f"/api/v1/measures/{measure.pk}/").json()
    assert body["agreement_complete"] is False
    rows = {row["id"]: row for row in body["claims"]}
    more_than = rows[claims["more than"].pk]
    assert more_than["agreement"] == "conflict"
    assert (more_than["conflicts_count"], more_than["agrees_count"]) == (2, 1)
    assert sorted(more_than["conflicts_with"]) == sorted([claims["up to"].pk, claims["exact"].pk])
    assert {p["verdict"] for p in body["agreement"]} == {"conflict"}
    assert len(body["agreement"]) == 2
