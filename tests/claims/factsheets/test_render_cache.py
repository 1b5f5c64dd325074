"""Published versions are rendered once and served from FACTDB_RENDER_CACHE after that."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.factsheets.render_cache import cached_render, render_key
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
