"""The claims endpoints: a row stands on its own, writes go through the services, claims are
retracted rather than deleted, and the list's cost does not grow with the page size."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from claims import services
from claims.models import Claim, Hedge, Status, Tag, VerificationNote
from tests import factories

CLAIMS = "/api/v1/claims/"


def detail(claim):
    return f"{CLAIMS}{claim.pk}/"


def new_claim_body(source, **fields):
    return {
        "source": source.pk,
        "quote": "80,500 migrants had been deported since December",
        "value": "80500",
        "unit": "migrants",
        **fields,
    }


def test_a_claim_row_carries_its_figure_etag_and_citation(journalist_api):
    publisher = factories.publisher(name="The Left Voice")
    source = factories.source(
        publisher=publisher,
        title="Mexico mobilizes troops",
        authors="Ana Ruiz",
        published_on=datetime.date(2019, 6, 1),
        date_precision="month",
    )
    claim = factories.claim(
        source=source,
        claimant=factories.claimant(name="Marcelo Ebrard"),
        measure=factories.measure(label="Guard troops at the southern border"),
    )
    claim.tags.set([tag("border")])

    row = journalist_api.get(CLAIMS).json()["results"][0]

    assert row["figure"] == "up to 6,000 National Guard troops"
    assert row["etag"] == f'"{claim.pk}-1"'
    assert row["claimant_name"] == "Marcelo Ebrard"
    assert row["measure_label"] == "Guard troops at the southern border"
    assert row["citation"] == {
        "id": source.pk,
        "publisher": "The Left Voice",
        "title": "Mexico mobilizes troops",
        "authors": "Ana Ruiz",
        "published_on": "2019-06-01",
        "date_precision": "month",
        "published": "June 2019",
        "url": source.url,
        "archive_url": "",
        "language": "en",
    }
    assert row["value"] == "6000" and row["value_low"] is None and row["value_high"] == "6000"
    assert row["tags"] == ["border"]
    assert row["notes_count"] == 0


def test_detail_sends_the_etag_header(journalist_api, claim):
    response = journalist_api.get(detail(claim))
    assert response.status_code == 200
    assert response["ETag"].startswith(f'"{claim.pk}-1.')


def test_notes_are_counted_on_each_row(journalist_api, claim, editor):
    services.note_add(claim=claim, author=editor, body="Checked the decree.")
    services.note_add(claim=claim, author=editor, body="And the ministry's figures.")
    assert journalist_api.get(CLAIMS).json()["results"][0]["notes_count"] == 2


def test_an_editor_records_a_claim_with_its_tags(editor_api, editor, source):
    response = editor_api.post(
        CLAIMS, new_claim_body(source, tags=["deportations", "mexico"]), format="json"
    )

    assert response.status_code == 201, response.json()
    claim = Claim.objects.get(pk=response.json()["id"])
    assert response["ETag"].startswith(f'"{claim.pk}-1.')
    assert response["Location"].endswith(detail(claim))
    assert claim.created_by == editor
    assert claim.status == Status.UNVERIFIED
    assert sorted(claim.tags.values_list("name", flat=True)) == ["deportations", "mexico"]
    # Anchored in the source's text, since the quote appears there.
    assert source.text[claim.quote_start : claim.quote_end] == claim.quote


def test_creating_a_claim_with_tags_leaves_one_history_record_holding_them(editor_api, source):
    response = editor_api.post(CLAIMS, new_claim_body(source, tags=["mexico"]), format="json")
    claim = Claim.objects.get(pk=response.json()["id"])

    records = list(claim.history.all())
    assert len(records) == 1
    assert records[0].history_type == "+"
    assert [row.tag.name for row in records[0].tags.all()] == ["mexico"]


def test_the_workflow_fields_cannot_be_set_by_a_client(editor_api, editor, source):
    other = factories.user("mallory")
    body = new_claim_body(
        source,
        id=999,
        status="verified",
        version=40,
        origin="extracted",
        created_by=other.pk,
        created_at="2001-01-01T00:00:00Z",
    )
    before = Claim.objects.count()
    response = editor_api.post(CLAIMS, body, format="json")

    # Refused by name, not silently ignored: the client learns its status did not stick.
    assert response.status_code == 400
    errors = response.json()
    assert {"id", "status", "version", "origin", "created_by", "created_at"} <= errors.keys()
    assert "notes/" in errors["status"][0]
    assert Claim.objects.count() == before


def test_a_status_patch_is_a_400_pointing_to_the_notes_endpoint(editor_api, claim):
    response = editor_api.patch(
        f"{CLAIMS}{claim.pk}/", {"status": "verified"}, format="json", HTTP_IF_MATCH=claim.etag
    )
    assert response.status_code == 400
    assert "/notes/" in response.json()["status"][0]
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("unverified", 1)
    assert claim.created_at.year != 2001


def test_patch_with_the_current_etag_changes_the_claim(editor_api, editor, claim):
    response = editor_api.patch(
        detail(claim),
        {"summary": "Guard troops sent south", "tags": ["border"]},
        format="json",
        HTTP_IF_MATCH=f'"{claim.pk}-1"',
    )

    assert response.status_code == 200, response.json()
    assert response["ETag"].startswith(f'"{claim.pk}-2.')
    claim.refresh_from_db()
    assert claim.summary == "Guard troops sent south"
    assert claim.version == 2
    latest = claim.history.latest()
    assert latest.history_user == editor
    assert claim.history.count() == 2


def test_patch_cannot_change_status_or_version(editor_api, claim):
    response = editor_api.patch(
        detail(claim),
        {"status": "verified", "version": 9, "summary": "s"},
        format="json",
        HTTP_IF_MATCH=claim.etag,
    )
    assert response.status_code == 400
    assert {"status", "version"} == response.json().keys()
    claim.refresh_from_db()
    assert (claim.status, claim.version, claim.summary) == ("unverified", 1, "")


def test_put_replaces_the_claim(editor_api, claim, source):
    body = new_claim_body(source, quote="up to 6,000 National Guard troops", value="6000")
    body.update(hedge="approx", unit="troops")
    response = editor_api.put(detail(claim), body, format="json", HTTP_IF_MATCH=claim.etag)

    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    assert (claim.hedge, claim.unit, claim.value_low) == (Hedge.APPROX, "troops", Decimal(6000))


def test_model_validation_errors_name_the_field(editor_api, source):
    body = new_claim_body(source, hedge="range", value="5000", value_low="6000", value_high="5000")
    response = editor_api.post(CLAIMS, body, format="json")
    assert response.status_code == 400
    assert "value_high" in response.json()
    assert not Claim.objects.exists()


def test_delete_retracts_with_a_reason_and_keeps_the_claim(editor_api, editor, claim):
    response = editor_api.delete(
        detail(claim),
        {"reason": "The ministry withdrew the figure."},
        format="json",
        HTTP_IF_MATCH=claim.etag,
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "retracted"
    assert response["ETag"].startswith(f'"{claim.pk}-2.')
    claim.refresh_from_db()
    assert claim.status == Status.RETRACTED
    note = claim.notes.get()
    assert (note.body, note.status_to, note.author) == (
        "The ministry withdrew the figure.",
        "retracted",
        editor,
    )


def test_delete_without_a_reason_is_refused(editor_api, claim):
    response = editor_api.delete(detail(claim), HTTP_IF_MATCH=claim.etag)
    assert response.status_code == 400
    assert "reason" in response.json()
    claim.refresh_from_db()
    assert claim.status == Status.UNVERIFIED


def test_retracting_twice_is_a_conflict(editor_api, claim):
    editor_api.delete(detail(claim) + "?reason=withdrawn", HTTP_IF_MATCH=claim.etag)
    again = editor_api.delete(detail(claim) + "?reason=again", HTTP_IF_MATCH=f'"{claim.pk}-2"')
    assert again.status_code == 409
    assert VerificationNote.objects.count() == 1


def test_notes_list_oldest_first_with_their_authors(journalist_api, claim, editor):
    services.note_add(claim=claim, author=editor, body="first")
    services.note_add(claim=claim, author=editor, body="second", status_to=Status.IN_REVIEW)

    notes = journalist_api.get(f"{detail(claim)}notes/").json()["results"]

    assert [n["body"] for n in notes] == ["first", "second"]
    assert notes[1]["author"] == "eddie"
    assert (notes[1]["status_from"], notes[1]["status_to"]) == ("unverified", "in_review")


def test_an_editor_posts_a_note_that_sets_the_verdict(editor_api, claim, source):
    response = editor_api.post(
        f"{detail(claim)}notes/",
        {
            "body": "The decree says 6,000.",
            "status_to": "verified",
            "evidence_url": "https://dof.gob.mx/decree",
            "evidence_sources": [source.pk],
        },
        format="json",
        HTTP_IF_MATCH=claim.etag,
    )

    assert response.status_code == 201, response.json()
    assert response.json()["claim_etag"] == f'"{claim.pk}-2"'
    claim.refresh_from_db()
    assert claim.status == Status.VERIFIED
    assert list(claim.notes.get().evidence_sources.all()) == [source]


def test_a_note_with_a_stale_if_match_changes_nothing(editor_api, claim):
    response = editor_api.post(
        f"{detail(claim)}notes/",
        {"body": "late", "status_to": "false"},
        format="json",
        HTTP_IF_MATCH=f'"{claim.pk}-7"',
    )
    assert response.status_code == 412
    claim.refresh_from_db()
    assert claim.status == Status.UNVERIFIED
    assert not claim.notes.exists()


def test_notes_of_a_missing_claim_are_not_found(journalist_api):
    assert journalist_api.get(f"{CLAIMS}424242/notes/").status_code == 404


def test_history_says_when_who_and_what_changed(editor_api, claim):
    editor_api.patch(
        detail(claim),
        {"summary": "revised", "tags": ["border"]},
        format="json",
        HTTP_IF_MATCH=claim.etag,
    )

    history = editor_api.get(f"{detail(claim)}history/").json()

    assert [h["type"] for h in history] == ["changed", "created"]
    latest = history[0]
    assert latest["who"] == "eddie"
    assert latest["version"] == 2
    assert {"field": "summary", "old": "", "new": "revised"} in latest["changes"]
    assert {"field": "tags", "old": [], "new": ["border"]} in latest["changes"]


@pytest.mark.parametrize("page_size", [1, 50])
def test_the_list_runs_the_same_queries_whatever_the_page_size(
    journalist_api, editor, page_size, django_assert_num_queries
):
    source = factories.source()
    measure = factories.measure()
    claimant = factories.claimant()
    tags = [tag(name) for name in ("border", "troops")]
    for n in range(60):
        claim = factories.claim(
            source=source, value=Decimal(n + 1), measure=measure, claimant=claimant
        )
        claim.tags.set(tags)
        services.note_add(claim=claim, author=editor, body="seen")

    # Token, user and permissions (factdb/api/authentication.py), the page with its tags
    # (PostgreSQL), or the page and then its tags (SQLite).
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 3):
        response = journalist_api.get(f"{CLAIMS}?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


def tag(name):
    return Tag.objects.get_or_create(name=name)[0]


def raw_json(source_, value_literal, **overrides):
    """A claim body as JSON text, so literals Python's json would never write can be sent."""
    fields = {
        "source": str(source_.pk),
        "quote": '"up to 6,000 troops"',
        "value": value_literal,
        "unit": '"troops"',
        **overrides,
    }
    return "{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}"


