"""POST /api/v1/sources/import/ answers 202 with a status URL; the import runs as a task; the
status URL reports queued, running, done or failed. One test goes through the real database
backend and a real `db_worker` process, as `make run` runs it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from claims.models import Claim
from sources.models import Source, SourceImport
from tests.sources import pages

IMPORT = "/api/v1/sources/import/"
ROOT = Path(__file__).resolve().parents[3]


def status_of(api, response):
    assert response.status_code == 202, response.content
    status_url = response.json()["status_url"]
    assert response["Location"] == status_url
    return api.get(status_url).json()


@pytest.mark.usefixtures("immediate_tasks", "allow_loopback")
def test_an_editor_imports_a_page_and_its_status_says_done_with_the_claims(editor_api, site):
    url = site.add("/story", pages.news_page())
    status = status_of(editor_api, editor_api.post(IMPORT, {"url": url}, format="json"))

    assert status["state"] == "done", status
    assert status["error"] == "" and status["claims_proposed"] == 4
    source = Source.objects.get(pk=status["source"])
    assert source.title == "Mexico sends up to 6,000 troops south"
    assert source.claims.count() == 4
    assert {c.created_by.username for c in source.claims.all()} == {"eddie"}
    assert source.history.latest().history_user.username == "eddie"


@pytest.mark.usefixtures("immediate_tasks")
def test_a_pdf_upload_with_its_publisher_becomes_a_source_with_proposals(editor_api):
    upload = SimpleUploadedFile("report.pdf", pages.report_pdf(), "application/pdf")
    response = editor_api.post(
        IMPORT, {"file": upload, "publisher": "Commission on Migration"}, format="multipart"
    )
    status = status_of(editor_api, response)
    assert status["state"] == "done", status
    source = Source.objects.get(pk=status["source"])
    assert (source.kind, source.publisher.name) == ("report", "Commission on Migration")
    assert status["claims_proposed"] == 5 and source.url is None


@pytest.mark.usefixtures("immediate_tasks")
def test_pasted_text_needs_and_takes_its_metadata(editor_api):
    body = {"text": "Officials said up to 6,000 troops were sent.", "extract": False}
    status = status_of(editor_api, editor_api.post(IMPORT, body, format="json"))
    assert status["state"] == "failed"
    assert status["error"] == (
        "title: the document does not say its title; give it (--title on the command line, "
        "'title' in the API or the admin form)"
    )
    body.update(title="Statement", publisher="Ministry", published="2019-06-07", language="en")
    status = status_of(editor_api, editor_api.post(IMPORT, body, format="json"))
    assert status["state"] == "done" and status["claims_proposed"] == 0
    assert Source.objects.get(pk=status["source"]).text == body["text"]


@pytest.mark.parametrize(
    "body, field, message",
    [
        ({}, "url", "Required"),
        ({"url": "https://example.org/a", "text": "6,000 troops"}, "url", "exactly one"),
        ({"url": "ftp://example.org/a"}, "url", "only http and https"),
        ({"url": "https://example.org/a", "published": "Juno 2019"}, "published", "YYYY"),
        ({"url": "https://example.org/a", "language": "english"}, "language", "BCP-47"),
        ({"url": "https://example.org/a", "kind": "novel"}, "kind", "novel"),
        ({"url": "https://example.org/a", "extract": "perhaps"}, "extract", "boolean"),
        ({"text": "   "}, "text", "blank|empty"),
    ],
)
def test_bad_requests_get_a_400_naming_the_field_and_store_nothing(
    editor_api, body, field, message
):
    response = editor_api.post(IMPORT, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert SourceImport.objects.count() == 0 and Source.objects.count() == 0
    assert re.search(message, str(response.json()[field])), response.json()


def test_an_empty_upload_is_a_400(editor_api):
    upload = SimpleUploadedFile("empty.txt", b"", "text/plain")
    response = editor_api.post(IMPORT, {"file": upload}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()
    assert SourceImport.objects.count() == 0


@pytest.mark.usefixtures("immediate_tasks")
def test_a_loopback_url_is_accepted_then_fails_with_the_reason_and_no_source(editor_api, site):
    url = site.add("/story", pages.news_page())
    status = status_of(editor_api, editor_api.post(IMPORT, {"url": url}, format="json"))
    assert status["state"] == "failed" and status["source"] is None
    assert "127.0.0.1 is a loopback address; factdb fetches only public" in status["error"]
    assert Source.objects.count() == 0 and Claim.objects.count() == 0 and site.hits == []


def worker_environment() -> dict:
    """The worker process reads the test database this test writes to."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "FACTDB_FETCH_ALLOW_PRIVATE": "127.0.0.1/32",
        "FACTDB_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_loopback")
def test_through_the_database_backend_and_a_real_worker(editor_api, site, settings):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    url = site.add("/story", pages.news_page())
    response = editor_api.post(IMPORT, {"url": url, "extract": True}, format="json")
    assert status_of(editor_api, response)["state"] == "queued"
    assert Source.objects.count() == 0  # nothing happens inside the request

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=worker_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert worker.returncode == 0, worker.stderr[-2000:]

    status = editor_api.get(response.json()["status_url"]).json()
    assert status["state"] == "done", (status, worker.stderr[-2000:])
    assert status["claims_proposed"] == 4
    assert Source.objects.get(pk=status["source"]).claims.count() == 4
    assert site.hits == ["/story"]
