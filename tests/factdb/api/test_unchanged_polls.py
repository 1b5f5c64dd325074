"""Unchanged reads answered at the WSGI door (factdb/api/unchanged_polls.py): the answer given
again is the 304 (or the claim) Django gave, header by header and byte by byte, and anything it
was decided from that changes (a token, a role, a claim, the clock, a throttle, the request
itself) sends the next request to Django, which answers as it always has.

Requests go through the WSGI application gunicorn serves, not Django's test client (which
starts at Django's handler, inside the door)."""

import io
import json
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection

import claims.services
from claims.models import Status
from factdb.api import unchanged_polls
from factdb.api.unchanged_polls import UnchangedPolls
from factdb.throttling import UserRateThrottle
from tests import factories
from tests.factdb.api.test_kept_readers import CHANGES

CLAIMS = "/api/v1/claims/"


class Door:
    """The WSGI application as factdb.wsgi makes it, counting the requests that reach Django."""

    def __init__(self, **headers):
        self.headers = headers
        self.django = 0
        handler = WSGIHandler()

        def django(environ, start_response):
            self.django += 1
            return handler(environ, start_response)

        self.application = UnchangedPolls(django)

    def get(self, path, **headers):
        """(status code, headers, body) of a GET of `path` with the door's headers and these."""
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            **self.headers,
            **headers,
        }
        started = []
        body = self.application(environ, lambda status, sent: started.append((status, sent)))
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        status, sent = started[0]
        return int(status.split()[0]), dict(sent), content

    def poll(self, path, etag, **headers):
        return self.get(path, HTTP_IF_NONE_MATCH=etag, **headers)


