"""A fact sheet draws a timeline for each measure that two or more of its figures share."""

import datetime
import subprocess
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from claims.factsheets.context import build_context
from claims.factsheets.renderers import render_html, render_pdf
from claims.models import FactSheet, FactSheetItem, Hedge
from tests import factories
from tests.deadline import ONE_FLOAT_STEP_APART, within


@pytest.fixture
def sheet(db):
    measure = factories.measure(label="Mexican National Guard troops deployed, 2019")
    sheet = FactSheet.objects.create(title="The deployment", slug="deployment")
    figures = [("6000", Hedge.AT_MOST, 7), ("6500", Hedge.APPROX, 8), ("6000", Hedge.MORE_THAN, 9)]
    for position, (value, hedge, day) in enumerate(figures, start=1):
        claim = factories.claim(
            measure=measure,
            value=Decimal(value),
            hedge=hedge,
            claim_date=datetime.date(2019, 6, day),
        )
        FactSheetItem.objects.create(sheet=sheet, claim=claim, position=position)
    # A figure on a measure no other item shares gets no chart of its own.
    FactSheetItem.objects.create(
        sheet=sheet, claim=factories.claim(measure=factories.measure(label="Alone")), position=4
    )
    return sheet


def test_the_context_holds_one_chart_per_shared_measure(sheet):
    (chart,) = build_context(sheet)["charts"]
    assert chart["measure"] == "Mexican National Guard troops deployed, 2019"
    assert len(chart["claim_ids"]) == 3
    labels = [t.text for t in ET.fromstring(chart["svg"]).iter("{http://www.w3.org/2000/svg}text")]
    assert {"1", "2", "3"} <= set(labels)  # points carry the sheet's item numbers


def test_the_html_sheet_embeds_the_chart(sheet):
    html = render_html(build_context(sheet)).decode()
    assert '<figure class="chart">' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html


def test_the_pdf_sheet_draws_the_chart(sheet, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(render_pdf(build_context(sheet)))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    assert b"Bars: the interval a hedge allows" in text


def test_a_sheet_without_shared_measures_has_no_chart(db):
    sheet = FactSheet.objects.create(title="Loose", slug="loose")
    FactSheetItem.objects.create(sheet=sheet, claim=factories.claim(), position=1)
    assert build_context(sheet)["charts"] == []
    assert '<figure class="chart">' not in render_html(build_context(sheet)).decode()


def test_a_sheet_charting_values_one_float_step_apart_renders(db):
    measure = factories.measure(label="Near the float limit")
    sheet = FactSheet.objects.create(title="Big numbers", slug="big-numbers")
    # The pair that hung on PostgreSQL; SQLite refuses 17 digits, so there the closest it keeps.
    for position, value in enumerate(ONE_FLOAT_STEP_APART, start=1):
        claim = factories.claim(
            measure=measure, value=Decimal(value), claim_date=datetime.date(2019, 6, position)
        )
        FactSheetItem.objects.create(sheet=sheet, claim=claim, position=position)
    with within(10):
        html = render_html(build_context(sheet)).decode()
    assert '<figure class="chart">' in html
