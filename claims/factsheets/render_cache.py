"""Published fact-sheet versions, rendered once and served from disk after that.

A published version renders from its frozen context to the same bytes every time
(tests/claims/factsheets/test_services.py), and a 3,000-claim PDF takes about a minute to
render: so the first export of a version writes its bytes under FACTDB_RENDER_CACHE and later
exports read them. A file is named by what decides its bytes: the stored context, the format,
and the renderers' own code and templates, so a new database or a new release never serves a
render that a fresh one would not reproduce. Deleting the directory only costs re-rendering.
"""

import functools
import hashlib
import json
import os
from pathlib import Path

from django.conf import settings

from claims.factsheets.renderers import render

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "templates" / "claims" / "factsheets"


def cached_render(context: dict, fmt: str) -> bytes:
    """`render(context, fmt)`, from FACTDB_RENDER_CACHE when a render of it is there already."""
    directory = settings.FACTDB_RENDER_CACHE
    if not directory:
        return render(context, fmt)
    path = Path(directory) / f"{render_key(context, fmt)}.{fmt}"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    body = render(context, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside, then renamed: a reader never sees half a file, and two workers rendering
    # the same version at once both leave a whole one.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(body)
    os.replace(partial, path)
    return body


def render_key(context: dict, fmt: str) -> str:
    digest = hashlib.sha256(renderers_fingerprint().encode())
    digest.update(fmt.encode())
    digest.update(json.dumps(context, sort_keys=True, separators=(",", ":")).encode())
    return digest.hexdigest()


@functools.cache
def renderers_fingerprint() -> str:
    """A digest of the code and templates that turn a context into bytes."""
    files = sorted(PACKAGE.glob("*.py")) + sorted(TEMPLATES.rglob("*"))
    digest = hashlib.sha256()
    for file in files:
        if file.is_file():
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()
