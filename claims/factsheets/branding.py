"""The organisation a fact sheet is published by: its name and logo, from the settings.

``FACTDB_ORG_LOGO`` is a local file (absolute, or relative to the project) or a static path
("claims/logo.png"); it is read when a sheet's context is built and embedded in it as data, so a
published version keeps the logo it was published with and neither a browser nor the PDF
renderer fetches anything. A URL is refused: the renderers fetch nothing from the network.
"""

import base64
import functools
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

MAX_LOGO_BYTES = 256 * 1024
MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


class LogoError(ValueError):
    pass


def org_name() -> str:
    return settings.FACTDB_ORG_NAME or "factdb newsroom"


def org_logo() -> dict | None:
    """``{"media_type": "image/png", "data": "<base64>"}`` for FACTDB_ORG_LOGO, or None (also
    when it cannot be read: the system check, claims.apps, names the problem at start-up)."""
    configured = settings.FACTDB_ORG_LOGO
    if not configured:
        return None
    try:
        return _read_logo(configured)
    except (LogoError, OSError):
        return None


def logo_problem(configured: str) -> str:
    """Why the configured logo cannot be used, or "" (the system check's reading)."""
    try:
        _read_logo.__wrapped__(configured)
    except LogoError as error:
        return str(error)
    return ""


def data_uri(logo: dict) -> str:
    return f"data:{logo['media_type']};base64,{logo['data']}"


@functools.lru_cache(maxsize=4)
def _read_logo(configured: str) -> dict:
    if "://" in configured:
        raise LogoError(
            _("FACTDB_ORG_LOGO must be a local file or a static path, not a URL (%(value)s).")
            % {"value": configured}
        )
    path = _locate(configured)
    if path is None:
        raise LogoError(
            _("FACTDB_ORG_LOGO names no file or static file: %(value)s.") % {"value": configured}
        )
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise LogoError(
            _("FACTDB_ORG_LOGO must be a PNG, JPEG, GIF, WebP or SVG image, not %(name)s.")
            % {"name": path.name}
        )
    body = path.read_bytes()
    if len(body) > MAX_LOGO_BYTES:
        raise LogoError(
            _(
                "FACTDB_ORG_LOGO is %(size)s bytes; a logo is embedded in every sheet, so at "
                "most %(max)s."
            )
            % {"size": len(body), "max": MAX_LOGO_BYTES}
        )
    return {"media_type": media_type, "data": base64.b64encode(body).decode("ascii")}


def _locate(configured: str) -> Path | None:
    path = Path(configured)
    if not path.is_absolute():
        path = Path(settings.BASE_DIR) / path
    if path.is_file():
        return path
    found = finders.find(configured)
    return Path(found) if found else None
