"""How large a fact sheet a web request may render, for every route that renders one.

A PDF costs about 0.1 s of CPU per page at ~5 claims a page (bench/factsheet.py): 1,335 claims
took 107 s against gunicorn's 120 s timeout, holding a worker all the while. So a request renders
at most FACTDB_FACTSHEET_MAX_PDF_CLAIMS claims as PDF and FACTDB_FACTSHEET_MAX_CLAIMS in the text
formats. A larger published version is rendered by a background worker into the render cache
(claims/factsheets/tasks.py; the permalink answers 202 until it is there); a larger draft or
preview is refused with the way to get it — `manage.py export_factsheet`, which has no request
to time out.
"""

from django.conf import settings
from django.utils.translation import gettext as _


class SheetTooLarge(Exception):
    """A render too large for a web request; the message says what to do instead."""


def request_limit(fmt: str) -> int:
    if fmt == "pdf":
        return settings.FACTDB_FACTSHEET_MAX_PDF_CLAIMS
    return settings.FACTDB_FACTSHEET_MAX_CLAIMS


def check_request_size(count: int, fmt: str, *, slug: str, version: int | None = None) -> None:
    """Refuse a named sheet (or a published version of it) too large to render in a request."""
    limit = request_limit(fmt)
    if count <= limit:
        return
    what = (
        _("Version %(version)s of fact sheet %(slug)r") % {"version": version, "slug": slug}
        if version
        else _("Fact sheet %(slug)r") % {"slug": slug}
    )
    command = f"manage.py export_factsheet {slug} --format {fmt} --output FILE"
    if version:
        command += f" --version {version}"
    message = _(
        "%(what)s has %(count)s claims; a %(format)s export rendered in a web request holds at "
        "most %(limit)s. Run `%(command)s` instead"
    ) % {"what": what, "count": count, "format": fmt, "limit": limit, "command": command}
    ending = _(" (the permalink then serves the file it rendered).") if version else "."
    raise SheetTooLarge(message + ending)
