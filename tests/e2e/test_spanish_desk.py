"""The desk in Spanish, in a real browser set to es-MX (issue 20): log in, the dashboard, the
queue, a claim page and a verdict, with no English left on those pages but the data.

The Spanish article below is written for this test (synthetic), about a made-up hospital story.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim, Status
from tests import factories
from tests.e2e.conftest import PASSWORD
from tests.e2e.english import ENGLISH_WORDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "GUADALAJARA — La secretaría estatal de salud presentó su informe anual el lunes.\n\n"
    "Según el informe, hasta 1,200 médicos residentes se sumarán a los hospitales "
    "regionales durante el próximo año, dijo la dependencia.\n\n"
    "El programa costará 35 millones de pesos."
)
QUOTE = "hasta 1,200 médicos residentes se sumarán a los hospitales regionales"
NOTE = "Coincide con la convocatoria publicada por la secretaría."


def visible_text(page) -> str:
    return page.evaluate("document.body.innerText")


def english_left(text: str, data: list[str]) -> list[str]:
    """English words in `text` once the data (quotes, titles, names) are taken out."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    words = re.findall(r"[A-Za-z]+", text)
    return sorted({word for word in words if word.lower() in ENGLISH_WORDS})


@pytest.fixture
def spanish_claim(db):
    source = factories.source(
        publisher=factories.publisher(name="Diario de Ejemplo"),
        title="Llegan médicos residentes a los hospitales regionales",
        authors="Lucía Hernández",
        published_on=datetime.date(2025, 2, 14),
        url="https://noticias.example/medicos",
        language="es-MX",
        text=ARTICLE,
    )
    start = ARTICLE.index(QUOTE)
    measure = factories.measure(label="Médicos residentes en hospitales regionales, 2025")
    claim = factories.claim(
        source=source,
        quote=QUOTE,
        quote_start=start,
        quote_end=start + len(QUOTE),
        value=1200,
        hedge="at_most",
        unit="médicos residentes",
        measure=measure,
    )
    factories.claim(
        source=factories.source(title="Arranca el programa de residencias", language="es-MX"),
        quote="1,150 médicos residentes",
        value=1150,
        hedge="exact",
        unit="médicos residentes",
        measure=measure,
        status=Status.VERIFIED,
    )
    return claim


@pytest.fixture
def spanish_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="es-MX", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def data_of(claim) -> list[str]:
    source = claim.source
    values = [
        claim.quote,
        source.title,
        source.publisher.name,
        source.authors,
        source.url,
        claim.measure.label,
        claim.unit,
        NOTE,
        "eddie",
        "factdb",
    ]
    for other in Claim.objects.select_related("source__publisher"):
        values += [other.quote, other.source.title, other.source.publisher.name, other.unit]
        values += [other.source.url or ""]
    return [value for value in values if value]


def test_an_editor_works_the_desk_in_spanish(spanish_page, shoot, editor, spanish_claim):
    page = spanish_page
    data = data_of(spanish_claim)

    page.goto("/admin/")
    expect(page.locator("#id_username")).to_be_visible()
    assert english_left(visible_text(page), data) == []
    shoot(page, "login-es")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    dashboard = page.locator(".desk-dashboard")
    expect(dashboard).to_contain_text("Cola de revisión")
    expect(dashboard).to_contain_text("Afirmaciones por estado")
    assert english_left(visible_text(page), data) == []
    shoot(page, "dashboard-es")

    dashboard.get_by_role("link", name=re.compile("Por revisar")).click()
    expect(page).to_have_url(re.compile(r"queue=open"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("hasta 1,200 médicos residentes")
    expect(page.locator("#result_list")).to_contain_text("Sin verificar")
    assert english_left(visible_text(page), data) == []
    shoot(page, "queue-es")

    page.locator("#result_list").get_by_role("link", name="hasta 1,200 médicos residentes").click()
    expect(page.locator(".desk-quote mark")).to_have_text(QUOTE)
    expect(page.locator(".desk-citation")).to_contain_text("14 de febrero de 2025")
    expect(page.locator(".desk-siblings")).to_contain_text("1,150 médicos residentes")
    assert english_left(visible_text(page), data) == []
    shoot(page, "claim-es")

    page.fill("#desk-verdict-note", NOTE)
    page.get_by_role("button", name="Verificar", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("ahora Verificada")
    expect(page.locator(".desk-figure .desk-status")).to_have_text("Verificada")
    expect(page.locator("#notes-0")).to_contain_text(NOTE)
    assert english_left(visible_text(page), data) == []
    shoot(page, "verdict-es")
    assert Claim.objects.get(pk=spanish_claim.pk).status == Status.VERIFIED


def test_the_english_word_check_can_fail():
    assert english_left("Estado: Verified", []) == ["Verified"]
    assert english_left("hasta 1,200 médicos", ["médicos"]) == []


def test_a_saved_language_wins_over_the_browser(spanish_page, shoot, editor):
    from factdb.language import language_set

    language_set(user=editor, language="en")
    page = spanish_page
    page.goto("/admin/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator(".desk-dashboard")).to_contain_text("Review queue")
    page.get_by_role("link", name="Language").click()
    page.select_option("#id_language", "es")
    page.get_by_role("button", name="Save").or_(page.locator("input[type=submit]")).first.click()
    expect(page.locator(".desk-dashboard")).to_contain_text("Cola de revisión")
    expect(page.locator(".messagelist")).to_contain_text("Se guardó tu idioma")
    shoot(page, "language-saved")
    assert editor.language_preference.history.count() == 2
