"""The claim list's exports: what the list shows, as the API's CSV or an ad-hoc fact sheet; a
request the list cannot answer is a 400 page that says why."""

import csv
import io

import pytest
from django.urls import reverse

from claims.models import Status
from tests import factories


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


@pytest.fixture
def claims(db):
    return [
        factories.claim(quote="up to 6,000 National Guard troops", value=6000),
        factories.claim(
            quote="1,500 active duty troops", value=1500, hedge="exact", status=Status.VERIFIED
        ),
        factories.claim(quote="80,500 migrants", value=80500, hedge="exact", unit="migrants"),
    ]


def export(client, fmt, **params):
    return client.get(reverse("admin:claims_claim_export", args=[fmt]), params)


def csv_quotes(response) -> list[str]:
    return [row["quote"] for row in csv.DictReader(io.StringIO(response.content.decode()))]


def test_the_csv_is_the_filtered_list_with_its_citations(journalist_client, claims):
    response = export(journalist_client, "csv", status__exact="verified")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert csv_quotes(response) == ["1,500 active duty troops"]
    header = response.content.decode().splitlines()[0]
    assert "citation.title" in header and "citation.url" in header


def test_the_csv_follows_the_lists_search_and_figure_filters(journalist_client, claims):
    assert csv_quotes(export(journalist_client, "csv", q="troops", value_min="2000")) == [
        "up to 6,000 National Guard troops"
    ]
    assert sorted(csv_quotes(export(journalist_client, "csv", unit="troops"))) == [
        "1,500 active duty troops",
        "up to 6,000 National Guard troops",
    ]


def test_a_fact_sheet_of_the_list(journalist_client, claims):
    response = export(journalist_client, "md", unit="migrants")
    assert response.status_code == 200
    text = response.content.decode()
    assert "80,500 migrants" in text and "National Guard" not in text
    assert "unit: migrants" in text


@pytest.mark.parametrize(
    ("fmt", "params", "message"),
    [
        ("xls", {}, "Unknown export format “xls”"),
        ("csv", {"value_min": "lots"}, "Filter by the figure from: Enter a number."),
        ("html", {"value_min": "30", "value_max": "10"}, "the range is reversed"),
        ("csv", {"source__id__exact": "999"}, "there is no source number “999”"),
    ],
)
def test_a_bad_export_request_is_a_400_that_says_why(
    journalist_client, claims, fmt, params, message
):
    response = export(journalist_client, fmt, **params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_export_larger_than_a_request_renders_is_refused(journalist_client, claims, settings):
    settings.FACTDB_FACTSHEET_MAX_PDF_CLAIMS = 2
    response = export(journalist_client, "pdf")
    assert response.status_code == 400
    assert "This list has 3 claims" in response.content.decode()


def test_without_the_right_to_read_claims_there_is_no_export(client, claims):
    client.force_login(factories.user("nobody"))
    assert export(client, "csv").status_code == 403
