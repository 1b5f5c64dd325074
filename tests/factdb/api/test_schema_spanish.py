"""The whole OpenAPI schema reads in Spanish for a Spanish client (issue 20): every summary,
title and description is either translated or, like "BCP-47", the catalogue's own Spanish.

A text found in the same words in the English schema is English left over, unless the catalogue
translates it as itself; a text that is a msgid the catalogue translates otherwise was written
before the language was chosen (a gettext at import time instead of gettext_lazy)."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from factdb.catalogues import parse

TEXT_KEYS = {"summary", "title", "description"}
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def texts(node, path=""):
    """(where, text) for each summary, title and description in the schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield f"{path}/{key}", value
            else:
                yield from texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{path}[{index}]")


CHOICE = re.compile(r"^\* `([^`]*)` - (.*)$", re.M)


def prose(text: str) -> str:
    """The text without the list of choices drf-spectacular appends ("* `value` - Value")."""
    return "" if text.startswith("* `") else text.split("\n\n* `")[0].strip()


def choice_labels(text: str) -> dict[str, str]:
    """{token: label} of that list, leaving out labels that are the token itself ("* `agree` -
    agree"): those are the API's own words, the same in every language."""
    return {token: label for token, label in CHOICE.findall(text) if label != token}


def schema(client, **headers) -> dict[str, str]:
    response = client.get("/api/schema/", {"format": "json"}, **headers)
    assert response.status_code == 200
    return dict(texts(json.loads(response.content)))


@pytest.mark.django_db
def test_no_english_summary_or_description_is_left_in_the_spanish_schema(client):
    english = schema(client)
    spanish = schema(client, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    catalogue = {entry.msgid: entry.msgstr.get("") for entry in parse(CATALOGUE.read_text())}
    left_in_english = []
    for where, text in spanish.items():
        text = prose(text)
        if not text:
            continue
        translated = catalogue.get(text)
        untranslated_msgid = translated is not None and translated != text
        same_as_english = text == prose(english.get(where, "")) and translated != text
        if untranslated_msgid or same_as_english:
            left_in_english.append(f"{where}: {text[:80]}")
    assert left_in_english == []


@pytest.mark.django_db
def test_the_labels_of_choices_are_in_spanish_too(client):
    english = schema(client)
    spanish = schema(client, HTTP_ACCEPT_LANGUAGE="es")
    catalogue = {entry.msgid: entry.msgstr.get("") for entry in parse(CATALOGUE.read_text())}
    left_in_english = set()
    for where, text in spanish.items():
        before = choice_labels(english.get(where, ""))
        for token, label in choice_labels(text).items():
            if label == before.get(token) and catalogue.get(label) != label:
                left_in_english.add(label)
    assert sorted(left_in_english) == []
    document = json.loads(
        client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="es").content
    )
    (ordering,) = [
        parameter["description"]
        for parameter in document["paths"]["/api/v1/claims/"]["get"]["parameters"]
        if parameter["name"] == "ordering"
    ]
    assert "* `-value` - Cifra (descendente)" in ordering


@pytest.mark.django_db
def test_the_error_answers_title_and_token_scheme_are_in_spanish(client):
    spanish = json.loads(
        client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="es").content
    )
    assert spanish["info"]["title"] == "API de factdb"
    answers = spanish["paths"]["/api/v1/claims/"]["get"]["responses"]
    assert answers["404"]["description"] == "No existe ese objeto, o este usuario no puede verlo."
    token = spanish["components"]["securitySchemes"]["tokenAuth"]["description"]
    assert token.startswith("Autenticación con token")
    english = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    assert english["info"]["title"] == "factdb API"
    assert english["paths"]["/api/v1/claims/"]["get"]["responses"]["404"]["description"] == (
        "No such object, or not one this user may see."
    )


@pytest.mark.django_db
def test_docstrings_stay_out_of_the_schema(client):
    english = schema(client)
    assert not any("mixin" in text for text in english.values())
    assert "Where the claim was made, enough to cite it without another request." in set(
        english.values()
    )
