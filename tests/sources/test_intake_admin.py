"""The admin's "Add source from a URL or a file": the form, the progress page, the text as read
and the proposals, each linking to its claim page on the desk."""

import pytest

from claims.models import Claim
from sources.models import Source, SourceImport
from tests.sources import pages

ADD_FROM = "/admin/sources/source/add-from/"


def test_the_source_list_offers_the_import(client, editor):
    client.force_login(editor)
    page = client.get("/admin/sources/source/").content.decode()
    assert f'href="{ADD_FROM}"' in page and "Add source from a URL or a file" in page


@pytest.mark.usefixtures("immediate_tasks", "allow_loopback")
def test_an_editor_adds_a_page_by_url_and_sees_its_text_and_proposals(client, editor, site):
    client.force_login(editor)
    assert client.get(ADD_FROM).status_code == 200
    url = site.add("/story", pages.news_page())

    response = client.post(ADD_FROM, {"url": url, "extract": "on"})

    job = SourceImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/sources/source/imports/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Mexico sends up to 6,000 troops south" in page
    assert "<p>The deployment will begin on Monday" in page
    assert "4 claims proposed" in page
    for claim in Claim.objects.all():
        assert f'href="/admin/claims/claim/{claim.pk}/change/"' in page
    assert "<mark>Mexico will deploy up to 6,000 National Guard troops" in page
    assert 'http-equiv="refresh"' not in page


def test_a_queued_import_shows_its_progress_and_refreshes(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD_FROM,
        {"text": "Up to 6,000 troops.", "title": "T", "publisher": "P", "published": "2019"},
    )
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page and 'class="current">Queued' in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Give a URL, a file or the text."),
        ({"url": "https://example.org/a", "text": "x"}, "Give only one of URL, file or text."),
        ({"url": "ftp://example.org/a"}, "only http and https URLs can be fetched"),
        ({"text": "6,000 troops", "published": "Juno 2019"}, "not a date in the form"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_stored(client, editor, data, message):
    client.force_login(editor)
    response = client.post(ADD_FROM, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SourceImport.objects.count() == 0 and Source.objects.count() == 0


@pytest.mark.usefixtures("immediate_tasks")
def test_a_failed_import_says_why(client, editor):
    client.force_login(editor)
    response = client.post(ADD_FROM, {"text": "Up to 6,000 troops were sent."})
    page = client.get(response["Location"]).content.decode()
    assert "the document does not say its title" in page and "Nothing was stored" in page


def test_journalists_cannot_import(client, journalist):
    client.force_login(journalist)
    assert client.get(ADD_FROM).status_code == 403
    assert client.post(ADD_FROM, {"url": "https://example.org/"}).status_code == 403
