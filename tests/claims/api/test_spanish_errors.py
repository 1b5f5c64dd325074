"""The API answers errors in the language the client asks for (Accept-Language), issue 20."""

from tests import factories

CLAIMS = "/api/v1/claims/"
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}


def test_an_unknown_parameter_is_a_spanish_400_for_a_spanish_client(journalist_api):
    response = journalist_api.get(CLAIMS, {"value_minimum": 5000}, **SPANISH)
    assert response.status_code == 400
    message = response.json()["value_minimum"][0]
    assert message.startswith("Parámetro de consulta desconocido. ¿Quisiste decir 'value_min'?")
    assert "Este endpoint lee:" in message
    assert response["Content-Language"] == "es"


def test_the_same_request_without_the_header_is_answered_in_english(journalist_api):
    response = journalist_api.get(CLAIMS, {"value_minimum": 5000})
    assert response.status_code == 400
    assert response.json()["value_minimum"][0].startswith(
        "Unknown query parameter. Did you mean 'value_min'?"
    )


def test_a_reversed_range_and_an_unreadable_number_are_explained_in_spanish(journalist_api):
    reversed_range = journalist_api.get(CLAIMS, {"value_min": 3000, "value_max": 1000}, **SPANISH)
    assert reversed_range.status_code == 400
    assert reversed_range.json()["value_max"] == ["value_max (1000) es menor que value_min (3000)."]
    unreadable = journalist_api.get(CLAIMS, {"value_min": "lots"}, **SPANISH)
    assert unreadable.status_code == 400
    assert "número" in unreadable.json()["value_min"][0]  # Django's own Spanish


def test_a_write_without_if_match_is_a_spanish_428(editor_api):
    claim = factories.claim()
    response = editor_api.patch(
        f"{CLAIMS}{claim.pk}/", {"summary": "otra"}, format="json", **SPANISH
    )
    assert response.status_code == 428
    assert response.json()["detail"].startswith("Esta escritura necesita un encabezado If-Match")


def test_an_unknown_fact_sheet_language_is_a_400_naming_lang(journalist_api):
    response = journalist_api.get("/api/v1/claims/factsheet/html/", {"lang": "fr"}, **SPANISH)
    assert response.status_code == 400
    assert response.json()["lang"] == [
        "Idioma desconocido: 'fr'; usa uno de estos: en, es, es-MX, es-ES."
    ]
