"""Every desk page in Chromium set to es-MX (issue 20), as an editor and as a journalist: no
English left on any of them but the data. The detector (tests/e2e/english.py) looks for a list of
English words and for every phrase our catalogue or Django's Spanish catalogues translate.

The Spanish article is written for this test (synthetic), about a made-up water-supply story.
Screenshots: /work/shots/issue20d/ when it exists (the sweep's review), else artifacts/screenshots/.
"""

import datetime
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from claims.factsheets.services import sheet_add_claims, sheet_create, sheet_publish
from claims.models import Claim, FactSheet, Lineage, LineageAppearance, Status
from tests import factories
from tests.e2e.conftest import PASSWORD, SCREENSHOTS
from tests.e2e.english import english_on_page
from tests.e2e.test_spanish_desk import spanish_page  # noqa: F401 (the fixture, used below)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REVIEW = Path("/work/shots/issue20d")
ARTICLE = (
    "MONTERREY — El organismo estatal del agua presentó el martes su plan para el verano.\n\n"
    "Según el plan, hasta 2,400 pipas de agua recorrerán las colonias sin servicio entre junio "
    "y agosto, dijo el organismo.\n\n"
    "El programa costará 180 millones de pesos y atenderá a unas 95 mil familias."
)
QUOTE = "hasta 2,400 pipas de agua recorrerán las colonias sin servicio"
SECOND = "El programa costará 180 millones de pesos"
PASTED = (
    "SALTILLO — La alcaldía anunció que 320 nuevas luminarias se instalarán en el centro "
    "histórico antes de diciembre, según el director de obras públicas."
)
SEARCH_NAME = "Pipas del verano"


def anchored(source, quote: str, **fields):
    """A claim whose quote is placed where it stands in its source's text."""
    start = source.text.index(quote)
    return factories.claim(
        source=source, quote=quote, quote_start=start, quote_end=start + len(quote), **fields
    )


@pytest.fixture
def desk(editor, settings, live_server):
    settings.FACTDB_PUBLIC_URL = live_server.url
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    publisher = factories.publisher(name="Periódico del Norte")
    source = factories.source(
        publisher=publisher,
        title="Llegan las pipas de agua a las colonias sin servicio durante el verano",
        authors="Mariana Treviño",
        published_on=datetime.date(2025, 6, 3),
        url="https://norte.example/pipas",
        language="es-MX",
        text=ARTICLE,
    )
    measure = factories.measure(label="Pipas de agua en Monterrey, verano de 2025")
    claimant = factories.claimant(name="Organismo estatal del agua", kind="organisation")
    claim = anchored(
        source,
        QUOTE,
        value=2400,
        hedge="at_most",
        unit="pipas de agua",
        measure=measure,
        claimant=claimant,
    )
    anchored(
        source,
        SECOND,
        value=180_000_000,
        hedge="exact",
        unit="pesos",
        status=Status.VERIFIED,
    )
    later = factories.source(
        publisher=factories.publisher(name="Crónica Regional"),
        title="Repiten el operativo de pipas",
        published_on=datetime.date(2025, 7, 1),
        url="https://cronica.example/pipas",
        language="es-MX",
        text="Las autoridades confirmaron que 2,400 pipas de agua siguen en operación.",
    )
    echo = factories.claim(
        source=later,
        quote="2,400 pipas de agua",
        value=2400,
        hedge="exact",
        unit="pipas de agua",
        measure=measure,
    )
    lineage = Lineage.objects.create(label="")
    for appearance in (claim, echo):
        LineageAppearance.objects.create(lineage=lineage, claim=appearance)
    factories.publisher(name="Boletín Municipal").delete()
    sheet = sheet_create(title="El agua en Monterrey", user=editor, intro="Cifras del verano.")
    sheet_add_claims(sheet=sheet, claims=Claim.objects.filter(source=source))
    sheet_publish(sheet=sheet, user=editor)
    return claim


