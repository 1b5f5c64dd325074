"""The timeline chart: well-formed SVG, hedges as intervals, conflicts marked, text escaped."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from claims.agreement.comparison import assess, assess_measure
from claims.agreement.timeline import human_number, measure_timeline_svg, timeline_svg
from claims.models import Claim, Hedge
from tests import factories
from tests.deadline import within

SVG = "{http://www.w3.org/2000/svg}"
RED = "#c62828"


def on(measure, value, hedge=Hedge.EXACT, unit="troops", day=10, **fields):
    return factories.claim(
        measure=measure,
        value=Decimal(value),
        hedge=hedge,
        unit=unit,
        claim_date=datetime.date(2019, 6, day),
        **fields,
    )


@pytest.fixture
def deployment(db):
    measure = factories.measure(label="National Guard troops deployed, 2019")
    on(measure, "6000", Hedge.AT_MOST, day=7)
    on(measure, "6000", day=8)
    on(measure, "6500", Hedge.APPROX)
    on(measure, "6000", Hedge.MORE_THAN)
    return measure


def parse(svg):
    return ET.fromstring(svg)


def test_the_chart_is_well_formed_svg_with_no_script_or_external_reference(deployment):
    svg = measure_timeline_svg(deployment)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert not root.findall(f".//{SVG}script")
    assert "href" not in svg and "<script" not in svg


def test_each_claim_is_drawn_with_its_figure_in_a_tooltip(deployment):
    root = parse(measure_timeline_svg(deployment))
    tips = [t.text for t in root.iter(f"{SVG}title")][1:]
    assert len(tips) == 4
    assert all(f"#{c.pk} " in " ".join(tips) for c in deployment.claims.all())


def test_open_ended_hedges_end_in_arrows(deployment):
    root = parse(measure_timeline_svg(deployment))
    # "up to 6,000" points down, "more than 6,000" points up; nothing else is open-ended.
    assert len(root.findall(f".//{SVG}polygon")) == 2


def test_claims_in_conflict_are_ringed_in_red(deployment):
    root = parse(measure_timeline_svg(deployment))
    rings = [
        c
        for c in root.iter(f"{SVG}circle")
        if c.get("r") == "9" and c.get("stroke") == RED and c.get("fill") == "none"
    ]
    assert len(rings) == 3  # up to 6,000; 6,000; more than 6,000 — not "approximately 6,500"


def test_the_value_axis_reads_as_people_write_numbers(deployment):
    labels = [t.text for t in parse(measure_timeline_svg(deployment)).iter(f"{SVG}text")]
    assert "6,000" in labels and "7,000" in labels


def test_hostile_labels_and_units_are_escaped(db):
    hostile = '<script>alert("x")</script> & \x0bfriends'
    measure = factories.measure(label=hostile)
    factories.claim(measure=measure, value=Decimal(5), hedge=Hedge.EXACT, unit=hostile)
    svg = measure_timeline_svg(measure)
    root = parse(svg)  # a stray "<" or a control character would make this raise
    assert "<script" not in svg
    texts = " ".join(t.text or "" for t in root.iter())
    assert '<script>alert("x")</script> & friends' in texts


def test_claims_in_other_units_are_counted_not_drawn(deployment):
    factories.claim(
        measure=deployment, value=Decimal(100), hedge=Hedge.EXACT, unit="USD", currency="USD"
    )
    svg = measure_timeline_svg(deployment)
    assert "1 claim in other units or currencies not drawn." in svg


def test_a_measure_with_no_claims_says_so(db):
    svg = measure_timeline_svg(factories.measure(label="Empty"))
    assert "No claimed figures to draw yet." in svg
    parse(svg)


def test_a_running_total_is_joined_by_a_line(db):
    measure = factories.measure(label="Deported since December", cumulative=True)
    on(measure, "40000", unit="deportations", day=1)
    on(measure, "80500", unit="deportations", day=20)
    root = parse(measure_timeline_svg(measure, assess_measure(measure)))
    assert len(root.findall(f".//{SVG}polyline")) == 1


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (6000, 0, "6,000"),
        (1_500_000, 0, "1.5M"),
        (2e9, 0, "2B"),
        (0.25, 2, "0.25"),
        (-0.0, 0, "0"),
        (1.2e16, 0, "1.2e16"),
    ],
)
def test_human_numbers(value, decimals, text):
    assert human_number(value, decimals) == text


def unsaved(pk, value, day):
    # Unsaved, so SQLite (which keeps 15 digits and refuses these) draws them too.
    return Claim(
        pk=pk,
        quote="a figure",
        value=Decimal(value),
        hedge=Hedge.EXACT,
        unit="troops",
        claim_date=datetime.date(2019, 6, day),
    )


def test_values_closer_than_floats_resolve_are_drawn_in_bounded_time():
    # 1e16 and 1e16 + 2 are one float step apart: adding a tick step of 0.5 never moved on.
    claims = [unsaved(1, "10000000000000000", 10), unsaved(2, "10000000000000002", 11)]
    with within(5):
        root = parse(timeline_svg(assess(claims), title="Near the float limit"))
    gridlines = [line for line in root.iter(f"{SVG}line") if line.get("stroke") == "#e3e3e3"]
    assert 2 <= len(gridlines) <= 12
    assert len({line.get("y1") for line in gridlines}) == len(gridlines)  # distinct ticks


@pytest.mark.parametrize("values", [("0", "0"), ("0.000001", "0.000001"), ("5", "5")])
def test_a_zero_span_still_gets_a_value_axis(db, values):
    measure = factories.measure(label="One value")
    for day, value in enumerate(values, start=1):
        on(measure, value, day=day)
    with within(5):
        root = parse(measure_timeline_svg(measure))
    gridlines = [line for line in root.iter(f"{SVG}line") if line.get("stroke") == "#e3e3e3"]
    assert 2 <= len(gridlines) <= 12


def test_the_chart_speaks_spanish(db):
    from django.utils import translation

    measure = factories.measure(label="Médicos")
    for day, value in ((7, 1200), (20, 1500)):
        factories.claim(
            measure=measure, value=value, unit="médicos", claim_date=datetime.date(2025, 2, day)
        )
    with translation.override("es"):
        svg = measure_timeline_svg(measure)
    for words in ["concuerda", "Barras: el intervalo", "feb", "Cronología"]:
        assert words in svg, words
    for english in ["agrees", "Bars:", "Feb", "Timeline:", "nothing to compare"]:
        assert english not in svg, english
