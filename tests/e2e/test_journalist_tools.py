"""A journalist's tools in the browser: the claim list exported as CSV and as a fact sheet, the
search page with the API's filters, and the desk by keyboard alone."""

import csv
import datetime
import io
import re

import pytest
from playwright.sync_api import expect

from claims.models import Status
from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def claims(db):
    guard = factories.source(
        title="Mexico agrees to deploy National Guard",
        publisher=factories.publisher(name="The Daily Example"),
        published_on=datetime.date(2019, 6, 7),
        url="https://news.example/mexico-guard",
    )
    six = factories.claim(source=guard, quote="up to 6,000 National Guard troops", value=6000)
    factories.claim(
        source=guard,
        quote="1,500 active duty troops",
        value=1500,
        hedge="exact",
        unit="active duty troops",
        status=Status.VERIFIED,
    )
    factories.claim(
        source=factories.source(title="Deportations rise"),
        quote="80,500 migrants",
        value=80500,
        hedge="exact",
        unit="migrants",
    )
    return six


def csv_rows(download) -> list[dict]:
    with open(download.path(), encoding="utf-8") as file:
        return list(csv.DictReader(io.StringIO(file.read())))


def test_a_journalist_exports_the_filtered_list_as_csv_and_as_a_fact_sheet(
    page, shoot, journalist, claims
):
    log_in(page, "jo")
    page.goto("/admin/claims/claim/?status__exact=verified")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    rows = csv_rows(download.value)
    assert [row["quote"] for row in rows] == ["1,500 active duty troops"]
    assert rows[0]["citation.url"] == "https://news.example/mexico-guard"

    page.goto("/admin/claims/claim/?q=troops")
    page.get_by_role("link", name="Fact sheet", exact=True).click()
    expect(page.locator("body")).to_contain_text("up to 6,000 National Guard troops")
    expect(page.locator("body")).to_contain_text("1,500 active duty troops")
    expect(page.locator("body")).not_to_contain_text("80,500 migrants")
    shoot(page, "fact-sheet")


def test_a_journalist_searches_with_the_apis_filters_and_bookmarks_the_search(
    page, shoot, journalist, claims
):
    log_in(page, "jo")
    page.goto("/admin/claims/claim/")
    page.get_by_role("link", name="Search claims").click()
    page.get_by_label("Unit (its whole family)").fill("troops")
    page.get_by_label("Figure from", exact=True).fill("1000")
    page.get_by_label("Figure up to", exact=True).fill("3000")
    page.get_by_role("button", name="Search").click()
    # The address holds only what was asked, in the API's names: a bookmark keeps the search.
    expect(page).to_have_url(re.compile(r"/search/\?unit=troops&value_min=1000&value_max=3000$"))
    results = page.locator(".claim-search-result")
    expect(results).to_have_count(1)
    result = results.first
    expect(result).to_contain_text("1,500 active duty troops")
    expect(result.locator("cite")).to_have_text("Mexico agrees to deploy National Guard")
    expect(result).to_contain_text("The Daily Example")
    expect(result).to_contain_text("7 June 2019")
    expect(result).to_contain_text("https://news.example/mexico-guard")
    bookmarked = page.url
    shoot(page, "results")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert [row["quote"] for row in csv_rows(download.value)] == ["1,500 active duty troops"]

    result.get_by_role("link", name="1,500 active duty troops").click()
    expect(page).to_have_url(re.compile(r"/admin/claims/claim/\d+/change/$"))
    page.goto(bookmarked)
    expect(page.get_by_label("Figure from", exact=True)).to_have_value("1000")
    expect(page.locator(".claim-search-result")).to_have_count(1)


def test_bad_search_input_is_named_on_the_page(page, shoot, journalist, claims):
    log_in(page, "jo")
    response = page.goto("/admin/claims/claim/search/?value_min=3000&value_max=1000&valu=1")
    assert response.status == 400
    problems = page.get_by_role("alert")
    expect(problems).to_contain_text("value_max (1000) is below value_min (3000)")
    expect(problems).to_contain_text("valu: Unknown filter. Did you mean “value_min”?")
    expect(page.get_by_label("Figure up to", exact=True)).to_have_attribute("aria-invalid", "true")
    shoot(page, "bad-input")


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            const style = getComputedStyle(e);
            return {
                tag: e.tagName, id: e.id, name: e.getAttribute('name'),
                text: (e.innerText || e.value || '').trim().slice(0, 60),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== 'none',
            };
        }"""
    )


def tab_until(page, predicate, limit=80) -> list[dict]:
    """Tab through the page until `predicate(focused)`; every stop is returned."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        stops.append(stop)
        if predicate(stop):
            return stops
    raise AssertionError(f"not reached in {limit} tabs: {[s['text'] or s['id'] for s in stops]}")


def test_the_list_and_the_search_page_work_by_keyboard_alone(page, journalist, claims):
    log_in(page, "jo")
    page.goto("/admin/claims/claim/")
    # From the top: the search box, then the list's claims, in reading order.
    stops = tab_until(page, lambda s: s["id"] == "searchbar")
    assert stops[-1]["outline"] or stops[-1]["shadow"]
    page.keyboard.type("troops")
    page.keyboard.press("Enter")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    stops = tab_until(page, lambda s: s["tag"] == "A" and "troops" in s["text"])
    assert stops[-1]["outline"], "a claim link shows no focus ring"
    # Every stop on the way shows where the focus is.
    assert all(s["outline"] or s["shadow"] for s in stops), [
        s for s in stops if not (s["outline"] or s["shadow"])
    ]

    page.goto("/admin/claims/claim/search/")
    stops = tab_until(page, lambda s: s["name"] == "q")
    page.keyboard.type("troops")
    names = [s["name"] for s in tab_until(page, lambda s: s["name"] == "value_min")]
    assert names == ["unit", "unit_exact", "value_min"]
    page.keyboard.type("1000")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=troops&value_min=1000$"))
    stops = tab_until(page, lambda s: s["tag"] == "A" and "1,500" in s["text"])
    assert all(s["outline"] or s["shadow"] for s in stops), [
        (s["tag"], s["id"], s["text"]) for s in stops if not (s["outline"] or s["shadow"])
    ]
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/claims/claim/\d+/change/$"))
