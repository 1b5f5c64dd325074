"""Reading HTML without a database: metadata precedence, entities, the page's own title."""

import datetime

from sources.intake import read_document
from tests.sources import pages


def read(markup: str):
    return read_document(markup.encode(), content_type="text/html", url="https://example.org/a")


def test_json_ld_wins_over_meta_tags_and_the_title_element():
    document = read(pages.news_page(title="From JSON-LD"))
    assert document.title == "From JSON-LD"
    assert document.authors == ["Ana Ruiz", "John Smith"]
    assert document.published == (datetime.date(2019, 6, 7), "day")


def test_without_json_ld_the_meta_tags_speak():
    document = read(pages.news_page(title="Meta title", json_ld=False))
    assert document.title == "Meta title"
    assert document.publisher == "The Border Times"
    assert document.published == (datetime.date(2019, 6, 7), "day")
    assert document.language == "en-US"


def test_the_title_element_loses_its_site_name():
    markup = (
        '<html><head><title>Troops head south | The Border Times</title><meta property="og:'
        'site_name" content="The Border Times"></head><body><article><p>Up to 6,000 troops '
        "were sent to the border on Friday, officials said in a statement to reporters.</p>"
        "</article></body></html>"
    )
    assert read(markup).title == "Troops head south"


def test_a_month_in_the_metadata_keeps_month_precision():
    markup = pages.spanish_page().replace('content="2021-03-15"', 'content="2021-03"')
    assert read(markup).published == (datetime.date(2021, 3, 1), "month")


def test_no_break_spaces_and_entities_are_read_as_text():
    document = read(pages.news_page())
    assert "$3.1 billion of goods" in document.text
    assert "&nbsp;" not in document.text and "\xa0" not in document.text


def test_without_any_language_markup_the_text_decides():
    markup = pages.spanish_page().replace('lang="es-MX"', "")
    assert read(markup).language == "es"
