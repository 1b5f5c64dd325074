"""The API's busiest reads answered before the middleware stack and DRF's request cycle.

A client polling with If-None-Match, or reading one record with its token, needs one statement
(the token, its user and permissions and the change stamp, and the record: factdb/api/
conditional.py, factdb/api/authentication.py) and a few microseconds of Python. Around that,
the rest of the middleware stack (sessions, CSRF, messages, history…) and DRF's request cycle
(a Request, its parsers, negotiators and authenticators, finalize_response) cost two to three
times more than the answer: an unchanged poll was answered at 43% of the rate of a view that
does nothing, the claim detail at 35% of the bare psycopg server (bench/RESULTS.md).

EarlyReadsMiddleware sits right after the guards every request needs (HTTPS redirect, trusted
proxies, body size). For a GET or HEAD of a view that reads conditionally (ConditionalReads),
it reads the reader in that one statement and answers:

- a poll whose ETag is the one a full read would give: 304;
- a GET of a record the view took along in the statement, asked as JSON: 200 with the record.

Only after the view's own permission and throttle classes passed the reader, in the reader's
language (LocaleMiddleware's choice, made here the same way), with the headers a full answer
carries (the response side of the middleware skipped and DRF's: tests/factdb/api/
test_early_reads.py compares them header by header and byte by byte). Anything it cannot decide
(a session cookie, a bad, expired or missing token, a missing role, a throttled client, an ETag
that does not match, another format, a record not found) goes on down the stack unchanged with
the reader already read, so the full request answers as it always has, with no second read of
the token.
"""

import functools

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, get_resolver, get_urlconf
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header

from factdb.api.authentication import ExpiringTokenAuthentication
from factdb.api.conditional import ConditionalReads, read_stamp
from factdb.api.etags import asked_etags, cacheable, not_modified
from factdb.api.unchanged_polls import remember
from factdb.middleware import ContentSecurityPolicyMiddleware

# The Accept headers DRF's negotiation answers with the first renderer (JSON): none, anything.
ANY_FORMAT = {"", "*/*", "application/json"}


def _not_called(request):
    raise AssertionError("a middleware used only for its response side called the view")


class EarlyReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.locale = LocaleMiddleware(_not_called)
        # The response side of the middleware below this one that writes headers into every
        # answer, innermost first as Django runs them (see the module's note).
        self.response_sides = [
            middleware(_not_called).process_response
            for middleware in (
                ContentSecurityPolicyMiddleware,
                XFrameOptionsMiddleware,
                CommonMiddleware,
                LocaleMiddleware,
            )
        ]

    def __call__(self, request):
        answer = self.answer(request) if request.method in ("GET", "HEAD") else None
        return self.get_response(request) if answer is None else answer

    def answer(self, request):
        view = _conditional_view(request)
        if view is None:
            return None
        asked = request.headers.get("If-None-Match")
        # Without If-None-Match, only a read whose record the token's statement can take along
        # (the claim detail) is worth reading here; the rest is the full request's, unchanged.
        along = None if asked is not None else view.read_along(request)
        if asked is None and along is None:
            return None
        request.get_host()  # an unknown Host is refused here as CommonMiddleware would
        reader = _reader(view, request, along, anonymous=asked is not None)
        if reader is None:
            return None
        authenticator, user, token, stamp = reader
        # What the full request reads the reader from, if it has to go on (ConditionalReads).
        request.early_reader = (authenticator, user, token)
        request.user = user
        self.locale.process_request(request)  # the language the full request would choose
        if asked is not None:
            answer = _not_modified(view, request, stamp)
        elif _as_json(request):
            answer = _record(view, request, stamp, token.along)
        else:
            answer = None  # another format: the full request renders it, with the row read
        throttles = None if answer is None else _passes(view, request)
        if throttles is None:
            return None
        view.headers = view.default_response_headers  # as DRF's dispatch sets them
        answer = view.finalize_response(request, answer)  # Allow, Vary: Accept
        for response_side in self.response_sides:
            answer = response_side(request, answer)
        # The same request again may be answered at the WSGI door (unchanged_polls.py).
        remember(request, token, stamp, throttles)
        return answer


