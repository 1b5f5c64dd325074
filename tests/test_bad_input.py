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
from django.db import DataError, IntegrityError, connection, transaction

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


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_the_database_itself_refuses_a_non_finite_figure(claim, value):
    """The database behind every refusal above, tried where no validation runs: raw SQL. The
    check constraint refuses it (IntegrityError), or on PostgreSQL the numeric(24, 6) column
    itself refuses an infinity (DataError)."""
    table = Claim._meta.db_table
    refused = (IntegrityError, DataError)
    with pytest.raises(refused), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = %s WHERE id = %s", [value, claim.pk])

    assert all(is_finite(v) for v in Claim.objects.values_list("value", flat=True))
    assert Claim.objects.get(pk=claim.pk).value == claim.value


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


# query -> the parameter the 400 names, or for a 200 what the answer is: it matched nothing
# ("none"), just the claim ("claim"), or every claim ("all").
HOSTILE_QUERIES = {
    "q=%00": "q",
    "unit=tro%00ops": "unit",
    "place=%00": "place",  # not a filter the API has: a 400 naming it, not the whole database
    "tags=%00": "tags",  # the filter is `tag`
    "ordering=%00": "ordering",
    "cursor=%00": "cursor",
    "value_min=NaN": "value_min",
    "value_max=Infinity": "value_max",
    "value_min=1e309": "value_min",
    "claim_date_after=2023-02-30": "claim_date_after",
    "claim_date_before=10000-01-01": "claim_date_before",
    "source=1234567890123456789012345": "source",
    "claimant=%00": "claimant",
    "page_size=1234567890123456789012345": "page_size",
    # Found by `make fuzz` on PostgreSQL: search inside the conflicts filter's subquery.
    "q=%06%C3%B8q%C2%BA&conflicts=true&value_min=7.0282224590719496e%2B16": "none",
    "q=troops&conflicts=false": "claim",
}


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_query_parameters_are_a_400_naming_them_or_read_as_stated(api, claim, query):
    other = factories_claim_elsewhere()
    before = everything()
    response = api.get(f"{CLAIMS}?{query}")
    outcome = HOSTILE_QUERIES[query]

    if outcome in ("all", "none", "claim"):
        assert response.status_code == 200, response.content[:300]
        ids = {row["id"] for row in response.json()["results"]}
        assert ids == {"all": {claim.pk, other.pk}, "none": set(), "claim": {claim.pk}}[outcome]
    else:
        assert response.status_code == 400, response.content[:300]
        assert outcome in response.json()
    assert everything() == before


def factories_claim_elsewhere():
    """A second claim, on another source and with no troops in its words."""
    from tests import factories

    return factories.claim(quote="80,500 migrants", value=Decimal(80500), unit="migrants")


@pytest.mark.parametrize(
    "path, outcome",
    [
        ("/api/v1/sources/?q=%00", "q"),  # sources filter by `title`: an unknown parameter
        ("/api/v1/sources/?title=%00", "title"),
        ("/api/v1/publishers/?name=%00", "name"),
        ("/api/v1/measures/?q=%00", "q"),  # measures filter by `label`
        ("/api/v1/measures/?label=%00", "label"),
    ],
)
def test_nul_bytes_in_reference_filters_never_reach_the_database(api, claim, path, outcome):
    from tests import factories

    factories.measure()
    response = api.get(path)

    if outcome == "all":
        assert response.status_code == 200
        model = apps.get_model("sources.source" if "sources" in path else "claims.measure")
        assert len(response.json()["results"]) == model.objects.count() > 0
    else:
        assert response.status_code == 400, response.content[:300]
        assert outcome in response.json()


# --- requests that used to answer 500 (issue 17) ----------------------------------------------

DEEP_JSON = "[" * 2000 + "]" * 2000
DEEP_OBJECT = '{"a":' * 2000 + "1" + "}" * 2000
SURROGATE = '"\\ud800"'  # a lone surrogate, as JSON escapes it


def everything() -> dict:
    """Every row of ours, history and API tokens included, to show a refusal stored nothing."""
    from rest_framework.authtoken.models import Token

    rows = {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in ("claims", "sources")
    }
    rows["tokens"] = sorted(Token.objects.values_list("key", flat=True))
    return rows


