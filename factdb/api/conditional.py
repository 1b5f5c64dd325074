"""Conditional reads from the change stamp: an unchanged poll is a 304 from one statement.

The database keeps a change stamp (settings.FACTDB_CHANGE_STAMP; claims/migrations/
0015_change_stamps.py), moved on by triggers at every write to what a read shows. A read's ETag
is a keyed digest of that stamp with everything else its answer depends on: the path and query,
the Accept header, the language and time zone, whether the reader is anonymous, the code that
shapes it (the view's `read_etag` adds it) and, for a record, its own ETag ('"12-3"', which If-Match
reads). A full request reads the stamp before its rows (with the token, in the same statement),
so a write committed between the two costs one more 200, never a stale 304.

A GET with If-None-Match then needs no row: factdb/api/early_reads.py reads the token (a kept
reader: only the auth stamp and the change stamp) and the stamp in one statement, before the
middleware stack, and answers 304 when an ETag it names is the one a full request would give,
after the view's own permission and throttle classes have passed it. The same request again is
answered at the WSGI door (factdb/api/unchanged_polls.py) while both stamps stand. The digest
is keyed with SECRET_KEY, so only an ETag the server issued can match: a query that a full
request would refuse (a 400) never gets a 304.
Whatever it cannot decide goes through the full request, which answers as it always has (a
matching ETag is a 304 there too, from `etags.conditional`), with the reader already read. A
view may also name a one-row read to run in the token's statement (`read_along`: the claim
detail), so that a GET without If-None-Match is one round trip too.
"""

import functools
import hashlib

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language


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
    """A viewset mixin: the reads factdb.api.early_reads may answer before the request cycle.

    GET or HEAD of `conditional_actions` with If-None-Match is answered 304 from one statement
    when it names the ETag `read_etag` gives; a record that `read_along` reads in the token's
    statement is answered with `early_record`. Whatever the early answer left to the full
    request comes here with the reader already read."""

    conditional_actions = ("list", "retrieve")

    def read_etag(self, request, stamp, record="", **where) -> str:
        """A read's ETag; a view adds what else shapes its answers (a digest of its code)."""
        return stamp_etag(request, stamp, record=record, **where)

    def read_along(self, request):
        """(SQL, parameters, finish) of a read of at most one row to run in the token's
        statement (see ExpiringTokenAuthentication), or None; the token's `along` is then the
        rows `finish` made of it (none or one)."""
        return None

    def early_record(self, request, stamp, rows):
        """(ETag, data) of the read answered from `rows`, the one row `read_along` read, or
        None to leave it to the full request."""
        return None

    def initialize_request(self, request, *args, **kwargs):
        drf = super().initialize_request(request, *args, **kwargs)
        known = getattr(request, "early_reader", None)
        if known is not None:
            # Read before the stack (factdb/api/early_reads.py), for an answer it left to the
            # full request: the token is not read again.
            drf._authenticator, drf.user, drf.auth = known
        return drf
