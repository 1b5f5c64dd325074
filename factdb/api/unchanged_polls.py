"""An unchanged read answered at the WSGI door: the answer the early lane gave (a 304 to a poll,
or a claim read with its token), given again while nothing it was decided from has changed.

The early lane (factdb/api/early_reads.py) answers a poll whose ETag still matches, or a claim
detail, from one statement, but Django still builds a request around it, runs the guard
middleware, resolves the URL, asks the view's permission and throttle classes, picks the
language and writes the headers of every middleware: twice the CPU of the statement, and a 304
was served at 53-56% of the rate of a view that does nothing (bench/RESULTS.md, session 9).

What the early lane's answer depended on is few things, and each can be checked again for less
than it cost to decide:
- the request: its method, path, query and every header (credentials, If-None-Match, Accept,
  Accept-Language, cookies, host, forwarding headers), its scheme and client address. All of it
  is the key the answer is kept under, so a request that differs in any of them is not this one;
- the reader, and who may do what: the auth stamp (factdb/auth_stamp.py), which every write to
  tokens, users, groups and permissions moves on, and the token's expiry;
- what the read shows: the change stamp the ETag digests (factdb/api/conditional.py), read in
  the statement that read the record, which every write to what a claim shows moves on;
- the view's throttles, which are asked again with the keys they counted the request under, and
  count this one.

So when the early lane answers, it notes what it read (`remember`), and UnchangedPolls, around
Django's WSGI handler, keeps the answer (status, headers and, for a 200, its body) under the
request's key the second time it answers that request (a request made once, like most first
reads of a claim, is not worth keeping: bench/RESULTS.md, session 10), up to KEPT answers and
KEPT_BYTES of bodies. The same request again is answered with the same bytes after one
statement reads the two stamps, if both are the ones the answer was decided at, the token has
not expired and every throttle allows it. Anything else (another request, a stamp moved on, a
throttled client, the database unreachable) goes to Django as it always did, and the answer
Django's early lane gives then is kept in place of the old one. A revoked token, a removed role
or a corrected claim therefore takes effect at the next request, as before; the answer given
again is the answer Django would give (tests/factdb/api/test_unchanged_polls.py compares them
header by header and byte by byte).

Requests answered here fire none of Django's request signals: the database connection is the
one the last full request left open, and Django closes an old one at the next full request.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections

from factdb.api.authentication import created_long_ago, stamps_sql
from factdb.throttling import PackedHistory

# Where the early lane leaves what its answer was decided from, in the request's WSGI environ.
NOTE = "factdb.unchanged_poll"
# The environ entries besides the HTTP_ headers that a request's answer may depend on.
REQUEST = (
    "REQUEST_METHOD",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
    "CONTENT_TYPE",
    "CONTENT_LENGTH",
    "SERVER_NAME",
    "SERVER_PORT",
    "REMOTE_ADDR",
    "wsgi.url_scheme",
)
# Answers kept, per process, and the bytes of their bodies; when either is full, the first
# kept goes. A body larger than LARGEST is not kept (a claim's is 1-2 KB).
KEPT = 4096
KEPT_BYTES = 16 * 1024 * 1024
LARGEST = 256 * 1024
# Requests seen once, remembered by their key's hash: an answer is kept the second time its
# request is answered, so a claim read once costs no keeping.
SEEN = 4 * KEPT


@dataclass(frozen=True)
class Decided:
    """What an answer was decided from: the stamps read (the auth stamp None for an anonymous
    reader, whose reads depend on no row of it), when the reader's token was created (None for
    an anonymous reader), for its expiry to be asked again, and the throttles that counted it,
    as (class, key) pairs. Values only, no model instances: thousands are kept, and objects the
    garbage collector must walk would slow every collection."""

    auth_stamp: object
    change_stamp: object
    token_created: object
    throttles: tuple


def remember(request, token, stamp, throttles) -> None:
    """Note on `request` what the early lane's answer to it was decided from (see the module's
    note); a throttle that cannot be asked again without a request leaves nothing noted."""
    counted = []
    for throttle in throttles:
        if not isinstance(throttle, PackedHistory):
            return
        counted.append((type(throttle), getattr(throttle, "key", None)))
    request.META[NOTE] = Decided(
        auth_stamp=None if token is None else token.auth_stamp,
        change_stamp=stamp,
        token_created=None if token is None else token.created,
        throttles=tuple(counted),
    )


@dataclass(frozen=True)
class Kept:
    status: str
    headers: tuple
    body: bytes
    decided: Decided


def request_key(environ) -> tuple:
    """Everything of a WSGI request its answer may depend on, in an order of its own."""
    headers = sorted((k, v) for k, v in environ.items() if k.startswith("HTTP_"))
    return (*(environ.get(name) for name in REQUEST), *headers)


class UnchangedPolls:
    """WSGI middleware around Django's handler (factdb/wsgi.py); see the module's note."""

    def __init__(self, application):
        self.application = application
        # Oldest first. Not a dict: taking a dict's first key walks the slots of every key
        # taken before it, until the dict is next resized.
        self.kept: OrderedDict[tuple, Kept] = OrderedDict()
        self.kept_bytes = 0
        self.seen: OrderedDict[int, None] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        # Before Django sees the request: TrustedProxyMiddleware rewrites REMOTE_ADDR in place.
        key = request_key(environ)
        kept = self.kept.get(key)
        if kept is not None:
            if _still(kept.decided):
                start_response(kept.status, list(kept.headers))
                return [kept.body] if kept.body else []
            self._forget(key)  # and Django's answer now is kept in its place, if it may be
        answered = []

        def recording(status, headers, *exc_info):
            answered.append((status, headers))
            return start_response(status, headers, *exc_info)

        body = self.application(environ, recording)
        decided = environ.get(NOTE)
        if decided is None or not answered or not _keepable(*answered[0]):
            return body
        if kept is None and not self._seen_before(hash(key)):
            return body
        status, headers = answered[0]
        content = b""
        if status.startswith("200 "):
            try:
                content = b"".join(body)
            finally:
                if hasattr(body, "close"):
                    body.close()  # Django's request_finished, as the server would call it
            body = [content]
        if len(content) <= LARGEST:
            self._keep(key, Kept(status, tuple(headers), content, decided))
        return body

    def _keep(self, key, kept) -> None:
        with self.lock:
            self._forget_locked(key)
            while self.kept and (
                len(self.kept) >= KEPT or self.kept_bytes + len(kept.body) > KEPT_BYTES
            ):
                self.kept_bytes -= len(self.kept.popitem(last=False)[1].body)
            self.kept[key] = kept
            self.kept_bytes += len(kept.body)

    def _seen_before(self, digest: int) -> bool:
        """Whether a request whose key hashes to `digest` was answered before (and so is kept
        now); if not, it is remembered. Two keys with one hash only keep an answer early."""
        with self.lock:
            if self.seen.pop(digest, False) is None:
                return True
            self.seen[digest] = None
            if len(self.seen) > SEEN:
                self.seen.popitem(last=False)
            return False

    def _forget(self, key) -> None:
        with self.lock:
            self._forget_locked(key)

    def _forget_locked(self, key) -> None:
        gone = self.kept.pop(key, None)
        if gone is not None:
            self.kept_bytes -= len(gone.body)


def _keepable(status: str, headers) -> bool:
    """A 304, or a 200 (the early lane's record), that sets no cookie (a cookie would be this
    answer's alone)."""
    return status.startswith(("304 ", "200 ")) and not any(
        name.lower() == "set-cookie" for name, _value in headers
    )


def _still(decided: Decided) -> bool:
    """Whether the answer `decided` stands now: the stamps unchanged, the token unexpired, every
    throttle allowing one more request (counted). False whenever the database cannot say."""
    if decided.token_created is not None and created_long_ago(decided.token_created):
        return False
    db = connections[DEFAULT_DB_ALIAS]
    raw = db.connection
    if raw is None:
        return False  # no connection yet: the full request opens it
    try:
        auth, change = raw.execute(stamps_sql(db.vendor)).fetchone()
    except Exception:  # noqa: BLE001 - a broken connection: the full request reconnects
        return False
    if change != decided.change_stamp:
        return False
    if decided.auth_stamp is not None and auth != decided.auth_stamp:
        return False
    return all(cls().allow_known(key) for cls, key in decided.throttles if key is not None)
