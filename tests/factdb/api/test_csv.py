"""CSV for every list: flattened columns with the citation, and cells that cannot run as
spreadsheet formulas."""

import csv
import io

import pytest

from claims import services
from claims.models import Status
from factdb.api.renderers import flatten
from factdb.csv_cells import csv_safe
from tests import factories


def read_csv(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    "cell, safe",
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("up to 6,000 troops", "up to 6,000 troops"),
        ("-12.5", "-12.5"),
        ("6000", "6000"),
        (None, ""),
        (True, "true"),
    ],
)
def test_cells_that_could_run_as_formulas_get_an_apostrophe(cell, safe):
    assert csv_safe(cell) == safe


def test_nested_objects_become_dotted_columns_and_lists_are_joined():
    row = {"id": 1, "citation": {"title": "T", "publisher": "P"}, "tags": ["a", "=b"]}
    assert flatten(row) == {
        "id": 1,
        "citation.title": "T",
        "citation.publisher": "P",
        "tags": "a; '=b",
    }


def test_claims_csv_has_one_row_per_claim_with_its_citation(journalist_api):
    source = factories.source(title="Mexico mobilizes troops", authors="Ana Ruiz")
    claim = factories.claim(source=source, tags=[])

    rows = read_csv(journalist_api.get("/api/v1/claims/?format=csv"))

    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == str(claim.pk)
    assert row["figure"] == "up to 6,000 National Guard troops"
    assert row["citation.title"] == "Mexico mobilizes troops"
    assert row["citation.publisher"] == source.publisher.name
    assert row["citation.authors"] == "Ana Ruiz"
    assert row["citation.published"] == "10 June 2019"
    assert row["citation.url"] == source.url
    assert row["etag"] == f'"{claim.pk}-1"'


def test_claims_csv_follows_the_filters_and_is_a_download(journalist_api):
    factories.claim(status=Status.VERIFIED)
    factories.claim(status=Status.FALSE)
    response = journalist_api.get("/api/v1/claims/?format=csv&status=verified")
    assert [row["status"] for row in read_csv(response)] == ["verified"]
    assert response["Content-Disposition"] == 'attachment; filename="claim.csv"'


def test_a_formula_in_a_quote_comes_out_inert(journalist_api):
    source = factories.source(title='=HYPERLINK("http://evil.example","click")')
    factories.claim(source=source, quote="@SUM(1+1) up to 6,000 National Guard troops")

    row = read_csv(journalist_api.get("/api/v1/claims/?format=csv"))[0]

    assert row["quote"].startswith("'@SUM")
    assert row["citation.title"].startswith("'=HYPERLINK")
    assert not any(value.startswith(("=", "+", "@")) for value in row.values())


def test_the_csv_page_links_to_the_next_page(journalist_api):
    source = factories.source()
    for _ in range(3):
        factories.claim(source=source)
    response = journalist_api.get("/api/v1/claims/?format=csv&page_size=2")
    assert len(read_csv(response)) == 2
    assert 'rel="next"' in response["Link"]
    assert "format=csv" in response["Link"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/sources/", "/api/v1/publishers/", "/api/v1/claimants/", "/api/v1/measures/"],
)
def test_every_list_has_csv(journalist_api, path):
    factories.claim(claimant=factories.claimant(), measure=factories.measure())
    assert len(read_csv(journalist_api.get(f"{path}?format=csv"))) == 1


def test_notes_and_history_have_csv(journalist_api, claim, editor):
    services.note_add(claim=claim, author=editor, body="=cmd", status_to=Status.VERIFIED)
    notes = read_csv(journalist_api.get(f"/api/v1/claims/{claim.pk}/notes/?format=csv"))
    history = read_csv(journalist_api.get(f"/api/v1/claims/{claim.pk}/history/?format=csv"))
    assert notes[0]["body"] == "'=cmd"
    assert [h["type"] for h in history] == ["changed", "created"]


def test_errors_in_csv_name_the_field(journalist_api):
    response = journalist_api.get("/api/v1/claims/?format=csv&value_min=lots")
    assert response.status_code == 400
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [{"field": "value_min", "message": "Enter a number."}]
