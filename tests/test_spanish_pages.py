"""Issue 20, pages the Spanish sweep (tests/e2e/test_spanish_sweep.py) found in English, checked
without a browser: each fix at its source, in Spanish and still in English."""

import datetime

import pytest
from django.test import Client
from django.utils import translation

from claims.api.filters import ClaimFilter
from claims.factsheets.services import sheet_add_claims, sheet_create, sheet_publish
from claims.warnings import claim_warnings
from sources.services import OUTCOMES, outcome_display
from tests import factories

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX"}


@pytest.mark.parametrize(
    ("stored", "spanish"),
    [
        (OUTCOMES["new"] % {"pk": 3}, "Fuente nueva, número 3."),
        (OUTCOMES["unchanged"] % {"pk": 4}, "Fuente 4: se descargó de nuevo; el texto no cambió."),
        (OUTCOMES["changed"] % {"pk": 5, "note": "2 figures moved"}, "Fuente 5: 2 figures moved"),
        ("Something else entirely.", "Something else entirely."),
    ],
)
def test_an_imports_stored_outcome_reads_in_the_pages_language(stored, spanish):
    assert outcome_display(stored) == stored
    with translation.override("es"):
        assert outcome_display(stored) == spanish


def test_the_search_pages_ordering_choices_follow_the_active_language():
    def labels():
        return dict(ClaimFilter().filters["ordering"].field.choices)

    assert labels()["claim_date"] == "Claim date"
    with translation.override("es"):
        assert labels()["claim_date"] == "Fecha de la afirmación"
        assert labels()["-created_at"] == "Fecha de captura (descendente)"


@pytest.mark.django_db
def test_a_claim_dates_warning_writes_the_date_as_the_reader_does():
    source = factories.source(published_on=datetime.date(2025, 6, 3))
    with translation.override("es"):
        [warning] = claim_warnings(quote="", source=source, claim_date=datetime.date(2025, 5, 1))
    assert "1 de mayo de 2025" in warning.message
    assert "2025-05-01" not in warning.message


@pytest.mark.django_db
def test_the_history_pages_speak_spanish(editor, claim):
    client = Client()
    client.force_login(editor)
    page = client.get(f"/admin/sources/source/{claim.source_id}/history/", **SPANISH)
    text = page.content.decode()
    assert "Ver historial:" in text or "Historial de cambios:" in text
    assert "Elige una fecha de la lista" in text or "Fecha y hora" in text
    assert "View history" not in text and "Change history" not in text
    assert "Creación" in text


@pytest.mark.django_db
def test_forbidden_and_missing_pages_are_in_the_readers_language(journalist):
    client = Client()
    client.force_login(journalist)
    forbidden = client.get("/admin/sources/source/add-from/", **SPANISH)
    assert forbidden.status_code == 403
    assert "No tienes permiso para abrir esta página" in forbidden.content.decode()
    missing = client.get("/sheets/no-such-sheet/", **SPANISH)
    assert missing.status_code == 404
    assert "No hay nada en esta dirección" in missing.content.decode()
    english = client.get("/sheets/no-such-sheet/", HTTP_ACCEPT_LANGUAGE="en")
    assert "There is nothing at this address" in english.content.decode()


@pytest.mark.django_db
def test_a_published_sheets_page_reads_in_the_readers_language_with_its_chart(editor):
    measure = factories.measure(label="Pipas de agua")
    for value in (2400, 2500):
        factories.claim(measure=measure, value=value, quote=f"{value:,} pipas", unit="pipas")
    sheet = sheet_create(title="Agua", user=editor)
    sheet_add_claims(sheet=sheet, claims=measure.claims.all())
    sheet_publish(sheet=sheet, user=editor)
    client = Client()
    client.force_login(editor)
    spanish = client.get(f"/sheets/{sheet.slug}/", **SPANISH).content.decode()
    assert "Sin verificar" in spanish and "Unverified" not in spanish
    assert "nada con qué comparar" in spanish or "concuerda" in spanish
    english = client.get(f"/sheets/{sheet.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Unverified" in english
