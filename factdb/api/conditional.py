"""Conditional reads from the change stamp: an unchanged poll is a 304 from one statement.

The database keeps a change stamp (settings.FACTDB_CHANGE_STAMP; claims/migrations/
0015_change_stamps.py), moved on by triggers at every write to what a read shows. A read's ETag
is a keyed digest of that stamp with everything else its answer depends on: the path and query,
the Accept header, the language and time zone, whether the reader is anonymous, the code that
shapes it (the view's `read_etag` adds it) and, for a record, its own ETag ('"12-3"', which If-Match
reads). A full request reads the stamp before its rows (with the token, in the same statement),
so a write committed between the two costs one more 200, never a stale 304.

A GET with If-None-Match then needs no row: ConditionalReads reads the token, its user and
permissions and the stamp in one statement, and answers 304 when an ETag it names is the one a
full request would give, after the view's own permission and throttle classes have passed it.
The digest is keyed with SECRET_KEY, so only an ETag the server issued can match: a query that a
full request would refuse (a 400) never gets a 304. Whatever the fast path cannot decide (a
session cookie, a bad or expired token, a missing permission, a throttled client, an ETag that
does not match) goes through the full request, which answers as it always has, with the reader
already read. A view may also name a one-row read to run in the token's statement
(`read_along`: the claim detail), so that a GET without If-None-Match is one round trip too.
"""

import functools
import hashlib

from django.conf import settings
from django.db import connection
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags
from django.utils.translation import get_language
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header
from rest_framework.settings import api_settings

from factdb.api.authentication import ExpiringTokenAuthentication
from factdb.api.etags import cacheable


def read_stamp() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {settings.FACTDB_CHANGE_STAMP}")
        return cursor.fetchone()[0]


def change_stamp(request) -> int:
    """The stamp `request` reads at: the one read with its token, else read now. Call it
    before reading the rows the answer shows."""
    stamp = getattr(request.auth, "change_stamp", None)
    return read_stamp() if stamp is None else stamp


@functools.cache
def _key(secret: str) -> bytes:
    return hashlib.blake2b(secret.encode(), digest_size=32, person=b"factdb-etag").digest()


def stamp_etag(request, stamp, *context, record="", path=None, query=None) -> str:
    """'"<digest>"', or '"12-3.<digest>"' for the record whose ETag is '"12-3"' (see the module's
    note). `path` and `query` default to the request's: a write names the detail it answers."""
    reader = "signed-in" if request.user.is_authenticated else "anonymous"
    hashed = hashlib.blake2b(digest_size=8, key=_key(settings.SECRET_KEY))
    parts = (
        stamp,
        request.path if path is None else path,
        request.META.get("QUERY_STRING", "") if query is None else query,
        request.META.get("HTTP_ACCEPT", ""),
        get_language() or "",
        timezone.get_current_timezone_name(),
        reader,
        record,
        *context,
    )
    for part in parts:
        hashed.update(str(part).encode() + b"\0")
    return f'"{record}.{hashed.hexdigest()}"' if record else f'"{hashed.hexdigest()}"'


class ConditionalReads:
    """A viewset mixin: GET or HEAD of `conditional_actions` with If-None-Match answered 304 from
    one statement (see the module's note). The view's reads compute their ETags with
    `read_etag`."""

    conditional_actions = ("list", "retrieve")

    def read_etag(self, request, stamp, record="", **where) -> str:
        """A read's ETag; a view adds what else shapes its answers (a digest of its code)."""
        return stamp_etag(request, stamp, record=record, **where)

    def dispatch(self, request, *args, **kwargs):
        self._known_reader = None
        answer = self._not_modified(request, args, kwargs)
        if answer is None:
            return super().dispatch(request, *args, **kwargs)
        return answer

    def initialize_request(self, request, *args, **kwargs):
        drf = super().initialize_request(request, *args, **kwargs)
        if getattr(self, "_known_reader", None) is not None:
            # An ETag that did not match: the full request goes on with the reader (and the
            # stamp) already read, rather than reading the token again.
            drf._authenticator, drf.user, drf.auth = self._known_reader
        return drf

    def read_along(self, request):
        """(SQL, parameters) of a read of at most one row to run in the token's statement
        (see ExpiringTokenAuthentication), or None; the view finds its columns in
        `request.auth.along`."""
        return None

    def _not_modified(self, request, args, kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if self.action_map.get(request.method.lower()) not in self.conditional_actions:
            return None
        asked = request.headers.get("If-None-Match")
        self.args, self.kwargs = args, kwargs
        self.request = drf = self.initialize_request(request, *args, **kwargs)
        self.headers = self.default_response_headers
        # Without If-None-Match, only a token read that can take the view's row along is
        # worth doing here; the rest is the full request's, unchanged. With it, no row: a 304
        # needs none (one that does not match then reads it after the token, as before).
        along = None if asked is not None else self.read_along(drf)
        if asked is None and along is None:
            return None
        reader = self._reader(drf, along, anonymous=asked is not None)
        if reader is None:
            return None
        authenticator, drf.user, drf.auth, stamp = reader
        self._known_reader = (authenticator, drf.user, drf.auth)
        if asked is None:
            return None
        matched = next(
            (tag for tag in _asked(asked) if self.read_etag(drf, stamp, _record(tag)) == tag),
            None,
        )
        if matched is None:
            return None
        try:
            self.check_permissions(drf)
            self.check_throttles(drf)
        except exceptions.APIException:
            return None  # the full request answers 401, 403 or 429 as it always has
        response = HttpResponseNotModified()
        response["ETag"] = matched
        return self.finalize_response(drf, cacheable(drf, response), *args, **kwargs)

    def _reader(self, request, along, anonymous: bool):
        """(authenticator, user, token, stamp) in one statement, or None when only the full
        request can say."""
        header = get_authorization_header(request).split()
        if not header:
            if not anonymous or settings.SESSION_COOKIE_NAME in request.COOKIES:
                return None
            return None, api_settings.UNAUTHENTICATED_USER(), None, read_stamp()
        tokens = [a for a in request.authenticators if isinstance(a, ExpiringTokenAuthentication)]
        if (
            not tokens
            or len(header) != 2
            or header[0].lower() != tokens[0].keyword.lower().encode()
        ):
            return None
        try:
            user, token = tokens[0].authenticate_credentials(header[1].decode(), along)
        except (UnicodeError, exceptions.AuthenticationFailed):
            return None
        stamp = getattr(token, "change_stamp", None)
        return None if stamp is None else (tokens[0], user, token, stamp)


def _asked(header: str) -> list[str]:
    return [tag.removeprefix("W/") for tag in parse_etags(header)]


def _record(tag: str) -> str:
    """'"12-3.<digest>"' -> "12-3"; '"<digest>"' -> ""."""
    return tag[1:-1].rpartition(".")[0]
