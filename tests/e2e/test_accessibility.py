"""axe-core on the desk's pages in Chromium: no serious or critical violation on any of them.

A page is one line of PAGES: its name and its path ({claim} is a claim's id).
"""

import datetime

import pytest

from claims.models import Status
from tests import factories
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "dashboard": "/admin/",
    "claim list": "/admin/claims/claim/",
    "claim list, filtered": "/admin/claims/claim/?status__exact=unverified&q=troops",
    "claim page": "/admin/claims/claim/{claim}/change/",
    "claim form, new claim": "/admin/claims/claim/add/",
    "search page": "/admin/claims/claim/search/?unit=troops",
    "search page, bad input": "/admin/claims/claim/search/?value_min=lots",
}
ARTICLE = (
    "Under the deal, Mexico has agreed to mobilize up to 6,000 National Guard troops to its "
    "southern border with Guatemala, officials said."
)


@pytest.fixture
def claim(db):
    source = factories.source(
        publisher=factories.publisher(name="The Daily Example"),
        title="Mexico agrees to deploy National Guard",
        published_on=datetime.date(2019, 6, 7),
        url="https://news.example/mexico-guard",
        text=ARTICLE,
    )
    quote = "up to 6,000 National Guard troops"
    start = ARTICLE.index(quote)
    claim = factories.claim(
        source=source,
        quote=quote,
        quote_start=start,
        quote_end=start + len(quote),
        measure=factories.measure(label="Guard troops at the southern border, 2019"),
    )
    factories.claim(source=source, quote="1,500 troops", value=1500, status=Status.VERIFIED)
    return claim


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_the_page_has_no_serious_accessibility_violation(page, editor, claim, path):
    log_in(page, "eddie")
    assert_accessible(page, path.format(claim=claim.pk))


@pytest.mark.parametrize("width", [1280, 400])
def test_the_claim_list_passes_at_both_widths(page, journalist, claim, width):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "jo")
    assert_accessible(page, "/admin/claims/claim/")
