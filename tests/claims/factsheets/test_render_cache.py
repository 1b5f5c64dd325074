"""Published versions are rendered once and served from FACTDB_RENDER_CACHE after that."""

import importlib.metadata
import modulefinder
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.factsheets.render_cache import (
    ROOT,
    cached_render,
    environment,
    fingerprint,
    render_inputs,
    render_key,
)
from claims.factsheets.renderers import render
from claims.factsheets.services import sheet_publish


def export_url(sheet, fmt):
    return reverse("factsheet-export", kwargs={"slug": sheet.slug, "fmt": fmt})


def cached_files(settings) -> list[Path]:
    return sorted(Path(settings.FACTDB_RENDER_CACHE).glob("*"))


@pytest.fixture
def published(seed_sheet, editor):
    return sheet_publish(sheet=seed_sheet, user=editor)


def test_the_first_export_of_a_version_is_kept_and_later_ones_read_it(
    client, journalist, seed_sheet, published, settings
):
    client.force_login(journalist)
    first = client.get(export_url(seed_sheet, "pdf"), {"version": published.number})
    assert first.status_code == 200
    (kept,) = cached_files(settings)
    assert kept.read_bytes() == first.content == render(published.context, "pdf")

    # What is on disk is what is served: a marker written there comes back.
    kept.write_bytes(b"%PDF-marker")
    again = client.get(export_url(seed_sheet, "pdf"), {"version": published.number})
    assert again.content == b"%PDF-marker"


def test_drafts_are_never_kept(client, journalist, seed_sheet, settings):
    client.force_login(journalist)
    assert client.get(export_url(seed_sheet, "html")).status_code == 200
    assert cached_files(settings) == []


def test_the_key_is_what_decides_the_bytes(published):
    other = {**published.context, "title": "Another sheet"}
    assert render_key(published.context, "pdf") != render_key(other, "pdf")
    assert render_key(published.context, "pdf") != render_key(published.context, "html")
    assert render_key(published.context, "pdf") == render_key(dict(published.context), "pdf")


def test_an_empty_setting_turns_the_cache_off(published, settings):
    settings.FACTDB_RENDER_CACHE = ""
    assert cached_render(published.context, "md") == render(published.context, "md")


def test_the_export_command_serves_a_version_from_the_cache_too(
    seed_sheet, published, settings, tmp_path
):
    target = tmp_path / "sheet.md"
    call_command("export_factsheet", seed_sheet.slug, "--format", "md", "--version", "1",
                 "--output", str(target))  # fmt: skip
    (kept,) = cached_files(settings)
    assert kept.read_bytes() == target.read_bytes() == render(published.context, "md")


# ---- the key covers everything a render depends on --------------------------------------------


def project_paths(paths) -> set[str]:
    return {str(path.relative_to(ROOT)) for path in paths}


def test_the_key_covers_every_project_module_and_template_a_render_uses():
    inputs = project_paths(render_inputs())
    assert {
        "claims/factsheets/renderers.py",
        "claims/factsheets/claimreview.py",
        "factdb/csv_cells.py",  # imported by the renderers from outside claims/factsheets
        "claims/templatetags/factsheet_links.py",  # loaded by name from the sheet's template
        "claims/templates/claims/factsheets/sheet.html",
        "claims/templates/claims/factsheets/sheet.css",
    } <= inputs
    assert not any("site-packages" in path for path in inputs)  # those count by version


def test_the_key_covers_what_the_standard_library_finds_the_renderers_importing():
    # An independent reading of the same imports: modulefinder, limited to the project.
    finder = modulefinder.ModuleFinder(path=[str(ROOT)])
    finder.run_script(str(ROOT / "claims/factsheets/renderers.py"))
    found = {
        Path(module.__file__).resolve()
        for module in finder.modules.values()
        if module.__file__ and module.__name__ != "__main__"
    }
    assert project_paths(found) >= {"factdb/csv_cells.py", "claims/factsheets/claimreview.py"}
    assert found <= set(render_inputs())


def test_the_key_covers_python_package_versions_pango_and_fonts():
    lines = environment()
    assert f"weasyprint=={importlib.metadata.version('weasyprint')}" in lines
    assert f"Django=={importlib.metadata.version('Django')}" in lines
    assert any(line.startswith("python==") for line in lines)
    assert any(line.startswith("pango==") for line in lines)
    assert any(line.startswith("font==") and "DejaVu" in line for line in lines)


def test_a_change_to_any_input_or_version_changes_the_fingerprint(tmp_path):
    files = []
    for relative in ("factdb/csv_cells.py", "claims/templates/claims/factsheets/sheet.css"):
        copy = tmp_path / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes((ROOT / relative).read_bytes())
        files.append(copy)
    versions = ["weasyprint==70.0"]
    before = fingerprint(files, tmp_path, versions)
    assert fingerprint(files, tmp_path, ["weasyprint==70.1"]) != before
    files[0].write_bytes(files[0].read_bytes().replace(b'"="', b'"=", "|"', 1))
    assert fingerprint(files, tmp_path, versions) != before
