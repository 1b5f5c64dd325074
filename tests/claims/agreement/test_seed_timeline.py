"""The seed data gives the measure page something to show: the main troop measures have several
claims from several sources, on a timeline, with agreement (the same figure repeated, rounded or
re-hedged by other outlets) and a real conflict (a deployment announced at 6,000, reported at
2,000 and at more than 6,000 on the same day)."""

import re

import pytest
from django.core.management import call_command

from claims.agreement.comparison import assess_measure
from claims.agreement.timeline import measure_timeline_svg
from claims.models import Claim, Measure

GUARD = "Mexican National Guard troops deployed for migration enforcement, 2019"
US_TROOPS = "US active-duty troops sent to the US–Mexico border, 2025"


@pytest.fixture
def seeded(db):
    call_command("seed", verbosity=0)


def points(svg: str) -> list[str]:
    """The tooltip of each claim drawn on the chart ('#12 6,000 …: in conflict')."""
    return re.findall(r"<title>(#\d+ [^<]*)</title>", svg)


@pytest.mark.parametrize("label", [GUARD, US_TROOPS])
def test_a_main_measure_has_a_timeline_of_four_claims_from_three_sources(seeded, label):
    measure = Measure.objects.get(label=label)
    claims = Claim.objects.filter(measure=measure)
    assert claims.count() >= 4
    assert claims.values("source").distinct().count() >= 3
    assert claims.values("source__publisher").distinct().count() >= 3
    assert len(claims.values("claim_date").distinct()) >= 3  # points spread over time
    drawn = points(measure_timeline_svg(measure))
    assert len(drawn) == claims.count() >= 4


def test_the_guard_deployment_holds_a_real_conflict_and_repeated_figures(seeded):
    measure = Measure.objects.get(label=GUARD)
    assessment = assess_measure(measure)
    by_id = {c.pk: c for c in Claim.objects.filter(measure=measure).select_related("source")}
    sandoval = next(c for c in by_id.values() if c.source.publisher.name == "KVIA")
    ebrard = Claim.objects.filter(measure=measure, claimant__name="Marcelo Ebrard")
    # Ebrard's "6,000 men", as two outlets quoted it, and the same 6,000 from three more.
    assert ebrard.values("source__publisher").distinct().count() == 2
    sixes = [c for c in by_id.values() if c.value == 6000]
    assert len({c.source.publisher_id for c in sixes}) >= 5
    assert {c.hedge for c in sixes} >= {"exact", "at_most", "more_than"}
    # The pledge of 6,000 and "approximately 2,000 already deployed" cannot both be true.
    assert set(assessment.marks[sandoval.pk].conflicts_with) >= {c.pk for c in ebrard}
    # Sandoval's 2,000 in two outlets, once "approximately", agree with each other.
    [upi] = [c for c in by_id.values() if c.source.publisher.name == "UPI"]
    assert upi.pk in assessment.marks[sandoval.pk].agrees_with
    svg = measure_timeline_svg(measure)
    assert any(point.endswith("in conflict") for point in points(svg))


def test_the_2025_deployment_figures_agree(seeded):
    measure = Measure.objects.get(label=US_TROOPS)
    assessment = assess_measure(measure)
    assert {mark.state for mark in assessment.marks.values()} == {"agree"}


def test_new_claims_enter_unverified(seeded):
    assert set(Claim.objects.values_list("status", flat=True)) == {"unverified"}
    assert not Claim.objects.filter(notes__isnull=False).exists()
