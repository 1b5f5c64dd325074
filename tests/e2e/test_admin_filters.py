"""The claim list's source filter in a real browser: type in the select box, pick a source from
the admin's autocomplete, and the list narrows to its claims."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [
    pytest.mark.browser,
    # A live server needs real transactions; tests.conftest re-creates the roles after a flush.
    pytest.mark.django_db(transaction=True),
]


def test_an_editor_picks_a_source_in_the_filter_and_the_list_narrows(page, shoot, editor):
    guard = factories.source(
        title="Mexico agrees to deploy National Guard",
        publisher=factories.publisher(name="The Daily Example"),
    )
    factories.claim(source=guard)
    factories.claim(source=factories.source(title="Tariffs postponed"), quote="5% tariff")
    log_in(page, "eddie")
    page.goto("/admin/claims/claim/")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    source_filter = page.locator('details[data-filter-title="source"]')
    # With JavaScript the select box replaces the text box kept for browsers without it.
    expect(source_filter.locator(".claims-filter-find")).to_have_count(0)

    source_filter.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("National Guard")
    option = page.locator(".select2-results__option", has_text="Mexico agrees to deploy")
    expect(option).to_be_visible()
    shoot(page, "source-typed")
    option.click()

    expect(page).to_have_url(re.compile(rf"source__id__exact={guard.pk}$"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(source_filter.locator(".select2-selection__rendered")).to_contain_text(
        "Mexico agrees to deploy National Guard"
    )
    shoot(page, "source-chosen")

    source_filter.locator(".select2-selection__clear").click()
    expect(page).not_to_have_url(re.compile("source__id__exact"))
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
