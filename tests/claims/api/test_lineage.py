"""GET/POST /api/v1/claims/<id>/lineage/ on the real Boonville articles (tests/lineage_data.py)."""

import pytest

from claims.models import Claim, LineageAppearance
from claims.services import note_add
from tests.lineage_data import import_boonville


@pytest.fixture
def boonville(db, editor):
    return import_boonville(editor)


def url(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/lineage/"


def five(source) -> Claim:
    return source.claims.get(value=5)


def test_the_lineage_lists_every_appearance_in_date_order(boonville, journalist_api):
    english, spanish, india = boonville
    data = journalist_api.get(url(five(spanish))).json()
    assert data["first"] == five(english).pk
    assert [row["claim"] for row in data["appearances"]] == [
        five(english).pk,
        five(spanish).pk,
        five(india).pk,
    ]
    assert [row["relation"] for row in data["appearances"]] == [
        "first",
        "translated",
        "hedge_changed",
    ]
    first = data["appearances"][0]
    assert first["publisher"] == "The New Indian Express"
    assert first["published_on"] == "2026-02-17"
    assert first["language"] == "en"
    assert first["source"] == english.pk
    assert data["appearances"][1]["language"] == "es"


def test_a_claim_in_no_lineage_is_its_own_first(claim, journalist_api):
    data = journalist_api.get(url(claim)).json()
    assert data["first"] == claim.pk
    assert [row["relation"] for row in data["appearances"]] == ["first"]
    assert data["lineage"] is None


def test_anonymous_readers_need_public_read(boonville, anon_api):
    assert anon_api.get(url(five(boonville[0]))).status_code == 401


def test_public_readers_see_only_verified_appearances(boonville, anon_api, public_read, editor):
    english, spanish, india = boonville
    assert anon_api.get(url(five(english))).status_code == 404  # not verified: not visible
    for claim in (five(english), five(india)):
        note_add(claim=claim, author=editor, body="Matches the police statement.",
                 status_to="verified")  # fmt: skip
    data = anon_api.get(url(five(india))).json()
    assert [row["claim"] for row in data["appearances"]] == [five(english).pk, five(india).pk]


def test_an_unknown_claim_is_a_404(db, journalist_api):
    assert journalist_api.get("/api/v1/claims/999999/lineage/").status_code == 404


def test_editors_confirm_split_and_merge(boonville, editor_api):
    english, _spanish, india = boonville
    response = editor_api.post(url(five(english)), {"action": "confirm"}, format="json")
    assert response.status_code == 200
    assert all(row["confirmed"] for row in response.json()["appearances"])
    response = editor_api.post(url(five(india)), {"action": "split"}, format="json")
    assert [row["claim"] for row in response.json()["appearances"]] == [five(india).pk]
    response = editor_api.post(
        url(five(english)), {"action": "merge", "with": five(india).pk}, format="json"
    )
    assert five(india).pk in [row["claim"] for row in response.json()["appearances"]]


def test_journalists_may_not_change_a_lineage(boonville, journalist_api):
    response = journalist_api.post(url(five(boonville[0])), {"action": "split"}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize(
    "body, field",
    [
        ({"action": "join"}, "action"),
        ({"action": "merge"}, "with"),
        ({"action": "merge", "with": "x"}, "with"),
        ({"action": "confirm", "because": "yes"}, "because"),
    ],
)
def test_bad_actions_are_a_400_naming_the_field(boonville, editor_api, body, field):
    before = list(LineageAppearance.objects.values_list("pk", "lineage_id", "confirmed"))
    response = editor_api.post(url(five(boonville[0])), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert list(LineageAppearance.objects.values_list("pk", "lineage_id", "confirmed")) == before


def test_merging_with_itself_or_splitting_a_loner_is_a_400(boonville, editor_api, claim):
    english = five(boonville[0])
    response = editor_api.post(url(english), {"action": "merge", "with": english.pk}, format="json")
    assert response.status_code == 400
    assert editor_api.post(url(claim), {"action": "split"}, format="json").status_code == 400