@pytest.fixture
def world(db, editor, claim):
    from claims.factsheets.services import sheet_add_claims, sheet_create, sheet_publish
    from claims.services import note_add

    note = note_add(claim=claim, author=editor, body="Checked.")
    sheet = sheet_create(title="Border", user=editor)
    sheet_add_claims(sheet=sheet, claims=[claim])
    sheet_publish(sheet=sheet, user=editor)
    return {"claim": claim, "note": note, "sheet": sheet, "source": claim.source}


def forged_cursor(values) -> str:
    import base64
    from urllib.parse import quote

    position = json.dumps({"o": ["-claim_date", "-id"], "v": values})
    return quote(base64.b64encode(f"p={position}".encode()).decode())


# name -> (who, method, path, JSON body or None, status expected, what the answer must name)
HOSTILE_REQUESTS = {
    "2,000-deep JSON array, new claim": ("editor", "post", CLAIMS, DEEP_JSON, 400, "JSON"),
    "2,000-deep JSON object, new claim": ("editor", "post", CLAIMS, DEEP_OBJECT, 400, "JSON"),
    "2,000-deep JSON, claim change": (
        "editor",
        "patch",
        "{claim_url}",
        '{{"summary": ' + DEEP_JSON + "}}",
        400,
        "JSON",
    ),
    "2,000-deep JSON, note": ("editor", "post", "{claim_url}notes/", DEEP_JSON, 400, "JSON"),
    "2,000-deep JSON, source": ("editor", "post", "/api/v1/sources/", DEEP_JSON, 400, "JSON"),
    "2,000-deep JSON, publisher": ("editor", "post", "/api/v1/publishers/", DEEP_OBJECT, 400, ""),
    "2,000-deep JSON, claimant": ("editor", "post", "/api/v1/claimants/", DEEP_JSON, 400, "JSON"),
    "2,000-deep JSON, measure": ("editor", "post", "/api/v1/measures/", DEEP_JSON, 400, "JSON"),
    "2,000-deep JSON, anonymous token request": (
        "anonymous",
        "post",
        "/api/v1/auth/token/",
        DEEP_OBJECT,
        400,
        "JSON",
    ),
    "lone surrogate as a hedge": (
        "editor",
        "post",
        CLAIMS,
        '{{"source": {source}, "quote": "q", "value": 1, "hedge": ' + SURROGATE + "}}",
        400,
        "hedge",
    ),
    "lone surrogate as an attribution": (
        "editor",
        "post",
        CLAIMS,
        '{{"source": {source}, "quote": "q", "value": 1, "attribution": ' + SURROGATE + "}}",
        400,
        "attribution",
    ),
    "lone surrogate as a rate period": (
        "editor",
        "patch",
        "{claim_url}",
        '{{"rate_period": ' + SURROGATE + "}}",
        400,
        "rate_period",
    ),
    "lone surrogate as a note's verdict": (
        "editor",
        "post",
        "{claim_url}notes/",
        '{{"body": "b", "status_to": ' + SURROGATE + "}}",
        400,
        "status_to",
    ),
    "lone surrogate as a source kind": (
        "editor",
        "post",
        "/api/v1/sources/",
        '{{"title": "T", "publisher": {publisher}, "published_on": "2020-01-01", "kind": '
        + SURROGATE
        + "}}",
        400,
        "kind",
    ),
    "lone surrogate as a date precision": (
        "editor",
        "post",
        "/api/v1/sources/",
        '{{"title": "T", "publisher": {publisher}, "published_on": "2020-01-01", '
        '"date_precision": ' + SURROGATE + "}}",
        400,
        "date_precision",
    ),
    "lone surrogate as a publisher kind": (
        "editor",
        "post",
        "/api/v1/publishers/",
        '{{"name": "P", "kind": ' + SURROGATE + "}}",
        400,
        "kind",
    ),
    "lone surrogate as a claimant kind": (
        "editor",
        "post",
        "/api/v1/claimants/",
        '{{"name": "C", "kind": ' + SURROGATE + "}}",
        400,
        "kind",
    ),
    "forged cursor of nulls": ("editor", "get", CLAIMS + "?cursor={null_cursor}", None, 400, ""),
    "forged cursor of a null and a number": (
        "editor",
        "get",
        CLAIMS + "?cursor={half_null_cursor}",
        None,
        400,
        "cursor",
    ),
    "superscript version": ("editor", "get", "{export}?version=%C2%B2", None, 400, "version"),
    "5,000-digit version": ("editor", "get", "{export}?version=" + "9" * 5000, None, 400, ""),
    "20-digit version": ("editor", "get", "{export}?version=" + "9" * 20, None, 400, "version"),
    # Not an error: which methods the page takes.
    "anonymous OPTIONS on the API docs": ("anonymous", "options", "/api/docs/", None, 200, ""),
}


