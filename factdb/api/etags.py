"""A record's version through ETag and If-Match, for the compare-and-swap of its write."""

import re

from django.utils.translation import gettext as _
from rest_framework.response import Response

from factdb.api.exceptions import PreconditionFailed, PreconditionRequired

ETAG = re.compile(r'\s*"?([0-9]{1,19})-([0-9]{1,19})"?\s*')


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
