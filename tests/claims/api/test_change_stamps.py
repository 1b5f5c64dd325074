"""The change stamp behind the claims' ETags (claims/change_stamps.py), and the 304 answered
from one statement (factdb/api/conditional.py): every write to what a claim shows, through
Django or in raw SQL, is a new ETag; an unchanged poll costs one query and still passes the
token, role and throttle checks a full read does."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from claims import change_stamps, services
from claims.models import Claim, Status, Tag, VerificationNote
from factdb.api.conditional import read_stamp
from tests import factories

CLAIMS = "/api/v1/claims/"


def detail(claim):
    return f"{CLAIMS}{claim.pk}/"


def etags_of(api, claim):
    return api.get(detail(claim))["ETag"], api.get(CLAIMS)["ETag"]


@pytest.fixture
def shown(claim):
    """A claim showing something of every table its answer reads."""
    claim.claimant = factories.claimant(name="Ministry of Defence")
    claim.measure = factories.measure(label="Troops deployed")
    claim.created_by = factories.user("desk-editor")
    claim.save()
    claim.tags.set([Tag.objects.create(name="border")])
    return claim


def django_writes(claim, editor):
    yield "claim", lambda: Claim.objects.filter(pk=claim.pk).update(place="Tijuana")
    yield "note", lambda: services.note_add(claim=claim, author=editor, body="Checked.")
    yield "tag", lambda: Tag.objects.filter(claims=claim).update(name="frontera")
    yield "tag link", lambda: claim.tags.add(Tag.objects.create(name="troops"))
    yield "tag unlinked", lambda: claim.tags.clear()
    yield (
        "source",
        lambda: (
            type(claim.source)
            .objects.filter(pk=claim.source_id)
            .update(title="A corrected headline")
        ),
    )
    publisher = claim.source.publisher
    yield "publisher", lambda: type(publisher).objects.filter(pk=publisher.pk).update(name="X")
    yield (
        "claimant",
        lambda: (
            type(claim.claimant)
            .objects.filter(pk=claim.claimant_id)
            .update(name="Defence Ministry")
        ),
    )
    yield (
        "measure",
        lambda: type(claim.measure).objects.filter(pk=claim.measure_id).update(label="Troops sent"),
    )
    yield (
        "author",
        lambda: (
            get_user_model()
            .objects.filter(pk=claim.created_by_id)
            .update(username="renamed-author")
        ),
    )
    yield "note deleted", lambda: VerificationNote.objects.filter(claim=claim).delete()


def test_every_write_to_what_a_claim_shows_is_a_new_etag(journalist_api, editor, shown):
    seen = [etags_of(journalist_api, shown)]
    for name, write in django_writes(shown, editor):
        write()
        etags = etags_of(journalist_api, shown)
        assert etags[0] not in {e[0] for e in seen}, name
        assert etags[1] not in {e[1] for e in seen}, name
        seen.append(etags)
    # And nothing else moves it: the same reads give the same ETags.
    assert etags_of(journalist_api, shown) == seen[-1]


RAW_WRITES = {
    "claim": "UPDATE claims_claim SET place = 'Tijuana' WHERE id = {claim}",
    "tag": "UPDATE claims_tag SET name = 'frontera' WHERE name = 'border'",
    "tag link": "DELETE FROM claims_claim_tags WHERE claim_id = {claim}",
    "note": "DELETE FROM claims_verificationnote",  # SQLite's row triggers need a row
    "source": "UPDATE sources_source SET title = 'Corrected' WHERE id = {source}",
    "publisher": "UPDATE sources_publisher SET name = 'Renamed'",
    "claimant": "UPDATE sources_claimant SET name = 'Renamed'",
    "measure": "UPDATE claims_measure SET label = 'Renamed'",
    "author": "UPDATE auth_user SET username = 'renamed' WHERE id = {author}",
    "new tag link": "INSERT INTO claims_claim_tags (claim_id, tag_id) "
    "SELECT {claim}, id FROM claims_tag WHERE name = 'spare'",
}


@pytest.mark.parametrize("write", RAW_WRITES)
def test_a_write_in_raw_sql_is_a_new_etag_too(journalist_api, shown, write):
    """What the triggers are for: a write no Django code sees (a shell, a migration, psql)."""
    Tag.objects.create(name="spare")
    services.note_add(claim=shown, author=shown.created_by, body="Checked.")
    before = etags_of(journalist_api, shown)
    sql = RAW_WRITES[write].format(
        claim=shown.pk, source=shown.source_id, author=shown.created_by_id
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
    after = etags_of(journalist_api, shown)
    assert after[0] != before[0]
    assert after[1] != before[1]


def test_a_login_does_not_move_the_stamp(client, editor):
    before = read_stamp()
    editor.set_password("a long enough passphrase")
    editor.save()
    moved = read_stamp()
    assert moved != before  # a save writes the username column too
    client.force_login(editor)  # writes last_login alone
    get_user_model().objects.filter(pk=editor.pk).update(last_login=timezone.now())
    assert read_stamp() == moved


@pytest.mark.parametrize("url", ["list", "detail"])
def test_an_unchanged_poll_is_one_statement(journalist_api, claim, url, django_assert_num_queries):
    url = CLAIMS if url == "list" else detail(claim)
    etag = journalist_api.get(url)["ETag"]
    with django_assert_num_queries(1) as captured:
        assert journalist_api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # The token was read in full by the first request and kept: the poll reads the stamps.
    assert "claims_change_stamp" in captured[0]["sql"]
    assert "factdb_auth_stamp" in captured[0]["sql"]


def test_an_anonymous_public_poll_is_one_statement(
    public_read, anon_api, claim, django_assert_num_queries
):
    claim.status = Status.VERIFIED
    claim.save()
    etag = anon_api.get(detail(claim))["ETag"]
    with django_assert_num_queries(1):
        assert anon_api.get(detail(claim), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_full_read_reads_the_stamp_before_the_rows(journalist_api, anon_api, public_read, claim):
    for api in (journalist_api, anon_api):
        with CaptureQueriesContext(connection) as captured:
            assert api.get(CLAIMS).status_code == 200
        stamped = [n for n, q in enumerate(captured) if "claims_change_stamp" in q["sql"]]
        claims = [n for n, q in enumerate(captured) if 'FROM "claims_claim"' in q["sql"]]
        assert stamped and claims and stamped[0] < claims[0]


def test_the_one_statement_304_has_the_headers_of_a_full_one(client, journalist_api, journalist):
    """A browser session's poll goes the full way (the fast path reads tokens only): both 304s
    carry the same ETag, Vary, Cache-Control and Allow."""
    first = journalist_api.get(CLAIMS)
    fast = journalist_api.get(CLAIMS, HTTP_IF_NONE_MATCH=first["ETag"])
    client.force_login(journalist)
    full = client.get(CLAIMS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fast.status_code == full.status_code == 304
    for header in ("ETag", "Vary", "Cache-Control", "Allow"):
        assert fast[header] == full[header], header


def test_a_query_the_full_read_refuses_is_never_a_304(journalist_api, claim):
    etag = journalist_api.get(CLAIMS)["ETag"]
    for query in ("?no_such_filter=1", "?value_min=lots"):
        refused = journalist_api.get(CLAIMS + query)
        assert refused.status_code == 400
        assert "ETag" not in refused
        assert journalist_api.get(CLAIMS + query, HTTP_IF_NONE_MATCH=etag).status_code == 400


def test_an_expired_token_or_an_inactive_user_gets_401_with_a_matching_etag(
    client_for, journalist, claim
):
    api = client_for(journalist)
    etag = api.get(detail(claim))["ETag"]
    Token.objects.filter(user=journalist).update(
        created=timezone.now() - datetime.timedelta(days=400)
    )
    assert api.get(detail(claim), HTTP_IF_NONE_MATCH=etag).status_code == 401

    other = factories.user("another-journalist")
    other.groups.set(journalist.groups.all())
    api = client_for(other)
    etag = api.get(detail(claim))["ETag"]
    get_user_model().objects.filter(username="another-journalist").update(is_active=False)
    assert api.get(detail(claim), HTTP_IF_NONE_MATCH=etag).status_code == 401


def test_an_anonymous_reader_gets_no_304_once_public_read_is_off(
    public_read, anon_api, claim, settings
):
    claim.status = Status.VERIFIED
    claim.save()
    etag = anon_api.get(detail(claim))["ETag"]
    settings.FACTDB_PUBLIC_READ = False
    assert anon_api.get(detail(claim), HTTP_IF_NONE_MATCH=etag).status_code == 401


def test_an_editors_etag_is_a_journalists_too(client_for, editor, journalist, claim):
    """Both are signed in and read the same answer: the ETag names the reader's class, not
    the reader, and each still needs their own role to get the 304."""
    etag = client_for(editor).get(CLAIMS)["ETag"]
    assert client_for(journalist).get(CLAIMS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    nobody = client_for(factories.user("no-role"))
    assert nobody.get(CLAIMS, HTTP_IF_NONE_MATCH=etag).status_code == 403


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_throttle_counts_every_304(
    public_read, client_for, journalist, claim, monkeypatch, signed_in
):
    claim.status = Status.VERIFIED
    claim.save()
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "3/minute")
    api = client_for(journalist if signed_in else None)
    etag = api.get(CLAIMS)["ETag"]
    codes = [api.get(CLAIMS, HTTP_IF_NONE_MATCH=etag).status_code for _ in range(3)]
    assert codes == [304, 304, 429]


def test_an_etag_made_without_the_servers_key_never_matches(journalist_api, claim, settings):
    etag = journalist_api.get(CLAIMS)["ETag"]
    settings.SECRET_KEY = settings.SECRET_KEY + "-rotated"
    assert journalist_api.get(CLAIMS, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_created_claim_answers_with_the_etag_its_detail_gives(editor_api, source):
    created = editor_api.post(
        CLAIMS,
        {"source": source.pk, "quote": "1,500 troops", "value": "1500", "unit": "troops"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    again = editor_api.get(created["Location"], HTTP_IF_NONE_MATCH=created["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("url", ["list", "detail"])
def test_a_stale_poll_reads_the_token_once(journalist_api, claim, url):
    """The reader read for the 304 that did not match serves the full read (the token's
    statement or, for a kept reader, the stamps': both read the auth stamp)."""
    url = CLAIMS if url == "list" else detail(claim)
    stale = journalist_api.get(url)["ETag"]
    Claim.objects.filter(pk=claim.pk).update(place="Tijuana")
    with CaptureQueriesContext(connection) as polled:
        assert journalist_api.get(url, HTTP_IF_NONE_MATCH=stale).status_code == 200
    assert ["factdb_auth_stamp" in query["sql"] for query in polled].count(True) == 1


def test_after_migrations_a_trigger_a_sqlite_table_rebuild_dropped_is_back(claim):
    """SQLite drops a table's triggers when a migration rebuilds it; post_migrate's ensure()
    makes them again (on PostgreSQL triggers survive an ALTER, and ensure() leaves them)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER claims_change_stamp_sources_source_update")
    change_stamps.ensure(connection)
    before = read_stamp()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE sources_source SET title = 'Corrected'")
    assert read_stamp() > before


def test_a_detail_read_with_a_token_is_one_statement(
    journalist_api, client_for, claim, django_assert_num_queries
):
    """The claim's row is read in the token's statement (factdb/api/authentication.py) once
    the detail's SQL is compiled (by the process's first detail read)."""
    first = journalist_api.get(detail(claim))
    # SQLite reads the row's tags apart (claims/api/reading.py); PostgreSQL has them in the row.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        again = journalist_api.get(detail(claim))
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]
    with django_assert_num_queries(1):
        assert journalist_api.get(f"{CLAIMS}999999/").status_code == 404
    # Read along, but shown only to a reader whose role allows it.
    refused = client_for(factories.user("no-role")).get(detail(claim))
    assert refused.status_code == 403
    assert "quote" not in refused.json()
