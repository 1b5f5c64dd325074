"""Browser tests: Playwright's sync API drives Debian's Chromium against pytest-django's server.

Chromium comes from the system (`apt-get install chromium`, /usr/bin/chromium); Playwright never
downloads a browser of its own. Without Chromium the tests skip with a message, except when
FACTDB_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
"""

import itertools
import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "pw-for-tests-1"  # tests.factories.user's default


def _unavailable(reason: str):
    if os.environ.get("FACTDB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"FACTDB_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason}; install it with `apt-get install chromium` to run the browser tests")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Each test creates users and logs in through the form; the production hasher's deliberate
    # slowness would be most of a browser test's time. Applies to the live server too.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def browser():
    """Chromium for one module's tests; the event loop of sync Playwright runs only meanwhile."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Sync Playwright keeps an asyncio loop running in this thread, so Django would refuse the
        # ORM calls that fixtures and assertions make here. None of it is async code; this is
        # the documented switch, set only while the loop runs (module scope keeps that short).
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def shoot(request):
    """shoot(page, "step") saves a full-page screenshot named after the test and the step."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    steps = itertools.count(1)
    name = request.node.name.removeprefix("test_")

    def shoot(page, step: str):
        page.screenshot(path=SCREENSHOTS / f"{name}-{next(steps):02d}-{step}.png", full_page=True)

    return shoot


def log_in(page, username: str, password: str = PASSWORD):
    """Through the real admin login form, as a person would."""
    page.goto("/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