def data_on_record() -> list[str]:
    """Everything the pages show that people wrote: it stays in its own language."""
    from claims.models import FactSheet, Measure, SavedSearch
    from sources.models import Claimant, Publisher, Source

    values = [
        ARTICLE,
        PASTED,
        SEARCH_NAME,
        "eddie",
        "jo",
        "root",
        "factdb",
        "CSV",
        "JSON-LD",
        "PDF",
    ]
    values += [line for text in (ARTICLE, PASTED) for line in text.split("\n") if line]
    for source in Source.objects.all():
        values += [source.title, source.authors, source.url, source.text, source.final_url]
        values += source.text.split("\n")
    for claim in Claim.objects.all():
        values += [claim.quote, claim.unit]
    values += list(Publisher.objects.values_list("name", flat=True))
    values += list(Claimant.objects.values_list("name", flat=True))
    values += list(Measure.objects.values_list("label", flat=True))
    values += list(SavedSearch.objects.values_list("name", flat=True))
    for sheet in FactSheet.objects.all():
        values += [sheet.title, sheet.intro, sheet.slug]
    return [value for value in values if value]


VISIBLE = """() => [
    document.title,
    document.body.innerText,
    ...[...document.querySelectorAll('input[type=submit], input[type=button]')]
        .filter(e => e.offsetParent !== null).map(e => e.value),
    ...[...document.querySelectorAll('[placeholder]')]
        .filter(e => e.offsetParent !== null).map(e => e.placeholder),
].join('\\n')"""


class Sweep:
    """Visits pages, saves a screenshot of each, and keeps the English each one shows."""

    def __init__(self, page, who: str):
        self.page, self.who, self.left, self.shots = page, who, {}, []
        self.folder = REVIEW if REVIEW.parent.is_dir() else SCREENSHOTS / "issue20d"
        self.folder.mkdir(parents=True, exist_ok=True)

    def check(self, name: str):
        path = self.folder / f"{self.who}-{len(self.shots) + 1:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        self.shots.append(path)
        english = english_on_page(self.page.evaluate(VISIBLE), data_on_record())
        if english:
            self.left[name] = english
        # What was found, page by page, next to the screenshots: the list to fix from.
        report = self.folder / f"{self.who}-english-left.json"
        report.write_text(json.dumps(self.left, indent=1, ensure_ascii=False), encoding="utf-8")

    def visit(self, name: str, url: str, status: int = 200):
        response = self.page.goto(url)
        assert response.status == status, (url, response.status)
        self.check(name)


