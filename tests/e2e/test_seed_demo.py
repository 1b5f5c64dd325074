"""The seed demo in a real browser, as `make run` serves it: a claim page shows its quote
highlighted in its paragraph (the source keeps that paragraph, marked as an excerpt), and the
main measure's page lines up claims from several sources on its timeline."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from claims.models import Claim, Measure
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUARD = "Mexican National Guard troops deployed for migration enforcement, 2019"
QUOTE = (
    "As part of the negotiations, Mexico has agreed to mobilize up to 6,000 National Guard troops "
    "to prevent migrants from entering through the southern border of Mexico or crossing the "
    "country to the U.S."
)


@pytest.fixture
def seeded(db):
    call_command("seed", verbosity=0)


def test_a_seed_claim_shows_its_quote_highlighted_in_its_paragraph(page, shoot, editor, seeded):
    claim = Claim.objects.get(quote=QUOTE)
    log_in(page, "eddie")
    page.goto(f"/admin/claims/claim/{claim.pk}/change/")
    quote = page.locator(".desk-quote")
    expect(quote.locator("mark")).to_have_text(QUOTE)
    # The rest of the paragraph is there, unmarked; the next paragraph of the excerpt is not.
    expect(quote).to_contain_text("The National Guard will in effect be tasked with catching")
    expect(quote).not_to_contain_text("tens of thousands of Central American migrants")
    expect(page.locator(".desk-excerpt")).to_contain_text("Excerpt: ")
    background = quote.locator("mark").evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    shoot(page, "claim-in-its-paragraph")


def test_the_main_measure_shows_a_timeline_of_claims_from_several_sources(
    page, shoot, editor, seeded
):
    measure = Measure.objects.get(label=GUARD)
    log_in(page, "eddie")
    page.goto(f"/admin/claims/measure/{measure.pk}/change/")
    rows = page.locator(".measure-agreement tbody tr[id^=claim-]")
    expect(rows).to_have_count(Claim.objects.filter(measure=measure).count())
    assert rows.count() >= 4
    publishers = {row.locator("td").nth(3).locator("small").inner_text() for row in rows.all()}
    assert len(publishers) >= 3, publishers
    expect(page.locator(".measure-agreement .state-conflict").first).to_be_visible()
    chart = page.locator(".timeline svg")
    expect(chart).to_be_visible()
    # Each claim drawn carries its tooltip ("#12 6,000 National Guard troops …: in conflict").
    titles = chart.locator("title").evaluate_all("ts => ts.map(t => t.textContent)")
    drawn = [t for t in titles if re.match(r"#\d+ ", t)]
    assert len(drawn) == rows.count()
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150
    chart.scroll_into_view_if_needed()
    shoot(page, "measure-timeline")
