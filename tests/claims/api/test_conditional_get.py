"""Polling the claims cheaply: strong ETags on the list and the detail, If-None-Match answered
304 while nothing a reader would see changed, and Cache-Control saying who may keep a read."""

import pytest
from rest_framework.authtoken.models import Token

from claims import services
from claims.api import reading
from claims.models import Status, Tag
from tests import factories

CLAIMS = "/api/v1/claims/"


def detail(claim):
    return f"{CLAIMS}{claim.pk}/"


def poll(api, url, etag):
    return api.get(url, HTTP_IF_NONE_MATCH=etag)


@pytest.mark.parametrize("url", ["list", "detail"])
def test_an_unchanged_read_polled_with_its_etag_is_a_304_without_a_body(journalist_api, claim, url):
    url = CLAIMS if url == "list" else detail(claim)
    first = journalist_api.get(url)
    assert first.status_code == 200

    again = poll(journalist_api, url, first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "private, no-cache"


def test_a_weak_form_of_the_etag_or_one_among_several_also_matches(journalist_api, claim):
    etag = journalist_api.get(detail(claim))["ETag"]
    assert poll(journalist_api, detail(claim), f"W/{etag}").status_code == 304
    assert poll(journalist_api, detail(claim), f'"other", {etag}').status_code == 304
    assert poll(journalist_api, detail(claim), '"other"').status_code == 200


def test_a_renamed_source_changes_the_detail_etag_though_the_claim_version_does_not(
    journalist_api, claim
):
    first = journalist_api.get(detail(claim))
    claim.source.title = "A corrected headline"
    claim.source.save()

    again = poll(journalist_api, detail(claim), first["ETag"])
    assert again.status_code == 200
    assert again.json()["citation"]["title"] == "A corrected headline"
    assert again.json()["version"] == first.json()["version"]
    assert again["ETag"] != first["ETag"]


def test_a_note_or_a_new_claim_changes_the_list_etag(journalist_api, editor, claim):
    etag = journalist_api.get(CLAIMS)["ETag"]
    services.note_add(claim=claim, author=editor, body="Checked against the ministry's release.")
    noted = poll(journalist_api, CLAIMS, etag)
    assert noted.status_code == 200
    assert noted.json()["results"][0]["notes_count"] == 1

    factories.claim(source=claim.source, quote="another 1,500 troops", value=1500)
    assert poll(journalist_api, CLAIMS, noted["ETag"]).status_code == 200


def test_each_format_and_each_filter_has_its_own_etag(journalist_api, claim):
    as_json = journalist_api.get(CLAIMS)["ETag"]
    as_csv = journalist_api.get(f"{CLAIMS}?format=csv")
    assert as_csv["ETag"] != as_json
    assert poll(journalist_api, f"{CLAIMS}?format=csv", as_json).status_code == 200
    assert poll(journalist_api, f"{CLAIMS}?format=csv", as_csv["ETag"]).content == b""
    filtered = journalist_api.get(f"{CLAIMS}?unit=troops&value_min=7000")
    assert filtered.json()["results"] == []
    assert filtered["ETag"] != as_json


def test_the_detail_etag_still_guards_a_write(editor_api, claim):
    etag = editor_api.get(detail(claim))["ETag"]
    changed = editor_api.patch(
        detail(claim), {"summary": "troops"}, format="json", HTTP_IF_MATCH=etag
    )
    assert changed.status_code == 200
    # The write answers with the ETag a read now gives, so the next poll is a 304.
    assert poll(editor_api, detail(claim), changed["ETag"]).status_code == 304
    stale = editor_api.patch(detail(claim), {"summary": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412


def test_a_304_still_needs_a_reader_who_may_read(client_for, journalist, claim):
    api = client_for(journalist)
    etag = api.get(detail(claim))["ETag"]
    assert poll(client_for(None), detail(claim), etag).status_code == 401

    Token.objects.filter(user=journalist).delete()  # revoked: it stops working at once
    assert poll(api, detail(claim), etag).status_code == 401


def test_a_reader_who_lost_their_role_gets_no_304(client_for, journalist, claim):
    api = client_for(journalist)
    etag = api.get(CLAIMS)["ETag"]
    journalist.groups.clear()
    assert poll(api, CLAIMS, etag).status_code == 403


def test_a_public_read_may_be_kept_by_shared_caches(public_read, anon_api, settings, claim):
    settings.FACTDB_PUBLIC_MAX_AGE = 120
    claim.status = Status.VERIFIED
    claim.save()
    response = anon_api.get(detail(claim))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=120"
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Authorization", "Cookie", "Accept"} <= vary
    assert poll(anon_api, detail(claim), response["ETag"]).status_code == 304


def etags_of(api, claim):
    return api.get(detail(claim))["ETag"], api.get(CLAIMS)["ETag"]


def test_an_edit_of_what_a_claim_shows_from_elsewhere_changes_both_etags(journalist_api, claim):
    """The ETag is a digest of the stored values a claim is shown from (not its version
    alone): its source, the source's publisher, its claimant, measure and tags."""
    claim.claimant = factories.claimant(name="Ministry of Defence")
    claim.measure = factories.measure(label="Troops deployed")
    claim.created_by = factories.user("desk-editor")
    claim.save()
    claim.tags.set([Tag.objects.create(name="border")])
    seen = {etags_of(journalist_api, claim)}

    def edit(thing, **fields):
        for name, value in fields.items():
            setattr(thing, name, value)
        thing.save()
        etags = etags_of(journalist_api, claim)
        assert etags[0] not in {e[0] for e in seen}, fields
        assert etags[1] not in {e[1] for e in seen}, fields
        seen.add(etags)

    edit(claim.source, title="A corrected headline")
    edit(claim.source.publisher, name="The Renamed Times")
    edit(claim.claimant, name="Defence Ministry")
    edit(claim.measure, label="Troops sent")
    edit(claim.created_by, username="renamed-author")
    edit(claim.tags.get(), name="frontera")
    # After all that, an unchanged poll is still a 304.
    etag = journalist_api.get(detail(claim))["ETag"]
    assert poll(journalist_api, detail(claim), etag).status_code == 304


def test_a_revoked_token_gets_401_on_the_list_even_with_a_matching_etag(client_for, journalist):
    api = client_for(journalist)
    etag = api.get(CLAIMS)["ETag"]
    assert poll(api, CLAIMS, etag).status_code == 304
    Token.objects.filter(user=journalist).delete()
    assert poll(api, CLAIMS, etag).status_code == 401


@pytest.mark.parametrize("url", ["list", "detail"])
def test_each_language_has_its_own_etag(journalist_api, claim, url):
    """The figure and the citation's date are written in the reader's language: an English
    ETag must never get a 304 to a Spanish request, and caches are told the answer varies."""
    url = CLAIMS if url == "list" else detail(claim)
    english = journalist_api.get(url, HTTP_ACCEPT_LANGUAGE="en")
    spanish = journalist_api.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert english["ETag"] != spanish["ETag"]
    assert "Accept-Language" in {v.strip() for v in english["Vary"].split(",")}
    asked = poll(journalist_api, url, english["ETag"])
    assert asked.status_code == 304
    in_spanish = journalist_api.get(
        url, HTTP_IF_NONE_MATCH=english["ETag"], HTTP_ACCEPT_LANGUAGE="es"
    )
    assert in_spanish.status_code == 200
    assert in_spanish["ETag"] == spanish["ETag"]


def test_an_anonymous_reader_gets_another_etag_than_a_signed_in_one(
    public_read, anon_api, journalist_api, claim
):
    claim.status = Status.VERIFIED
    claim.save()
    signed_in = journalist_api.get(detail(claim))["ETag"]
    anonymous = anon_api.get(detail(claim))
    assert anonymous["ETag"] != signed_in  # it shows less (no staff names)
    assert poll(anon_api, detail(claim), signed_in).status_code == 200


@pytest.mark.parametrize("url", ["list", "detail"])
def test_a_deploy_that_changes_how_rows_are_shaped_changes_every_etag(
    journalist_api, claim, monkeypatch, url
):
    """The ETag is known from the stored values before the answer is shaped; what shapes them
    (claims/api, claims/figures, factdb/api, the translations) is digested with them, so new
    code never gets a 304 for an answer the old code wrote."""
    url = CLAIMS if url == "list" else detail(claim)
    etag = journalist_api.get(url)["ETag"]
    monkeypatch.setattr(reading, "SHAPED_BY", reading._fingerprint() + "-next-release")
    again = poll(journalist_api, url, etag)
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_the_shaping_code_is_digested_from_its_files():
    assert reading.SHAPED_BY == reading._fingerprint()
    assert len(reading.SHAPED_BY) == 16
