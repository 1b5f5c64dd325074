"""Under the Content-Security-Policy header the admin and Swagger UI still work in a real browser,
and the browser reports no blocked script, style or image on their pages."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def csp_violations(page) -> list[str]:
    """Collect what Chromium says it refused because of the policy, from now on."""
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def test_admin_pages_work_under_the_policy(page, shoot):
    factories.user("root", is_superuser=True)
    claim = factories.claim()
    violations = csp_violations(page)

    log_in(page, "root")
    expect(page.locator("#user-tools")).to_contain_text("root")
    page.goto(f"/admin/claims/claim/{claim.pk}/change/")
    # filter_horizontal and the autocomplete widgets are built by the admin's scripts.
    expect(page.locator("#id_tags_filter")).to_be_visible()
    expect(page.locator(".select2-container").first).to_be_visible()
    page.goto("/admin/claims/claim/")
    expect(page.locator("#result_list")).to_be_visible()
    page.goto("/admin/sources/source/add/")
    expect(page.locator("#id_title")).to_be_visible()
    page.goto("/admin/deleted/")
    expect(page.locator("h1")).to_have_text("Deleted records")
    shoot(page, "deleted-records")

    assert violations == []


def test_swagger_ui_renders_under_the_policy(page, shoot):
    factories.user("root", is_superuser=True)
    violations = csp_violations(page)

    log_in(page, "root")
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("factdb API")
    expect(page.locator(".opblock").first).to_be_visible()
    shoot(page, "swagger-ui")

    assert violations == []
