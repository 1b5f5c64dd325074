"""The claim list at the sizes people use: 1280x800 (eight or more claims, the editor's columns,
the navigation sidebar closed) and 400 px (no horizontal scroll, the filters in a drawer)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = (
    "The Re-Colonization of Mexico: Trump and AMLO Agree to Use Mexican National Guard "
    "Against Central American Migrants"
)
LONG_QUOTE = (
    "As part of the negotiations, Mexico has agreed to mobilize up to 6,000 National Guard "
    "troops to prevent migrants from entering through the southern border of Mexico or "
    "crossing the country to the U.S."
)
EDITOR_COLUMNS = ["figure", "status", "quote", "source · date", "claimant", "assignee"]

VISIBLE_ROWS = """() => [...document.querySelectorAll('#result_list tbody tr')].filter(row => {
    const box = row.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
}).length"""


@pytest.fixture
def twelve_claims(editor):
    source = factories.source(
        title=LONG_TITLE,
        publisher=factories.publisher(name="Left Voice"),
        published_on=datetime.date(2019, 6, 1),
    )
    claimant = factories.claimant(name="Marcelo Ebrard")
    for n in range(12):
        factories.claim(
            source=source,
            quote=LONG_QUOTE,
            claimant=claimant,
            assignee=editor,
            value=6000 + n,
            unit="National Guard troops at the southern border",
        )


def test_at_1280_eight_claims_fit_with_the_editors_columns(page, shoot, twelve_claims):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, "eddie")
    page.goto("/admin/claims/claim/")
    expect(page.locator("#result_list tbody tr")).to_have_count(12)
    assert page.evaluate(VISIBLE_ROWS) >= 8
    headers = page.locator("#result_list thead th")
    for name in EDITOR_COLUMNS:
        header = headers.filter(has_text=name)
        expect(header).to_be_visible()
        box = header.bounding_box()
        assert box["x"] + box["width"] <= 1280, f"{name!r} is cut off"
    # The claimant and assignee of a row are on screen, not scrolled away.
    row = page.locator("#result_list tbody tr").first
    for cell in ("field-claimant", "field-assignee"):
        box = row.locator(f".{cell}").bounding_box()
        assert box["x"] + box["width"] <= 1280
    expect(row.locator(".field-assignee")).to_have_text("eddie")
    # The navigation sidebar starts closed on this list.
    expect(page.locator("#nav-sidebar")).not_to_be_visible()
    expect(page.locator("#changelist-filter")).to_be_visible()
    shoot(page, "1280")


def test_at_400_there_is_no_horizontal_scroll_and_the_filters_are_a_drawer(
    page, shoot, twelve_claims
):
    page.set_viewport_size({"width": 400, "height": 800})
    log_in(page, "eddie")
    page.goto("/admin/claims/claim/")
    expect(page.locator("#result_list tbody tr")).to_have_count(12)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    assert page.evaluate("document.querySelector('#changelist .results').scrollWidth") <= 400
    drawer = page.locator("#claims-filter-drawer")
    expect(page.locator("#changelist-filter")).not_to_be_visible()
    # The drawer opens above the list, not thousands of pixels below it.
    page.locator(".claims-filter-toggle").click()
    expect(page.locator("#changelist-filter")).to_be_visible()
    assert drawer.bounding_box()["y"] < page.locator("#result_list").bounding_box()["y"]
    shoot(page, "400")