BAD_BODIES = [
    ("non-numeric value", '"lots"', {}, "value"),
    ("NaN literal", "NaN", {}, "value"),
    ("NaN string", '"NaN"', {}, "value"),
    ("Infinity literal", "Infinity", {}, "value"),
    ("-Infinity literal", "-Infinity", {}, "value"),
    ("Infinity string", '"Infinity"', {}, "value"),
    ("1e309 number", "1e309", {}, "value"),
    ("1e309 string", '"1e309"', {}, "value"),
    ("1,000-digit number", "9" * 1000, {}, "value"),
    ("40 decimal places", "0." + "1" * 40, {}, "value"),
    ("NaN in a bound", "6000", {"hedge": '"range"', "value_low": "NaN"}, "value_low"),
    ("100,000-character quote", "6000", {"quote": '"' + "x" * 100_000 + '"'}, "quote"),
    ("NUL in the quote", "6000", {"quote": '"up to\\u0000 6,000"'}, "quote"),
    ("unknown hedge", "6000", {"hedge": '"roughly"'}, "hedge"),
    ("impossible date", "6000", {"claim_date": '"2023-02-30"'}, "claim_date"),
    ("year 10000", "6000", {"claim_date": '"10000-01-01"'}, "claim_date"),
    ("25-digit source id", "6000", {"source": "9" * 25}, "source"),
    ("tag that is not a slug", "6000", {"tags": '["two words"]'}, "tags"),
]


@pytest.mark.parametrize(
    "value, overrides, field",
    [case[1:] for case in BAD_BODIES],
    ids=[case[0] for case in BAD_BODIES],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(
    editor_api, source, value, overrides, field
):
    response = editor_api.post(
        CLAIMS, raw_json(source, value, **overrides), content_type="application/json"
    )
    assert response.status_code == 400, response.content[:300]
    assert field in response.json(), response.json()
    assert not Claim.objects.exists()
    assert not Tag.objects.exists()


def test_malformed_json_is_a_400(editor_api):
    response = editor_api.post(CLAIMS, '{"value": ', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_a_25_digit_id_in_the_url_is_not_found(journalist_api):
    assert journalist_api.get(f"{CLAIMS}{'9' * 25}/").status_code == 404
    assert journalist_api.get(f"{CLAIMS}{'9' * 25}/notes/").status_code == 404
    assert journalist_api.get(f"{CLAIMS}{'9' * 25}/history/").status_code == 404


def test_json_numbers_keep_every_digit(editor_api, source):
    body = raw_json(source, "1234567.123456")
    response = editor_api.post(CLAIMS, body, content_type="application/json")
    assert response.status_code == 201
    assert Claim.objects.get().value == Decimal("1234567.123456")
