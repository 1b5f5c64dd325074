"""ETags: a record's version for the compare-and-swap of its write (If-Match), and a strong
validator of what a read answered, so a client polling with If-None-Match gets a 304.

A claim's ETag header is '"12-3.9f86d081884c7d65"': its id and version (what If-Match
compares; '"12-3"', as each row's `etag` field carries it, is accepted there too), then a
digest of the change stamp and of whatever else shapes the answer (factdb/api/conditional.py),
which changes whenever any byte of it could (a renamed source, a new note, another format or
language), so If-None-Match can be answered 304 only when nothing did. A list's ETag is that
digest alone. The ETag is known before the answer is built, so a 304 builds none.

Reads also say how they may be kept: an anonymous read under FACTDB_PUBLIC_READ may be stored
by shared caches for FACTDB_PUBLIC_MAX_AGE seconds; anything read with credentials is
"private, no-cache" (a client may keep it and must revalidate, which a 304 makes cheap).
"""

import re

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from rest_framework.response import Response

from factdb.api.exceptions import PreconditionFailed, PreconditionRequired

ETAG = re.compile(r'\s*"?([0-9]{1,19})-([0-9]{1,19})(?:\.[0-9a-f]{16})?"?\s*')


def etag(pk: int, version: int) -> str:
    """A record's ETag, '"12-3"': its id and version, which ETAG reads back from If-Match."""
    return f'"{pk}-{version}"'


def if_match_version(request, instance, *, required: bool = True) -> int | None:
    """The version named by If-Match, for the compare-and-swap in Claim.save().

    Missing: 428 (or None when not `required`). An ETag of another claim, or one that cannot be
    read: 412, since it cannot match. `*` would match anything, which is no protection: 428.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        if required or header == "*":
            raise PreconditionRequired()
        return None
    match = ETAG.fullmatch(header)
    if not match or int(match.group(1)) != instance.pk:
        raise PreconditionFailed(
            _("If-Match %(header)r is not this claim's ETag (it is %(etag)s).")
            % {"header": header[:60], "etag": instance.etag}
        )
    return int(match.group(2))


def with_etag(response: Response, instance) -> Response:
    """The claim's ETag on the response; `instance` is a claim, or a row read as a dict."""
    response["ETag"] = instance["etag"] if isinstance(instance, dict) else instance.etag
    return response


def conditional(request, data, etag: str, **response):
    """`data` as the response, or a 304 when If-None-Match names `etag` (weak comparison, as
    RFC 9110 asks of If-None-Match); with the ETag and the caching headers either way. The 304
    is a plain Django response: no renderer runs, so no format writes a body into it. `data`
    may be a function giving it, called only when the answer is not a 304: a validator known
    before the body is built saves building it."""
    if request.method in ("GET", "HEAD"):
        tags = asked_etags(request)
        if etag in tags or "*" in tags:
            return not_modified(request, etag)
    answer = Response(data() if callable(data) else data, **response)
    answer["ETag"] = etag
    return cacheable(request, answer)


def asked_etags(request) -> list[str]:
    """The ETags If-None-Match names, weak ones as their strong form (RFC 9110's weak
    comparison); none without the header."""
    asked = request.headers.get("If-None-Match")
    return [] if asked is None else [tag.removeprefix("W/") for tag in parse_etags(asked)]


def not_modified(request, etag: str):
    """The 304 for `etag`, with the caching headers its 200 would carry."""
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return cacheable(request, response)


def cacheable(request, response):
    """Cache-Control and Vary for a read (see the module's note)."""
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = f"public, max-age={settings.FACTDB_PUBLIC_MAX_AGE}"
    # What a stored answer depends on besides the URL: the reader, the format and the language
    # asked for (a figure and a date are written in the reader's language).
    patch_vary_headers(response, ("Authorization", "Cookie", "Accept", "Accept-Language"))
    return response
