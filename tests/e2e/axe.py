"""axe-core in Chromium: the accessibility rules a page breaks, as a one-line check.

    assert_accessible(page, "/admin/claims/claim/")

axe.min.js comes from the pinned dev dependency axe-playwright-python (it ships axe-core), so
a clean checkout has it after `make install`, with no download at test time. The script is
evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not
govern; the pages themselves are not changed. Violations of "serious" or "critical" impact
fail the check, each named with its rule, help URL and the first elements it found.
"""

from functools import cache
from importlib.resources import files

BLOCKING = ("serious", "critical")


@cache
def axe_script() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def violations(page, *, impacts=BLOCKING) -> list[dict]:
    """axe's violations on the page as it stands, of the given impacts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in impacts]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(
            f"{violation['impact']}: {violation['id']} ({violation['help']}, "
            f"{violation['helpUrl']}) at {'; '.join(targets)}"
        )
    return "\n".join(lines)


def assert_accessible(page, path: str | None = None) -> None:
    """No serious or critical axe violation on `path` (or on the page as it is)."""
    if path is not None:
        page.goto(path)
    # Scripts finish the page in callbacks queued at "load" (claims/static/claims/desk_names.js).
    page.evaluate("new Promise(done => setTimeout(done, 100))")
    found = violations(page)
    assert not found, f"axe found on {page.url}:\n{describe(found)}"
