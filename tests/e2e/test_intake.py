"""Adding a source from a URL in a real browser: the form, the progress page while a real
database-backed worker has the task queued, then the text as read and the proposals, and on to
a proposal's claim page on the desk. Screenshots go to artifacts/screenshots/."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sources.models import Source
from tests import factories
from tests.conftest import role
from tests.e2e.conftest import log_in
from tests.sources import pages
from tests.sources.conftest import allow_loopback, site  # noqa: F401 (fixtures used below)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("allow_loopback")
def test_an_editor_adds_a_page_from_its_url_and_reviews_a_proposal(page, site, shoot, settings):  # noqa: F811
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    url = site.add("/2019/06/07/troops", pages.news_page())
    editor = factories.user("eddie")
    editor.groups.add(role("Editors"))
    log_in(page, "eddie")

    page.goto("/admin/sources/source/")
    page.click("text=Add source from a URL or a file")
    expect(page.locator("h1")).to_have_text("Add source from a URL or a file")
    page.fill("#id_url", url)
    shoot(page, "form")
    page.click("input[type=submit][value=Import]")

    expect(page.locator(".intake-steps li.current")).to_have_text("Queued")
    shoot(page, "queued")
    call_command("db_worker", batch=True, startup_delay=False, reload=False)

    # The page refreshes itself every two seconds until the worker is done.
    expect(page.locator("h2", has_text="Mexico sends up to 6,000 troops south")).to_be_visible()
    expect(page.locator(".intake-proposals tbody tr")).to_have_count(4)
    expect(page.locator(".intake-text")).not_to_contain_text("12,345")
    expect(page.locator(".intake-proposals mark").first).to_contain_text("6,000")
    shoot(page, "done")
    source = Source.objects.get()
    assert source.claims.count() == 4

    page.locator(".intake-proposals a", has_text="Review on the desk").first.click()
    expect(page.locator(".desk-quote mark")).to_contain_text("up to 6,000 National Guard troops")
    shoot(page, "claim-on-the-desk")


@pytest.mark.usefixtures("allow_loopback")
def test_a_refused_url_shows_why_in_the_browser(page, shoot, settings):
    settings.FACTDB_FETCH_ALLOW_PRIVATE = ""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    editor = factories.user("eddie")
    editor.groups.add(role("Editors"))
    log_in(page, "eddie")
    page.goto("/admin/sources/source/add-from/")
    page.fill("#id_url", "http://169.254.169.254/latest/meta-data/")
    page.click("input[type=submit][value=Import]")
    expect(page.locator(".errornote").first).to_contain_text("cloud metadata address")
    shoot(page, "refused")
    assert Source.objects.count() == 0
