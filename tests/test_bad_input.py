"""Hostile and malformed input, over the API and through the import command: each gets a 400, 404
or 413 (or a CommandError) that says what is wrong, never a 500, and leaves nothing behind: no
NaN or Infinity, no half-written row, no history record.

Digits in other scripts (Arabic-Indic ٦٠٠٠, full-width ６０００) are normalised, not refused: they
are the same numbers, and the stored figure is the canonical Decimal (the quote keeps the words
as written). Counts of people or things (troops, migrants, deaths, arrests, jobs…) cannot be
negative: a fall is stated as a positive figure with the change in the summary.
"""

import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from claims.models import Claim, is_finite
from sources.models import Source

CLAIMS = "/api/v1/claims/"
HUGE = "9" * 1000
FORTY_PLACES = "0." + "1" * 40


@pytest.fixture
def api(token_api, editor):
    return token_api(editor)


def row_counts() -> dict:
    """Rows in every table of ours, history included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in ("claims", "sources")
    }


def claim_body(source, **fields):
    body = {"source": source.pk, "quote": "up to 6,000 troops", "value": "6000", "unit": "troops"}
    return {**body, **fields}


# name -> (fields sent in a new claim's JSON body, the field the 400 must name)
BAD_CLAIM_FIELDS = {
    "NaN string": ({"value": "NaN"}, "value"),
    "Infinity string": ({"value": "Infinity"}, "value"),
    "minus Infinity string": ({"value": "-Infinity"}, "value"),
    "1e309 string": ({"value": "1e309"}, "value"),
    "1,000-digit number": ({"value": HUGE}, "value"),
    "40-decimal number": ({"value": FORTY_PLACES}, "value"),
    "negative count of troops": ({"value": "-6000"}, "value"),
    "negative count of deaths": ({"value": "-3", "unit": "people killed"}, "value"),
    "range end below zero for a count": (
        {"hedge": "range", "value": "10", "value_low": "-5", "value_high": "10"},
        "value",
    ),
    "30 February": ({"claim_date": "2023-02-30"}, "claim_date"),
    "year 0": ({"claim_date": "0000-06-01"}, "claim_date"),
    "year 10000": ({"claim_date": "10000-06-01"}, "claim_date"),
    "NUL byte in the quote": ({"quote": "up to 6,000\x00 troops"}, "quote"),
    "NUL byte in the unit": ({"unit": "tro\x00ops"}, "unit"),
    "lone surrogate in the quote": ({"quote": "up to 6,000 \ud800 troops"}, "quote"),
    "100,000-character quote": ({"quote": "6,000 troops " * 7693}, "quote"),
    "period ending before it starts": (
        {"period_start": "2020-01-01", "period_end": "2019-01-01"},
        "period_end",
    ),
    "quote offsets past the text": ({"quote_start": 10**12, "quote_end": 10**12 + 5}, "quote_"),
}


@pytest.mark.parametrize("case", BAD_CLAIM_FIELDS)
def test_a_bad_figure_date_or_text_is_a_400_naming_the_field(api, source, case):
    fields, field = BAD_CLAIM_FIELDS[case]
    before = row_counts()

    response = api.post(
        CLAIMS, json.dumps(claim_body(source, **fields)), content_type="application/json"
    )

    assert response.status_code == 400, response.content[:500]
    assert any(key.startswith(field) for key in response.json()), response.json()
    assert row_counts() == before


@pytest.mark.parametrize("case", ["NaN string", "negative count of troops", "30 February"])
def test_the_same_values_are_refused_when_changing_a_claim(api, claim, case):
    fields, field = BAD_CLAIM_FIELDS[case]
    before = row_counts()

    response = api.patch(
        f"{CLAIMS}{claim.pk}/",
        json.dumps(fields),
        content_type="application/json",
        HTTP_IF_MATCH=claim.etag,
    )

    assert response.status_code == 400, response.content[:500]
    assert field in response.json()
    assert row_counts() == before
    assert Claim.objects.get(pk=claim.pk).version == 1


# Raw JSON a library would not produce: literals outside the JSON standard, escaped surrogates.
RAW_BODIES = {
    "NaN literal": '{{"source": {pk}, "quote": "q", "unit": "troops", "value": NaN}}',
    "Infinity literal": '{{"source": {pk}, "quote": "q", "unit": "troops", "value": Infinity}}',
    "-Infinity literal": '{{"source": {pk}, "quote": "q", "unit": "troops", "value": -Infinity}}',
    "1e309 literal": '{{"source": {pk}, "quote": "q", "unit": "troops", "value": 1e309}}',
    "1,000-digit literal": '{{"source": {pk}, "quote": "q", "unit": "troops", "value": '
    + HUGE
    + "}}",
    "escaped lone surrogate": '{{"source": {pk}, "quote": "q \\udc00", "unit": "t", "value": 1}}',
    "surrogate in a tag": '{{"source": {pk}, "quote": "q", "unit": "t", "value": 1, '
    '"tags": ["\\ud83d"]}}',
    "not JSON at all": "{{source: {pk}",
    "a bare NaN": "NaN",
}


@pytest.mark.parametrize("case", RAW_BODIES)
def test_raw_json_outside_the_standard_is_a_400(api, source, case):
    before = row_counts()
    body = RAW_BODIES[case].format(pk=source.pk)

    response = api.post(CLAIMS, body, content_type="application/json")

    assert response.status_code == 400, response.content[:500]
    assert response.json()
    assert row_counts() == before


def test_undecodable_bytes_are_a_400(api, source):
    response = api.post(CLAIMS, b'{"quote": "\xed\xa0\x80"}', content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "digits", ["٦٠٠٠", "６０００", "۶۰۰۰"], ids=["arabic-indic", "full-width", "persian"]
)
def test_digits_in_other_scripts_are_normalised(api, source, digits):
    quote = f"up to {digits} troops"
    response = api.post(CLAIMS, claim_body(source, quote=quote, value=digits), format="json")

    assert response.status_code == 201, response.json()
    claim = Claim.objects.get(pk=response.json()["id"])
    assert claim.value == Decimal(6000)
    assert claim.quote == quote


def test_a_five_megabyte_body_is_a_413_before_it_is_read(api, source):
    body = json.dumps(claim_body(source, quote="x" * (5 * 1024 * 1024)))
    response = api.post(CLAIMS, body, content_type="application/json")
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/1234567890123456789012345/",
        "/api/v1/claims/-1/",
        "/api/v1/claims/1e5/",
        "/api/v1/claims/1234567890123456789012345/notes/",
        "/api/v1/claims/1234567890123456789012345/history/",
        "/api/v1/sources/1234567890123456789012345/",
        "/api/v1/publishers/1234567890123456789012345/",
        "/api/v1/measures/1234567890123456789012345/",
    ],
)
def test_an_id_too_large_for_the_database_is_a_404(api, path):
    response = api.get(path)
    assert response.status_code == 404, response.content[:500]


def test_a_25_digit_id_in_a_write_is_a_404_too(api):
    response = api.patch(
        "/api/v1/claims/1234567890123456789012345/",
        {"summary": "x"},
        format="json",
        HTTP_IF_MATCH='"1234567890123456789012345-1"',
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"published_on": "2023-02-30"},
        {"published_on": "0000-01-01"},
        {"title": "A\x00B"},
        {"text": "lone \ud800 surrogate"},
        {"title": "x" * 100_000},
    ],
    ids=["30 February", "year 0", "NUL in title", "lone surrogate in text", "100k title"],
)
def test_bad_sources_are_refused_too(api, source, fields):
    body = {"title": "T", "publisher": source.publisher_id, "published_on": "2020-01-01", **fields}
    before = row_counts()
    response = api.post("/api/v1/sources/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.content[:500]
    assert set(response.json()) & set(fields)
    assert row_counts() == before


def test_no_stored_figure_is_nan_or_infinite_after_all_that(db):
    # Each test above rolls back; this guards the database constraint that backs them.
    for value in ("NaN", "Infinity", "-Infinity"):
        assert not is_finite(Decimal(value))
    assert all(is_finite(v) for v in Claim.objects.values_list("value", flat=True))


# --- the import command -----------------------------------------------------------------------


def import_text(tmp_path, text: str | bytes, **options):
    path = tmp_path / "article.txt"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    defaults = {"title": "Imported", "publisher": "Wire", "published": "2019-06", "extract": True}
    call_command("import_source", str(path), **{**defaults, **options})


@pytest.mark.parametrize(
    "text, options, message",
    [
        ("Some 6,000 troops.", {"published": "2023-02-30"}, "not a real date"),
        ("Some 6,000 troops.", {"published": "0000"}, "year"),
        ("Some 6,000 troops.", {"published": "10000"}, "not a date"),
        ("Some 6,000\x00 troops.", {}, "NUL"),
        ("Some \ud800 troops.", {}, "not UTF-8"),
        (b"\xff\xfe6,000 troops", {}, "not UTF-8"),
        ("x" * (5 * 1024 * 1024 + 1), {}, "limit"),
        ("   ", {}, "empty"),
        ("Some 6,000 troops.", {"language": "english"}, "language"),
    ],
    ids=[
        "30 February",
        "year 0",
        "year 10000",
        "NUL byte",
        "lone surrogate",
        "not UTF-8",
        "over 5 MB",
        "blank",
        "bad language tag",
    ],
)
def test_the_import_refuses_bad_files_and_options_and_writes_nothing(
    db, tmp_path, text, options, message
):
    before = row_counts()
    with pytest.raises(CommandError, match=message):
        import_text(tmp_path, text, **options)
    assert row_counts() == before


def test_the_import_stores_only_finite_storable_figures_from_hostile_text(db, tmp_path):
    text = (
        "Officials counted NaN troops and Infinity migrants. "
        f"A ledger listed {HUGE} people. "
        f"Another gave {FORTY_PLACES} deaths. "
        "The toll was -5 deaths, they said. "
        "Some ٦٠٠٠ troops and ６０００ soldiers were sent. "
        f"{'A very long sentence about 12 troops ' * 3000}. "
        "Finally, 1e309 agents arrived."
    )
    import_text(tmp_path, text)

    source = Source.objects.get(title="Imported")
    claims = list(source.claims.all())
    for claim in claims:
        claim.full_clean()
        assert is_finite(claim.value)
    assert {c.value for c in claims} >= {Decimal(6000)}


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "unit=tro%00ops",
        "place=%00",
        "tags=%00",
        "ordering=%00",
        "cursor=%00",
        "value_min=NaN",
        "value_max=Infinity",
        "value_min=1e309",
        "claim_date_after=2023-02-30",
        "claim_date_before=10000-01-01",
        "source=1234567890123456789012345",
        "claimant=%00",
        "page_size=1234567890123456789012345",
        # Found by `make fuzz` on PostgreSQL: search inside the conflicts filter's subquery.
        "q=%06%C3%B8q%C2%BA&conflicts=true&value_min=7.0282224590719496e%2B16",
        "q=troops&conflicts=false",
    ],
)
def test_hostile_query_parameters_are_a_400_or_ignored_never_a_500(api, claim, query):
    response = api.get(f"{CLAIMS}?{query}")
    assert response.status_code in (200, 400), (query, response.status_code, response.content[:300])


@pytest.mark.parametrize(
    "path", ["/api/v1/sources/?q=%00", "/api/v1/publishers/?name=%00", "/api/v1/measures/?q=%00"]
)
def test_nul_bytes_in_reference_filters_never_reach_the_database(api, path):
    assert api.get(path).status_code in (200, 400)
