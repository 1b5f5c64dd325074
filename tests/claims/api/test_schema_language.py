"""The OpenAPI schema is served in the reader's language (issue 20): its summaries and field
descriptions are marked for translation, and drf-spectacular writes them in the active one."""

import pytest

SCHEMA = "/api/schema/"


@pytest.mark.django_db
def test_the_schema_speaks_spanish_to_a_spanish_client(client):
    spanish = client.get(SCHEMA, {"format": "json"}, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert spanish.status_code == 200
    text = spanish.content.decode()
    assert "Listar afirmaciones (filtros, orden, páginas con cursor; ?format=csv)" in text
    assert "Como la lee una persona: 'hasta 6,000 elementos de la Guardia Nacional'." in text
    assert "Hasta dónde llegó una importación" in text
    assert spanish["Content-Language"] == "es"

    english = client.get(SCHEMA, {"format": "json"}).content.decode()
    assert "List claims (filters, ordering, cursor pages; ?format=csv)" in english
    assert "Listar afirmaciones" not in english
