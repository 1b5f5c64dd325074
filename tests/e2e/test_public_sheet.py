"""A published fact sheet's public page in Chromium: an anonymous reader opens it without a
token, its ClaimReview JSON-LD parses and points at the page's own claims, and the keyboard
reaches the figures first."""

import json

import pytest
from playwright.sync_api import expect

from claims.factsheets.services import sheet_publish
from tests.claims.factsheets.conftest import seed_sheet  # noqa: F401 - the fixture
from tests.e2e.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(seed_sheet, editor, settings, live_server):  # noqa: F811 - the fixture
    settings.FACTDB_PUBLIC_READ = True
    settings.FACTDB_PUBLIC_URL = live_server.url
    settings.FACTDB_ORG_NAME = "The Border Desk"
    return sheet_publish(sheet=seed_sheet, user=editor)


def test_an_anonymous_reader_gets_the_page_and_its_claim_reviews(page, published, shoot):
    slug = published.sheet.slug
    page.goto(f"/sheets/{slug}/")
    expect(page).to_have_title(f"{published.sheet.title} · The Border Desk")
    expect(page.locator("h1")).to_have_text(published.sheet.title)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    figures = page.locator("main h2.figure")
    expect(figures).to_have_count(4)
    expect(figures.first).to_contain_text("up to 6,000 National Guard troops")

    scripts = page.locator('script[type="application/ld+json"]')
    expect(scripts).to_have_count(1)
    graph = json.loads(scripts.first.text_content())["@graph"]
    assert [review["@type"] for review in graph] == ["ClaimReview"] * 3
    for review in graph:
        assert review["url"].startswith(f"{published.context['url']}#claim-")
        anchor = review["url"].split("#")[1]
        expect(page.locator(f"#{anchor}")).to_have_count(1)
    assert graph[0]["author"] == {"@type": "Organization", "name": "The Border Desk"}

    # Keyboard: the first Tab reaches the skip link, which leads to the figures.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the figures")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#figures"
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "public-sheet")

    page.set_viewport_size({"width": 400, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    shoot(page, "public-sheet-400px")


def test_the_page_is_not_there_for_anonymous_readers_unless_the_operator_allows(
    page, published, settings
):
    settings.FACTDB_PUBLIC_READ = False
    response = page.goto(f"/sheets/{published.sheet.slug}/")
    assert response.status == 404


@pytest.mark.parametrize("path", ["/sheets/", "/sheets/{slug}/", "/sheets/{slug}/v1/"])
def test_the_public_pages_have_no_serious_accessibility_violation(page, published, path):
    assert_accessible(page, path.format(slug=published.sheet.slug))
