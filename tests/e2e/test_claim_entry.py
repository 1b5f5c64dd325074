"""Entering a claim by hand in Chromium: paste the quote, the form proposes the figure, period,
claimant and measure; warnings appear as the fields change, and saving still works.

The quote is from the Left Voice seed article (tests/data/seed_quotes.json cites it)."""

import datetime

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUOTE = (
    "Since December, the Mexican government has deported 80,500 migrants—three times as many "
    "people than those deported during Peña Niesto’s government—many of whom are fleeing "
    "various forms of misery and violence which are the direct result of the implementation of "
    "neoliberal plans ordered by Washington, D.C."
)


@pytest.fixture
def desk(editor):
    source = factories.source(
        publisher=factories.publisher(name="Left Voice"),
        title="The Re-Colonization of Mexico",
        published_on=datetime.date(2019, 6, 10),
        url="https://www.leftvoice.org/the-re-colonization-of-mexico",
        text=QUOTE + " Those migrants who have not been deported have been crowded into "
        "detention centers or harassed and abused by the newly created National Guard.",
    )
    government = factories.claimant(name="Mexican government", kind="organisation")
    measure = factories.measure(label="Migrants deported by Mexico", default_unit="migrants")
    return source, government, measure


def choose_source(page, source):
    page.click("#id_source + .select2")
    page.fill(".select2-search__field", "Re-Colonization")
    page.click(f".select2-results__option:has-text('{source.title}')")


def test_the_form_proposes_from_the_quote_and_warns_as_the_fields_change(page, desk, editor, shoot):
    source, government, measure = desk
    log_in(page, editor.username)
    page.goto("/admin/claims/claim/add/")
    choose_source(page, source)
    page.fill("#id_quote", QUOTE)

    helper = page.locator("#entry-help")
    expect(helper).to_contain_text("80,500 migrants")
    expect(helper).to_contain_text("Said by Mexican government")
    expect(helper).to_contain_text("Migrants deported by Mexico")
    helper.get_by_role("button", name="Use all of it").click()

    expect(page.locator("#id_value")).to_have_value("80500")
    expect(page.locator("#id_unit")).to_have_value("migrants")
    expect(page.locator("#id_period_start")).to_have_value("2018-12-01")
    expect(page.locator("#id_claimant")).to_have_value(str(government.pk))
    expect(page.locator("#id_measure")).to_have_value(str(measure.pk))
    expect(page.locator("#id_attribution")).to_have_value("reported")

    page.fill("#id_value", "85000")
    page.fill("#id_claim_date", "2019-05-01")
    expect(helper.locator("li[data-code=value_not_in_quote]")).to_be_visible()
    expect(helper.locator("li[data-code=claim_date_before_source]")).to_be_visible()
    page.fill("#id_quote", QUOTE.replace("80,500", "85,000"))
    expect(helper.locator("li[data-code=quote_not_in_source]")).to_be_visible()
    expect(helper.locator("li[data-code=value_not_in_quote]")).to_have_count(0)
    helper.scroll_into_view_if_needed()
    shoot(page, "proposals-and-warnings")

    page.fill("#id_quote", QUOTE)
    page.fill("#id_value", "80500")
    page.fill("#id_claim_date", "2019-06-10")
    expect(helper.locator(".entry-warnings")).to_have_count(0)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    claim = Claim.objects.get(source=source)
    assert (claim.value, claim.claimant, claim.measure) == (80500, government, measure)


def test_the_same_claim_entered_twice_is_flagged_with_a_link_to_the_first(page, desk, editor):
    source, _, _ = desk
    first = factories.claim(source=source, quote=QUOTE, value=80500, hedge="exact", unit="migrants")
    log_in(page, editor.username)
    page.goto("/admin/claims/claim/add/")
    choose_source(page, source)
    page.fill("#id_value", "80500")
    page.fill("#id_unit", "migrants")
    page.fill("#id_quote", QUOTE)
    duplicate = page.locator("#entry-help li[data-code=duplicate]")
    expect(duplicate).to_be_visible()
    expect(duplicate.get_by_role("link", name=f"claim {first.pk}")).to_have_attribute(
        "href", f"/admin/claims/claim/{first.pk}/change/"
    )
