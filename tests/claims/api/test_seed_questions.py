"""A journalist's first questions of the seed data, and the answers they must get: unit=troops is
every personnel figure, value_min/value_max the figure as stated, consistent_with the hedge-aware
question, rates per period, and the same answers in an ad-hoc fact sheet in every format."""

import json
import os
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims import services
from claims.factsheets.renderers import FORMATS
from claims.models import Claim, Hedge, Status
from tests import factories
from tests.claims.factsheets.conftest import pdf_text

CLAIMS = "/api/v1/claims/"
UP_TO_6000 = "up to 6,000 National Guard troops"
TROOPS_1500 = "1,500 active duty troops"
# The troop figures the seed holds: the two seed articles' and the news reports' on the same
# deployments (fixtures/06_news_coverage_claims.json).
GUARD_6000 = [UP_TO_6000] * 2 + ["6,000 National Guard troops"] * 4
GUARD_MORE = "more than 6,000 National Guard troops"
GUARD_2000 = ["2,000 National Guard troops", "about 2,000 National Guard troops"]
US_1500 = [TROOPS_1500] * 3 + ["about 1,500 active duty troops"] * 2
US_1600 = "about 1,600 active duty troops"


@pytest.fixture
def seed(db):
    call_command("seed", verbosity=0)


def figures(api, query):
    response = api.get(f"{CLAIMS}?{query}")
    assert response.status_code == 200, response.json()
    return sorted(row["figure"] for row in response.json()["results"])


def test_troops_of_at_least_1000_are_the_6000s_the_2000s_and_the_1500s(journalist_api, seed):
    expected = sorted([*GUARD_6000, GUARD_MORE, *GUARD_2000, *US_1500, US_1600])
    assert figures(journalist_api, "unit=troops&value_min=1000") == expected


def test_troops_of_at_least_3000_are_the_guard_deployment_of_6000(journalist_api, seed):
    expected = sorted([*GUARD_6000, GUARD_MORE])
    assert figures(journalist_api, "unit=troops&value_min=3000") == expected


def test_a_monthly_rate_finds_more_than_800_dollars_a_year(journalist_api, seed):
    found = figures(journalist_api, "unit=USD&per=month&value_min=60&value_max=70")
    assert found == ["more than $800 a year"]


def test_consistent_with_5200_is_up_to_6000_and_not_more_than_6000(journalist_api, seed):
    source = Claim.objects.get(quote__contains="6,000", source__publisher__name="Left Voice").source
    factories.claim(
        source=source, quote="more than 6,000 troops", hedge=Hedge.MORE_THAN, unit="troops"
    )
    found = figures(journalist_api, "consistent_with=5200")
    assert UP_TO_6000 in found
    assert "more than 6,000 troops" not in found and GUARD_MORE not in found


def test_between_5000_and_5500_as_stated_is_neither(journalist_api, seed):
    found = figures(journalist_api, "value_min=5000&value_max=5500")
    assert UP_TO_6000 not in found and TROOPS_1500 not in found
    assert found == []


def test_the_old_overlap_question_is_still_there_by_its_own_name(journalist_api, seed):
    # "Up to 6,000" could be anything from 5,000 to 5,500: it is consistent with that range.
    found = figures(journalist_api, "unit=troops&consistent_min=5000&consistent_max=5500")
    assert found == [UP_TO_6000, UP_TO_6000]  # Left Voice's and Reuters' "up to 6,000"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_adhoc_troops_sheet_holds_both_figures_with_citations(client, editor, seed, fmt):
    # JSON-LD carries claims with a verdict only (ClaimReview), so the two are verified first.
    for claim in Claim.objects.filter(unit_family="personnel"):
        services.note_add(claim=claim, author=editor, body="Checked.", status_to=Status.VERIFIED)
    client.force_login(editor)
    response = client.get(reverse("factsheet-adhoc", kwargs={"fmt": fmt}), {"unit": "troops"})
    assert response.status_code == 200, response.content[:500]
    body = pdf_text(response.content) if fmt == "pdf" else response.content.decode("utf-8-sig")
    if os.environ.get("FACTDB_KEEP_EXPORTS"):
        with open(f"{os.environ['FACTDB_KEEP_EXPORTS']}/troops.{fmt}", "wb") as out:
            out.write(response.content)
    if fmt == "jsonld":
        reviews = json.loads(body)
        reviews = reviews if isinstance(reviews, list) else reviews.get("@graph", [reviews])
        reviewed = " ".join(json.dumps(r, ensure_ascii=False) for r in reviews)
        assert "6,000" in reviewed and "1,500" in reviewed
        assert "leftvoice" in reviewed.lower() or "Left Voice" in reviewed
        return
    assert "6,000" in body and "1,500" in body
    assert "80,500" not in body and "$800" not in body
    # Each figure is cited: both sources' titles are in the sheet.
    for claim in Claim.objects.filter(unit_family="personnel").select_related("source"):
        assert claim.source.title[:30] in body.replace("\n", " ") or fmt == "pdf"
    if fmt == "pdf":
        assert "Re-Colonization" in body and "Communist Response" in body


def test_an_adhoc_sheet_refuses_an_unknown_parameter(client, editor, seed):
    client.force_login(editor)
    response = client.get(reverse("factsheet-adhoc", kwargs={"fmt": "md"}), {"units": "troops"})
    assert response.status_code == 400
    assert "units" in response.json()


def test_stored_figures_of_the_seed_are_normalised(seed):
    troops = Claim.objects.get(quote__contains="1,500 active duty troops")
    assert (troops.unit_family, troops.value_normalised) == ("personnel", Decimal(1500))
    dollars = Claim.objects.get(rate_period="year")
    assert dollars.unit_family == "USD" and dollars.value_normalised == 800
