"""Background work for fact sheets (Django's Tasks API, run by a db_worker): rendering a published
version too large to render inside a web request.

The first request for such a render queues it and answers 202; the worker writes it into the
render cache (FACTDB_RENDER_CACHE), where the same permalink then finds it at any size. A marker
beside the render keeps polling clients from queueing the same work twice.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django_tasks import task

from claims.factsheets.context import public_context
from claims.factsheets.render_cache import cached_render, render_key
from claims.models import FactSheetVersion

# A queued render older than this is taken for lost (its worker died) and queued again.
STALE_AFTER_SECONDS = 3600


@task()
def render_version(version_id: int, fmt: str, public: bool, language: str = "en") -> str:
    """Render one published version into the render cache; returns the render's key."""
    version = FactSheetVersion.objects.get(pk=version_id)
    context = public_context(version.context) if public else version.context
    try:
        cached_render(context, fmt, language)
    finally:
        _marker(context, fmt, language).unlink(missing_ok=True)
    return render_key(context, fmt, language)


def render_version_later(
    version, context: dict, fmt: str, *, public: bool, language: str = "en"
) -> bool:
    """Queue the render of `version` (as `context`), unless one is queued already; True when
    this call queued it. Needs the render cache: without it nothing would keep the result."""
    marker = _marker(context, fmt, language)
    marker.parent.mkdir(parents=True, exist_ok=True)
    try:
        if time.time() - marker.stat().st_mtime < STALE_AFTER_SECONDS:
            return False
        marker.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False  # another request queued it a moment ago
    render_version.enqueue(version.pk, fmt, public, language)
    return True


def _marker(context: dict, fmt: str, language: str = "en") -> Path:
    key = render_key(context, fmt, language)
    return Path(settings.FACTDB_RENDER_CACHE) / f"{key}.{fmt}.queued"
