"""Versions published before schema 2 render byte for byte as they did.

tests/data/factsheet_schema1.json holds a version's context as published under schema 1 (the
seed sheet of conftest.py) and the SHA-256 of each text format as the renderers of that time
wrote it; the PDF is WeasyPrint's drawing of the same HTML. Changing how sheets look is fine, for
new contexts: a test here failing means an old, published version changed under its readers."""

import hashlib
import json
from pathlib import Path

import pytest

from claims.factsheets.renderers import render

FROZEN = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "factsheet_schema1.json").read_text()
)


@pytest.mark.parametrize("fmt", sorted(FROZEN["sha256"]))
def test_a_schema_1_version_renders_exactly_as_it_was_published(fmt, settings):
    # Whatever the organisation is called now, and whatever its logo: a version keeps its own.
    settings.FACTDB_ORG_NAME = "Another Desk"
    settings.FACTDB_PUBLIC_URL = "https://facts.example.org"
    context = FROZEN["context"]
    assert context["schema"] == 1
    assert hashlib.sha256(render(context, fmt)).hexdigest() == FROZEN["sha256"][fmt]


def test_the_frozen_context_is_one_where_the_markdown_escape_shows():
    # So the test above would catch the parentheses fix reaching an old version.
    assert "\\(" in render(FROZEN["context"], "md").decode()