def log_in(page, username):
    page.goto("/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator(".desk-dashboard")).to_be_visible()


def test_every_desk_page_an_editor_opens_is_in_spanish(spanish_page, editor, desk):  # noqa: F811 - the fixture
    page, claim = spanish_page, desk
    source = claim.source
    sweep = Sweep(page, "editor")
    log_in(page, "eddie")

    page.goto("/admin/claims/claim/")
    page.evaluate(
        "document.querySelectorAll('#changelist-filter details').forEach(d => d.open = true)"
    )
    sweep.check("claim-list-filters-open")
    page.set_viewport_size({"width": 400, "height": 800})
    page.reload()
    page.locator(".claims-filter-toggle").click()
    expect(page.locator("#changelist-filter")).to_be_visible()
    sweep.check("claim-list-drawer-400")
    page.set_viewport_size({"width": 1280, "height": 900})

    sweep.visit("search-results", "/admin/claims/claim/search/?q=pipas&value_min=1000")
    expect(page.locator(".claim-search-result").first).to_be_visible()
    page.fill("#saved-search-name", SEARCH_NAME)
    page.locator(".claim-search-save button, .claim-search-save input[type=submit]").click()
    expect(page.locator(".claim-search-saved")).to_contain_text(SEARCH_NAME)
    sweep.check("saved-searches")
    sweep.visit(
        "search-400", "/admin/claims/claim/search/?value_min=3000&value_max=1000&valu=1", 400
    )

    sweep.visit("source-list", "/admin/sources/source/")
    sweep.visit("source-page", f"/admin/sources/source/{source.pk}/change/")
    sweep.visit("source-withdraw", f"/admin/sources/source/{source.pk}/withdraw/")
    sweep.visit("source-history", f"/admin/sources/source/{source.pk}/history/")
    page.locator("#change-history a").first.click()
    expect(page.locator("#content-main form")).to_be_visible()
    sweep.check("source-history-version")

    sweep.visit("import-form", "/admin/sources/source/add-from/")
    page.fill("#id_text", PASTED)
    page.fill("#id_title", "Nuevas luminarias en el centro histórico")
    page.fill("#id_publisher", "Periódico del Norte")
    page.fill("#id_published", "2025-11-20")
    page.click("input[type=submit][value]")
    expect(page.locator(".intake-proposals")).to_be_visible()
    sweep.check("import-result")

    sweep.visit("claim-page-lineage", f"/admin/claims/claim/{claim.pk}/change/")
    expect(page.locator(".desk-lineage")).to_contain_text("Crónica Regional")
    sweep.visit("claim-history", f"/admin/claims/claim/{claim.pk}/history/")
    sweep.visit("measure-page", f"/admin/claims/measure/{claim.measure_id}/change/")
    sweep.visit("password-change", "/admin/password_change/")

    page.goto("/admin/claims/claim/add/")
    page.click("#id_source + .select2")
    page.fill(".select2-search__field", "Llegan las pipas")
    page.click(".select2-results__option:has-text('Llegan las pipas')")
    page.fill("#id_quote", QUOTE)
    helper = page.locator("#entry-help")
    expect(helper).to_contain_text("2,400")
    sweep.check("claim-add-proposals")
    page.fill("#id_value", "2500")
    page.fill("#id_claim_date", "2025-05-01")
    expect(helper.locator("li[data-code=value_not_in_quote]")).to_be_visible()
    sweep.check("claim-add-warnings")

    sheet = FactSheet.objects.get()
    sweep.visit("public-sheets", "/sheets/?lang=es")
    sweep.visit("published-sheet", f"/sheets/{sheet.slug}/?lang=es")
    sweep.visit("not-found", "/sheets/no-existe/", 404)

    assert sweep.left == {}, sweep.left


def test_every_page_a_journalist_opens_is_in_spanish(spanish_page, journalist, desk):  # noqa: F811 - the fixture
    page, claim = spanish_page, desk
    sweep = Sweep(page, "journalist")
    log_in(page, "jo")
    sweep.check("dashboard")
    sweep.visit("claim-list", "/admin/claims/claim/?q=pipas")
    page.locator("a[href*='export/html']").first.click()
    expect(page.locator("body")).to_contain_text(QUOTE)
    sweep.check("adhoc-fact-sheet")
    sweep.visit("claim-page", f"/admin/claims/claim/{claim.pk}/change/")
    sweep.visit("search", "/admin/claims/claim/search/")
    sweep.visit("forbidden", "/admin/sources/source/add-from/", 403)
    assert sweep.left == {}, sweep.left


def test_an_administrator_finds_the_deleted_records_in_spanish(spanish_page, admin_user, desk):  # noqa: F811 - the fixture
    sweep = Sweep(spanish_page, "admin")
    log_in(spanish_page, "root")
    sweep.visit("deleted-records", "/admin/deleted/")
    expect(spanish_page.locator("body")).to_contain_text("Boletín Municipal")
    assert sweep.left == {}, sweep.left

    # The same page in English, by the user's saved choice: the detector sees it.
    from factdb.language import language_set

    language_set(user=admin_user, language="en")
    spanish_page.reload()
    english = english_on_page(spanish_page.evaluate(VISIBLE), data_on_record())
    assert "deleted records" in english and len(english) >= 3, english


def test_the_detector_finds_english_the_word_list_misses():
    # "Change password" is in Django's catalogue, "Give a URL, a file or the text" in ours;
    # neither "give" nor "URL" is on the word list.
    assert english_on_page("Cambiar contraseña · Change password", []) == [
        "change password",
        "Change",
        "password",
    ]
    from tests.e2e.english import catalogue_phrases

    ours = "give a url, a file or the text"
    assert ours in catalogue_phrases()
    assert english_on_page("Give a URL, a file or the text", [])[0] == ours
    # Data taken out first: what is left is judged on its own.
    assert english_on_page("Dijo: Give a URL, a file or the text", ["Give a URL"]) == [
        "text",
        "the",
    ]
    assert english_on_page("hasta 2,400 pipas de agua", ["pipas de agua"]) == []