@pytest.fixture
def inside_a_test_transaction():
    """Django's test client keeps a request from closing the test's connection (which a test
    transaction would otherwise make look obsolete); so does a request through the door."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def door(inside_a_test_transaction, journalist_api):
    return Door(HTTP_AUTHORIZATION=journalist_api._credentials["HTTP_AUTHORIZATION"])


def detail(claim):
    return f"{CLAIMS}{claim.pk}/"


def kept_poll(door, path, **headers):
    """The ETag of `path`, after two polls of it that Django answered 304 (an answer is kept
    the second time its request comes), three requests in all."""
    status, sent, _ = door.get(path, **headers)
    assert status == 200
    for _ in range(2):
        assert door.poll(path, sent["ETag"], **headers)[0] == 304
    return sent["ETag"]


@pytest.mark.parametrize("language", ["en", "es-MX"])
@pytest.mark.parametrize("read", ["list", "detail"])
def test_a_poll_again_is_answered_at_the_door_as_django_answered_it(door, claim, read, language):
    path = CLAIMS if read == "list" else detail(claim)
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    status, sent, _ = door.get(path, **headers)
    once = door.poll(path, sent["ETag"], **headers)
    assert door.django == 2 and not door.application.kept  # a request seen once: not kept
    by_django = door.poll(path, sent["ETag"], **headers)
    assert door.django == 3 and by_django == once and by_django[0] == 304
    at_door = door.poll(path, sent["ETag"], **headers)
    assert door.django == 3  # not Django's this time
    assert at_door == by_django
    assert door.poll(path, sent["ETag"], **headers) == by_django
    assert door.django == 3


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_who_may_read_takes_effect_at_the_next_poll(door, journalist, claim, change):
    make, status = CHANGES[change]
    etag = kept_poll(door, CLAIMS)
    make(journalist)
    assert door.poll(CLAIMS, etag)[0] == status
    assert door.django == 4


def test_a_write_to_what_the_read_shows_takes_effect_at_the_next_poll(door, claim, source):
    etag = kept_poll(door, detail(claim))
    factories.claim(source=source, quote="A new claim of 7,000 troops.")  # another claim
    status, sent, _ = door.poll(detail(claim), etag)
    assert status == 200 and sent["ETag"] != etag  # the change stamp moved: read in full
    assert door.django == 4
    for _ in range(3):
        assert door.poll(detail(claim), sent["ETag"])[0] == 304  # and kept again
    assert door.django == 6


def test_an_expired_token_is_refused_by_django(door, claim, settings):
    etag = kept_poll(door, CLAIMS)
    settings.FACTDB_TOKEN_TTL_DAYS = 0
    status, _, body = door.poll(CLAIMS, etag)
    assert status == 401 and b"expired" in body


@pytest.mark.parametrize(
    "other",
    [
        {"HTTP_ACCEPT_LANGUAGE": "es"},
        {"HTTP_ACCEPT": "application/json"},
        {"HTTP_X_FORWARDED_FOR": "203.0.113.9"},
        {"HTTP_X_FORWARDED_PROTO": "https"},
        {"HTTP_COOKIE": "django_language=es"},
        {"REMOTE_ADDR": "10.0.0.2"},
        {"QUERY_STRING": "status=draft"},
        {"HTTP_AUTHORIZATION": "Token 0123456789abcdef0123456789abcdef01234567"},
    ],
    ids=lambda other: next(iter(other)),
)
def test_a_request_that_differs_in_anything_is_not_answered_from_another(door, claim, other):
    etag = kept_poll(door, CLAIMS)
    door.poll(CLAIMS, etag, **other)
    assert door.django == 4


def test_polls_at_the_door_are_throttled_with_the_others(door, claim, monkeypatch):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "5/minute")
    etag = kept_poll(door, CLAIMS)  # three requests counted
    statuses = [door.poll(CLAIMS, etag)[0] for _ in range(3)]
    assert statuses == [304, 304, 429]
    assert door.django == 4  # the refusal is Django's, with its Retry-After


def test_an_anonymous_public_poll_is_answered_at_the_door(
    inside_a_test_transaction, public_read, claim, source
):
    claim.status = Status.VERIFIED
    claim.save()
    door = Door()
    etag = kept_poll(door, detail(claim))
    assert door.poll(detail(claim), etag)[0] == 304
    assert door.django == 3
    factories.claim(source=source, quote="Another claim of 9,000 troops.")
    assert door.poll(detail(claim), etag)[0] == 200


def test_a_304_the_early_lane_left_to_the_full_request_is_not_kept(
    inside_a_test_transaction, public_read, claim
):
    claim.status = Status.VERIFIED
    claim.save()
    door = Door(HTTP_COOKIE="sessionid=not-a-session")  # anonymous with a session: not early
    etag = kept_poll(door, detail(claim))
    assert door.poll(detail(claim), etag)[0] == 304
    assert door.django == 4
    assert not door.application.kept


def test_answers_kept_are_bounded(door, claim, monkeypatch):
    monkeypatch.setattr(unchanged_polls, "KEPT", 2)
    for language in ("en", "es", "es-MX"):
        kept_poll(door, CLAIMS, HTTP_ACCEPT_LANGUAGE=language)
    assert len(door.application.kept) == 2


@pytest.mark.parametrize("language", ["en", "es-MX"])
def test_a_claim_read_again_is_answered_at_the_door_as_django_answered_it(door, claim, language):
    by_django = door.get(detail(claim), HTTP_ACCEPT_LANGUAGE=language)
    assert by_django[0] == 200 and door.django == 1
    assert door.get(detail(claim), HTTP_ACCEPT_LANGUAGE=language) == by_django  # now kept
    assert door.django == 2
    assert door.get(detail(claim), HTTP_ACCEPT_LANGUAGE=language) == by_django
    assert door.get(detail(claim), HTTP_ACCEPT_LANGUAGE=language) == by_django
    assert door.django == 2
    assert json.loads(by_django[2])["id"] == claim.pk


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_who_may_read_takes_effect_at_the_next_claim_read(
    door, journalist, claim, change
):
    make, status = CHANGES[change]
    for _ in range(3):
        assert door.get(detail(claim))[0] == 200
    assert door.django == 2
    make(journalist)
    assert door.get(detail(claim))[0] == status
    assert door.django == 3


def test_a_corrected_claim_is_read_in_full_at_the_next_request(door, claim, editor):
    _, _, before = door.get(detail(claim))
    door.get(detail(claim))  # kept
    claims.services.claim_update(
        claim=claim, author=editor, expected_version=claim.version, summary="Corrected: 6,500"
    )
    status, _, after = door.get(detail(claim))
    assert status == 200 and door.django == 3  # and kept in place of the one before
    assert json.loads(after)["summary"] == "Corrected: 6,500" != json.loads(before)["summary"]
    assert door.get(detail(claim))[2] == after and door.django == 3


def test_claim_reads_at_the_door_are_throttled_with_the_others(door, claim, monkeypatch):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "3/minute")
    statuses = [door.get(detail(claim))[0] for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert door.django == 3


def test_a_list_page_is_not_kept(door, claim):
    door.get(CLAIMS)
    door.get(CLAIMS)
    assert door.django == 2 and not door.application.kept


def test_the_bodies_kept_are_bounded(door, source, monkeypatch):
    claims_read = [
        factories.claim(source=source, quote=f"Up to {n},000 troops.") for n in (1, 2, 3)
    ]
    size = len(door.get(detail(claims_read[0]))[2])
    monkeypatch.setattr(unchanged_polls, "KEPT_BYTES", 2 * size + size // 2)
    for claim in claims_read:
        door.get(detail(claim))
        door.get(detail(claim))
    assert len(door.application.kept) == 2
    assert door.application.kept_bytes == sum(len(k.body) for k in door.application.kept.values())
    assert door.application.kept_bytes <= unchanged_polls.KEPT_BYTES
    monkeypatch.setattr(unchanged_polls, "LARGEST", size - 1)
    door.application.kept.clear()
    door.get(detail(claims_read[0]))
    door.get(detail(claims_read[0]))
    assert not door.application.kept


def test_requests_seen_once_are_bounded(door, claim, monkeypatch):
    monkeypatch.setattr(unchanged_polls, "SEEN", 2)
    for language in ("en", "es", "es-MX"):
        door.get(detail(claim), HTTP_ACCEPT_LANGUAGE=language)
    assert len(door.application.seen) == 2
    door.get(detail(claim), HTTP_ACCEPT_LANGUAGE="en")  # forgotten: seen once again
    assert not door.application.kept
    door.get(detail(claim), HTTP_ACCEPT_LANGUAGE="es-MX")
    assert len(door.application.kept) == 1


@pytest.fixture
def door_of_its_own(transactional_db, journalist):
    """A door whose requests run as the server's do: no test transaction, Django's request
    signals connected (an obsolete connection is closed, a broken one found and replaced)."""
    from rest_framework.authtoken.models import Token

    return Door(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=journalist).key}")


def test_a_closed_connection_sends_the_poll_to_django_which_reconnects(door_of_its_own, claim):
    etag = kept_poll(door_of_its_own, CLAIMS)
    connection.close()
    assert door_of_its_own.poll(CLAIMS, etag)[0] == 304
    assert door_of_its_own.django == 4
    assert door_of_its_own.poll(CLAIMS, etag)[0] == 304
    assert door_of_its_own.django == 4


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="an SQLite file has no server to go away"
)
def test_a_lost_server_connection_sends_the_poll_to_django_which_reconnects(door_of_its_own, claim):
    etag = kept_poll(door_of_its_own, CLAIMS)
    connection.connection.close()  # the server went away; Django has not noticed
    assert door_of_its_own.poll(CLAIMS, etag)[0] == 304
    assert door_of_its_own.django == 4
    assert door_of_its_own.poll(CLAIMS, etag)[0] == 304
    assert door_of_its_own.django == 4


def test_the_served_application_is_django_behind_the_door_with_its_objects_frozen():
    """factdb.wsgi, as gunicorn imports it in a fresh process: the door around Django's handler,
    the views loaded and what was loaded frozen out of the collector's sight."""
    import os
    import subprocess

    probe = (
        "import gc, sys, factdb.wsgi as w; "
        "print(type(w.application).__name__, type(w.application.application).__name__, "
        "gc.get_freeze_count() > 10000, 'claims.api.views' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factdb.settings", "DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["UnchangedPolls", "WSGIHandler", "True", "True"]
