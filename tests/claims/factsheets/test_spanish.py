"""Fact sheets in Spanish (issue 20): ?lang=es writes headings, figures, verdicts and dates as a
Mexican reader expects; English renders, published versions above all, stay byte-for-byte."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from claims.factsheets.context import build_context
from claims.factsheets.render_cache import render_key
from claims.factsheets.renderers import FORMATS, render
from claims.factsheets.services import sheet_publish

from .conftest import pdf_text

SPANISH_FIGURES = [
    "hasta 6,000 National Guard troops",
    "80,500 migrants",
    "1,500 active duty troops",
    "más de 800 dólares al año",
]


def export_url(sheet, fmt):
    return reverse("factsheet-export", kwargs={"slug": sheet.slug, "fmt": fmt})


@pytest.fixture
def jo_client(client, journalist):
    client.force_login(journalist)
    return client


def test_a_sheet_exported_in_spanish_as_html(jo_client, seed_sheet):
    response = jo_client.get(export_url(seed_sheet, "html"), {"lang": "es"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    for heading in ["Hoja de datos", "<h2>Fuentes</h2>", "Nota de verificación", "4 cifras"]:
        assert heading in html
    for figure in SPANISH_FIGURES:
        assert figure in html
    for verdict in ["Verificada", "Falsa", "Engañosa", "Aún sin verificar"]:
        assert verdict in html
    assert "7 de junio de 2019" in html  # the articles' day
    assert "junio de 2019" in html  # the report is dated by month
    assert html.count("June") == html.count("Border deployments, June 2019")  # the title only
    # What people wrote stays as written: quotes, notes, titles.
    assert "80,500 migrants had been deported since December" in html
    assert "Matches the SRE statement." in html
    assert "Border deployments, June 2019" in html
    assert "Sources</h2>" not in html and "Verification note" not in html


def test_a_sheet_exported_in_spanish_as_pdf(jo_client, seed_sheet):
    response = jo_client.get(export_url(seed_sheet, "pdf"), {"lang": "es"})
    assert response.status_code == 200
    text = pdf_text(response.content)
    for expected in ["HOJA DE DATOS", "Fuentes", "Nota de verificación", *SPANISH_FIGURES]:
        assert expected in text  # the kicker is in capitals by its stylesheet
    assert "7 de junio de 2019" in text and "VERIFICADA" in text  # badges in capitals too
    assert "Página 1 de 2" in text and "Page" not in text


def test_spain_writes_thousands_with_a_point(jo_client, seed_sheet):
    html = jo_client.get(export_url(seed_sheet, "html"), {"lang": "es-ES"}).content.decode()
    assert "hasta 6.000 National Guard troops" in html
    assert "80.500 migrants" in html


def test_markdown_and_csv_follow_the_language(seed_sheet):
    context = build_context(seed_sheet)
    markdown = render(context, "md", "es").decode()
    assert "## Fuentes" in markdown and "- **Estado:** **Verificada**" in markdown
    assert "**Nota de verificación**" in markdown
    csv = render(context, "csv", "es").decode("utf-8-sig")
    assert csv.startswith("position,figure,status")  # column names are for programs
    assert "más de 800 dólares al año" in csv and "Engañosa" in csv


def test_an_editor_in_spanish_still_builds_an_english_context(seed_sheet):
    with translation.override("es"):
        context = build_context(seed_sheet)
        spanish_figure = seed_sheet.items.first().claim.figure
    assert context["items"][0]["figure"] == "up to 6,000 National Guard troops"
    assert context["items"][0]["status_label"] == "Verified"
    assert spanish_figure == "hasta 6,000 National Guard troops"


def test_a_published_version_stays_byte_for_byte_in_english_and_renders_in_spanish(
    jo_client, seed_sheet, editor, settings, tmp_path
):
    settings.FACTDB_RENDER_CACHE = str(tmp_path / "renders")
    version = sheet_publish(sheet=seed_sheet, user=editor)
    english = render(version.context, "html")
    url = export_url(seed_sheet, "html")
    # The permalink is the same bytes whatever the browser's language.
    assert jo_client.get(url, {"version": 1}, HTTP_ACCEPT_LANGUAGE="es").content == english
    spanish = jo_client.get(url, {"version": 1, "lang": "es"}).content
    assert spanish != english and "Fuentes" in spanish.decode()
    assert jo_client.get(url, {"version": 1, "lang": "es"}).content == spanish
    kept = sorted(Path(settings.FACTDB_RENDER_CACHE).glob("*.html"))
    assert len(kept) == 2  # one render per language
    assert render_key(version.context, "html") != render_key(version.context, "html", "es")
    assert render_key(version.context, "html", "es") == render_key(version.context, "html", "es-MX")


def test_every_format_renders_in_spanish(seed_sheet):
    context = build_context(seed_sheet)
    for fmt in FORMATS:
        assert render(context, fmt, "es")


def test_the_export_command_writes_spanish(seed_sheet, tmp_path):
    out = tmp_path / "sheet.html"
    call_command(
        "export_factsheet", seed_sheet.slug, "--format", "html", "-o", str(out), "--lang", "es"
    )
    html = out.read_text()
    assert "hasta 6,000 National Guard troops" in html and "Fuentes" in html


def adhoc_url(fmt):
    return reverse("factsheet-adhoc", kwargs={"fmt": fmt})


def test_thousands_in_words_on_a_sheet_in_every_text_format(jo_client, seed_sheet):
    for fmt in ["html", "md"]:
        response = jo_client.get(export_url(seed_sheet, fmt), {"lang": "es", "thousands": "mil"})
        assert response.status_code == 200, response.content
        body = response.content.decode()
        assert "hasta 6 mil National Guard troops" in body
        assert "80,500 migrants" in body  # not round: digits, as Mexican papers write it
        assert "1,500 active duty troops" in body


def test_thousands_in_words_in_the_pdf(jo_client, seed_sheet):
    response = jo_client.get(export_url(seed_sheet, "pdf"), {"lang": "es-MX", "thousands": "mil"})
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "hasta 6 mil National Guard troops" in text
    assert "80,500 migrants" in text


def test_thousands_in_words_on_an_ad_hoc_list(jo_client, seed_sheet):
    response = jo_client.get(adhoc_url("html"), {"lang": "es", "thousands": "mil"})
    assert response.status_code == 200
    assert "hasta 6 mil National Guard troops" in response.content.decode()


def test_the_setting_turns_mil_on_and_the_parameter_back_off(jo_client, seed_sheet, settings):
    settings.FACTDB_SPANISH_THOUSANDS = "mil"
    html = jo_client.get(export_url(seed_sheet, "html"), {"lang": "es"}).content.decode()
    assert "hasta 6 mil National Guard troops" in html
    digits = jo_client.get(export_url(seed_sheet, "html"), {"lang": "es", "thousands": "digits"})
    assert "hasta 6,000 National Guard troops" in digits.content.decode()
    english = jo_client.get(export_url(seed_sheet, "html")).content.decode()
    assert "up to 6,000 National Guard troops" in english


def test_spain_keeps_its_point_when_mil_is_asked(jo_client, seed_sheet):
    response = jo_client.get(export_url(seed_sheet, "html"), {"lang": "es-ES", "thousands": "mil"})
    assert "hasta 6.000 National Guard troops" in response.content.decode()


def test_an_unknown_thousands_is_a_400_naming_it(jo_client, seed_sheet):
    response = jo_client.get(export_url(seed_sheet, "html"), {"lang": "es", "thousands": "k"})
    assert response.status_code == 400
    assert "thousands" in response.json()
    response = jo_client.get(adhoc_url("html"), {"lang": "es", "thousands": "k"})
    assert response.status_code == 400


def test_mil_and_digits_are_cached_apart(seed_sheet):
    context = build_context(seed_sheet)
    assert render_key(context, "html", "es-MX-x-mil") != render_key(context, "html", "es-MX")
