"""The demo sheet in fixtures/ loads after the seed claims, reloads without duplicates, renders."""

import pytest
from django.core.management import call_command

from claims.factsheets.context import build_context
from claims.factsheets.renderers import FORMATS, render
from claims.models import FactSheet

from .conftest import pdf_text

DEMO = "us-mexico-border-deployments"


@pytest.fixture
def demo_sheet(db):
    call_command("seed", verbosity=0)
    return FactSheet.objects.get(slug=DEMO)


def test_the_demo_sheet_is_built_from_the_seed_claims(demo_sheet):
    figures = [item["figure"] for item in build_context(demo_sheet)["items"]]
    assert figures[0] == "up to 6,000 National Guard troops"
    assert "more than $800 a year" in figures
    assert "1,500 active duty troops" in figures


def test_loading_the_seed_again_does_not_duplicate_the_demo_sheet(demo_sheet):
    call_command("seed", verbosity=0)
    assert FactSheet.objects.filter(slug=DEMO).count() == 1
    assert demo_sheet.items.count() == 5


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_demo_sheet_renders_in_every_format(demo_sheet, fmt):
    context = build_context(demo_sheet)
    body = render(context, fmt)
    text = pdf_text(body) if fmt == "pdf" else body.decode("utf-8-sig")
    if fmt == "jsonld":
        assert '"@graph": []' in text  # the seed claims carry no verdict yet
        return
    assert "6,000 National Guard troops" in text
    assert "Not yet verified" in text or "unverified" in text
