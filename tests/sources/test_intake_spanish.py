"""Intake's errors reach a Spanish-speaking editor in Spanish (issue 20): the API's 400s follow
Accept-Language; a background import stores its error in the language of the person who asked
(their saved preference), and the admin's import form and page show them so."""

import pytest

from factdb.language import language_set
from sources.models import SourceImport
from tests.sources import pages

IMPORT = "/api/v1/sources/import/"
ADD_FROM = "/admin/sources/source/add-from/"
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}


def test_a_url_that_cannot_be_fetched_is_a_spanish_400_for_a_spanish_client(editor_api):
    response = editor_api.post(IMPORT, {"url": "ftp://example.org/a"}, format="json", **SPANISH)
    assert response.status_code == 400
    assert response.json()["url"] == [
        "'ftp://example.org/a': solo se pueden descargar URL http y https"
    ]
    english = editor_api.post(IMPORT, {"url": "ftp://example.org/a"}, format="json")
    assert english.json()["url"] == [
        "'ftp://example.org/a': only http and https URLs can be fetched"
    ]
    assert SourceImport.objects.count() == 0


@pytest.mark.usefixtures("immediate_tasks", "allow_loopback")
def test_a_background_import_that_meets_a_404_stores_why_in_the_askers_language(
    editor_api, editor, site
):
    language_set(user=editor, language="es")
    missing = site.url("/gone")
    response = editor_api.post(IMPORT, {"url": missing}, format="json")
    assert response.status_code == 202, response.content
    status = editor_api.get(response.json()["status_url"]).json()
    assert status["state"] == "failed"
    assert status["error"] == f"url: {missing}: el servidor respondió 404 Not Found"
    assert site.hits == ["/gone"]


@pytest.mark.usefixtures("immediate_tasks", "allow_loopback")
def test_the_admin_import_form_and_page_speak_spanish(client, editor, site):
    language_set(user=editor, language="es")
    client.force_login(editor)
    refused = client.post(ADD_FROM, {"url": "ftp://example.org/a"})
    assert refused.status_code == 200
    assert "solo se pueden descargar URL http y https" in refused.content.decode()

    site.add("/story", pages.news_page())
    missing = site.url("/gone")
    response = client.post(ADD_FROM, {"url": missing})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "el servidor respondió 404 Not Found" in page