def _conditional_view(request):
    """The ConditionalReads viewset instance a full request of `request` would make, set up as
    DRF's view function sets it up, if the method is one of its conditional actions."""
    match = _resolved(get_resolver(get_urlconf()), request.path_info)
    if match is None:
        return None
    cls = getattr(match.func, "cls", None)
    actions = getattr(match.func, "actions", None)
    if cls is None or actions is None or not issubclass(cls, ConditionalReads):
        return None
    action = actions.get(request.method.lower()) or actions.get("get")
    if action not in cls.conditional_actions:
        return None
    view = cls(**match.func.initkwargs)
    view.action_map, view.action = actions, action
    for method, name in actions.items():
        setattr(view, method, getattr(view, name))
    if hasattr(view, "get") and not hasattr(view, "head"):
        view.head = view.get
    view.request, view.args, view.kwargs = request, match.args, dict(match.kwargs)
    view.format_kwarg = None
    return view


@functools.lru_cache(maxsize=4096)
def _resolved(resolver, path):
    """Django's resolve(), kept for the paths polled most: a poll resolved its path on every
    request (a tenth of its CPU). Keyed by the resolver, which Django makes anew whenever the
    URL configuration changes (clear_url_caches)."""
    try:
        return resolver.resolve(path)
    except Resolver404:
        return None


def _reader(view, request, along, anonymous: bool):
    """(authenticator, user, token, stamp) from one statement, or None when only the full
    request can say."""
    header = get_authorization_header(request).split()
    if not header:
        if not anonymous or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        return None, AnonymousUser(), None, read_stamp()
    tokens = [a for a in view.get_authenticators() if isinstance(a, ExpiringTokenAuthentication)]
    if not tokens or len(header) != 2 or header[0].lower() != tokens[0].keyword.lower().encode():
        return None
    try:
        user, token = tokens[0].authenticate_credentials(header[1].decode(), along)
    except (UnicodeError, exceptions.AuthenticationFailed):
        return None  # the full request answers 401 as it always has
    stamp = getattr(token, "change_stamp", None)
    return None if stamp is None else (tokens[0], user, token, stamp)


def _not_modified(view, request, stamp):
    """A 304 if an ETag If-None-Match names is the one the full read would give."""
    for tag in asked_etags(request):
        record = tag[1:-1].rpartition(".")[0]  # '"12-3.<digest>"' -> "12-3"
        if view.read_etag(request, stamp, record) == tag:
            return not_modified(request, tag)
    return None


def _as_json(request) -> bool:
    """Whether DRF's negotiation would answer `request` with the first renderer (JSON)."""
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return False
    return request.headers.get("Accept", "") in ANY_FORMAT


def _record(view, request, stamp, rows):
    """The record the statement took along (`rows`: it, or none), rendered as the full read
    renders it as JSON."""
    found = view.early_record(request, stamp, rows) if rows else None
    renderer = view.renderer_classes[0]() if view.renderer_classes else None
    if found is None or renderer is None or renderer.format != "json":
        return None
    tag, data = found
    response = HttpResponse(renderer.render(data, renderer.media_type, {}))
    response["Content-Type"] = renderer.media_type
    response["ETag"] = tag
    return cacheable(request, response)


def _passes(view, request):
    """The view's own permission and throttle classes, as its full request asks them: the
    throttles that counted the request, or None for a refusal, the full request's to answer
    (401, 403 or 429, with its body and headers)."""
    if not all(p.has_permission(request, view) for p in view.get_permissions()):
        return None
    throttles = view.get_throttles()
    return throttles if all([t.allow_request(request, view) for t in throttles]) else None
