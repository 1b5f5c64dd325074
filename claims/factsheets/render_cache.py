"""Published fact-sheet versions, rendered once and served from disk after that.

A published version renders from its frozen context to the same bytes every time
(tests/claims/factsheets/test_services.py), and a 3,000-claim PDF takes about a minute to
render: so the first export of a version writes its bytes under FACTDB_RENDER_CACHE and later
exports read them. A file is named by what decides its bytes: the stored context, the format,
the language it is written in (an English rendering keeps the name it always had), the
translation catalogues (locale/), and everything that turns a context into bytes — every project
module the renderers import (followed import by import: factdb/csv_cells.py as much as
renderers.py), the template tags, the project's templates, the installed packages' versions
(Django, WeasyPrint, …), Python's, Pango's and the fonts fontconfig offers — so a fix anywhere
on that path, a new release or an upgraded package never serves a render that a fresh one would
not reproduce. Deleting the directory only costs re-rendering.
"""

import ast
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings

from claims.factsheets.localise import render_language
from claims.factsheets.renderers import render


def cached_render(context: dict, fmt: str, language: str = "en") -> bytes:
    """`render(context, fmt, language)`, from FACTDB_RENDER_CACHE when a render of it is there
    already."""
    directory = settings.FACTDB_RENDER_CACHE
    if not directory:
        return render(context, fmt, language)
    body = kept_render(context, fmt, language)
    if body is not None:
        return body
    path = Path(directory) / f"{render_key(context, fmt, language)}.{fmt}"
    body = render(context, fmt, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside, then renamed: a reader never sees half a file, and two workers rendering
    # the same version at once both leave a whole one.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(body)
    os.replace(partial, path)
    return body


def kept_render(context: dict, fmt: str, language: str = "en") -> bytes | None:
    """The render kept for ``context``, ``fmt`` and ``language``, or None when there is none (or
    no cache)."""
    directory = settings.FACTDB_RENDER_CACHE
    if not directory:
        return None
    try:
        return (Path(directory) / f"{render_key(context, fmt, language)}.{fmt}").read_bytes()
    except FileNotFoundError:
        return None


def render_key(context: dict, fmt: str, language: str = "en") -> str:
    digest = hashlib.sha256(renderers_fingerprint().encode())
    digest.update(fmt.encode())
    language = render_language(language)
    if language != "en":
        digest.update(f"\0language={language}".encode())
    digest.update(json.dumps(context, sort_keys=True, separators=(",", ":")).encode())
    return digest.hexdigest()


@functools.cache
def renderers_fingerprint() -> str:
    """A digest of the code, templates, packages and fonts that turn a context into bytes."""
    return fingerprint(render_inputs(), ROOT, environment())


ROOT = Path(settings.BASE_DIR).resolve()
# Where rendering starts: the renderers, and the template tags the templates load by name (an
# import no module states).
RENDER_ROOTS = ["claims.factsheets.renderers"]


def render_inputs() -> list[Path]:
    """The project's files a render depends on: modules reached by import, templates, the
    translation catalogues (their sources: the compiled .mo files are built from them)."""
    starts = [*RENDER_ROOTS, *_template_tag_modules()]
    files = _imported_project_files(starts)
    for folder in _template_dirs():
        files |= {path for path in folder.rglob("*") if path.is_file()}
    for folder in settings.LOCALE_PATHS:
        files |= {path.resolve() for path in Path(folder).rglob("*.po")}
    return sorted(files)


def environment() -> list[str]:
    """What else decides the bytes: Python, every installed package, Pango, the fonts."""
    packages = {
        f"{dist.metadata['Name']}=={dist.version}"
        for dist in importlib.metadata.distributions()
        if dist.metadata["Name"]
    }
    return [f"python=={sys.version}", *sorted(packages), f"pango=={_pango_version()}", *_fonts()]


def fingerprint(files: list[Path], root: Path, environment: list[str]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(str(file.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    for line in environment:
        digest.update(line.encode() + b"\0")
    return digest.hexdigest()


def _imported_project_files(modules: list[str]) -> set[Path]:
    """The project's source files that ``modules`` import, directly or through each other."""
    found: set[Path] = set()
    pending = list(modules)
    while pending:
        path = _project_file(pending.pop())
        if path is None or path in found:
            continue
        found.add(path)
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        pending += _imports(path, package)
        # Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
        parts = name.split(".")
        pending += [".".join(parts[:i]) for i in range(1, len(parts))]
    return found


def _imports(path: Path, package: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # `from a import b` imports a, and b when b is a module.
            names += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return names


def _project_file(module: str) -> Path | None:
    top = module.partition(".")[0]
    if not top or not ((ROOT / top).is_dir() or (ROOT / f"{top}.py").is_file()):
        return None  # not the project's: counted by its package version instead
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, AttributeError, ValueError):
        return None  # a name imported from a module, not a module
    if spec is None or not spec.origin or not spec.has_location:
        return None
    path = Path(spec.origin).resolve()
    return path if _in_project(path) and path.suffix == ".py" else None


def _in_project(path: Path) -> bool:
    # Installed packages count by their version (environment()), even in a virtualenv in here.
    return ROOT in path.parents and "site-packages" not in path.parts


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _template_tag_modules() -> list[str]:
    return [
        f"{config.name}.templatetags.{module.stem}"
        for config in apps.get_app_configs()
        if _in_project(Path(config.path).resolve())
        for module in sorted((Path(config.path) / "templatetags").glob("*.py"))
    ]


def _template_dirs() -> list[Path]:
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(config.path) / "templates" for config in apps.get_app_configs()]
    return [
        folder.resolve() for folder in folders if folder.is_dir() and _in_project(folder.resolve())
    ]


def _pango_version() -> int:
    from weasyprint.text.ffi import pango

    return pango.pango_version()


def _fonts() -> list[str]:
    """The fonts fontconfig offers (by file and size): WeasyPrint draws with what it finds."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{file}\\n"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ["fonts==unknown"]
    fonts = []
    for name in sorted(set(listed.splitlines())):
        try:
            fonts.append(f"font=={name}:{os.stat(name).st_size}")
        except OSError:
            continue
    return fonts