def fill(text: str, world) -> str:
    return text.format(
        claim_url=f"{CLAIMS}{world['claim'].pk}/",
        source=world["source"].pk,
        publisher=world["source"].publisher_id,
        null_cursor=forged_cursor([None, None]),
        half_null_cursor=forged_cursor([None, 3]),
        export=f"/api/v1/factsheets/{world['sheet'].slug}/export/html/",
    )


@pytest.mark.parametrize("case", HOSTILE_REQUESTS)
def test_requests_that_used_to_500_are_refused_and_store_nothing(token_api, world, editor, case):
    from rest_framework.test import APIClient

    who, method, path, body, status, named = HOSTILE_REQUESTS[case]
    client = APIClient() if who == "anonymous" else token_api(editor)
    before = everything()
    kwargs = {"HTTP_IF_MATCH": world["claim"].etag} if method == "patch" else {}
    if body is not None:
        # Raw text: a JSON library would refuse to write a lone surrogate or the nesting.
        raw = body if body in (DEEP_JSON, DEEP_OBJECT) else fill(body, world)
        kwargs.update(data=raw.encode(), content_type="application/json")

    response = getattr(client, method)(fill(path, world), **kwargs)

    assert response.status_code == status, response.content[:500]
    assert named in response.content.decode(), response.content[:500]
    assert everything() == before


# --- the admin ----------------------------------------------------------------------------------

# name -> (path, query or POST data, status expected)
HOSTILE_ADMIN_REQUESTS = {
    "year 9999 in the claim list's date drill-down": (
        "get",
        "/admin/claims/claim/?claim_date__year=9999",
        400,
    ),
    "month 13 in the claim list's date drill-down": (
        "get",
        "/admin/claims/claim/?claim_date__year=2019&claim_date__month=13",
        400,
    ),
    "year 9999 in the source list's date drill-down": (
        "get",
        "/admin/sources/source/?published_on__year=9999",
        400,
    ),
    "a word for a source on the new-claim form": (
        "get",
        "/admin/claims/claim/add/?source=abc",
        200,
    ),
    "a word for a source posted on the new-claim form": (
        "post",
        "/admin/claims/claim/add/",
        200,
    ),
    "a word for a claim on a fact sheet's item": ("post", "/admin/claims/factsheet/add/", 200),
    "a word for a history record": ("get", "/admin/claims/claim/{claim}/history/abc/", 404),
    "a word for the claim of a history record": ("get", "/admin/claims/claim/abc/history/1/", 404),
    "a word for the claim of a history page": ("get", "/admin/claims/claim/abc/history/", 404),
    "a word for the source of a history page": ("get", "/admin/sources/source/1e5/history/", 404),
    "a 25-digit claim's history page": (
        "get",
        "/admin/claims/claim/1234567890123456789012345/history/",
        404,
    ),
    "a 25-digit history record": (
        "get",
        "/admin/claims/claim/{claim}/history/1234567890123456789012345/",
        404,
    ),
    "a verification note's history form": (
        "get",
        "/admin/claims/verificationnote/{note}/history/{note_record}/",
        200,
    ),
    "a verification note's history form, posted": (
        "post",
        "/admin/claims/verificationnote/{note}/history/{note_record}/",
        403,
    ),
}
ADMIN_POSTS = {
    "a word for a source posted on the new-claim form": {
        "source": "abc",
        "claimant": "1e5",
        "measure": "x",
        "assignee": "-",
        "quote": "q",
    },
    "a word for a claim on a fact sheet's item": {
        "title": "T",
        "slug": "t",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-claim": "abc",
        "items-0-position": "1",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
    },
    "a verification note's history form, posted": {"body": "rewritten"},
}


@pytest.mark.parametrize("case", HOSTILE_ADMIN_REQUESTS)
def test_hostile_admin_requests_are_refused_and_store_nothing(client, editor, world, case):
    method, path, status = HOSTILE_ADMIN_REQUESTS[case]
    client.force_login(editor)
    note = world["note"]
    url = path.format(
        claim=world["claim"].pk, note=note.pk, note_record=note.history.latest().history_id
    )
    before = everything()

    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, ADMIN_POSTS[case])

    assert response.status_code == status, response.content.decode()[:3000]
    assert everything() == before
