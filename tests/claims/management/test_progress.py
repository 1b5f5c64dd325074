"""A long import shows how far it is: the commands print progress lines, the admin's import
page says what the worker is doing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.utils import timezone

from claims.management.progress import ProgressLines
from sources.models import ImportState, SourceImport
from sources.services import source_import_run
from tests import factories

# From the Left Voice seed article (tests/data/seed_quotes.json cites it).
TEXT = (
    "As part of the negotiations, Mexico has agreed to mobilize up to 6,000 National Guard "
    "troops to prevent migrants from entering through the southern border of Mexico or crossing "
    "the country to the U.S.\n\n"
    "Since December, the Mexican government has deported 80,500 migrants—three times as many "
    "people than those deported during Peña Niesto’s government—many of whom are fleeing "
    "various forms of misery and violence which are the direct result of the implementation of "
    "neoliberal plans ordered by Washington, D.C."
)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_lines_come_at_most_once_a_second_and_always_at_the_end():
    out, clock = io.StringIO(), Clock()
    lines = ProgressLines(OutputWrapper(out), clock=clock)  # a command's stderr
    for done in range(1, 101):
        clock.now = done * 0.05  # 20 a second
        lines("sentences", done, 100)
    written = out.getvalue().splitlines()
    assert written[0] == "Finding figures: 1 of 100 sentences read"
    assert written[-1] == "Finding figures: 100 of 100 sentences read"
    assert 5 <= len(written) <= 7  # five seconds of work


def test_extract_claims_reports_its_steps(db):
    source = factories.source(text=TEXT)
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_claims", str(source.pk), stdout=out, stderr=err)
    assert "Finding figures: 2 of 2 sentences read" in err.getvalue()
    assert "Storing proposals: 3 of 3 figures" in err.getvalue()
    assert "Proposed 3 new claims" in out.getvalue()


def test_import_source_says_how_big_the_document_is(db, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(TEXT)
    err = io.StringIO()
    call_command(
        "import_source",
        str(article),
        "--title=The Re-Colonization of Mexico",
        "--publisher=Left Voice",
        "--published=June 2019",
        "--extract",
        stdout=io.StringIO(),
        stderr=err,
    )
    said = err.getvalue()
    assert f"Read {len(TEXT):,} characters; storing the source and proposing claims" in said
    assert "Storing proposals: 3 of 3 figures" in said


def test_the_worker_says_what_it_is_doing_where_the_import_page_reads_it(db, editor):
    job = SourceImport.objects.create(
        payload=TEXT.encode(),
        filename="article.txt",
        content_type="text/plain",
        overrides={"title": "T", "publisher": "Left Voice", "published": "2019-06"},
        requested_by=editor,
    )
    source_import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ImportState.DONE
    assert job.progress.startswith(f"Read {len(TEXT):,} characters")
    # The progress is not a history record of its own.
    assert not any(record.history_type == "~" and not record.state for record in job.history.all())


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        (ImportState.RUNNING, "Read 12,345 characters; storing the source"),
        (ImportState.QUEUED, "Waiting for a worker"),
    ],
)
def test_the_import_page_shows_the_progress(client, editor, state, shown):
    job = SourceImport.objects.create(
        url="https://news.example/long",
        state=state,
        started_at=timezone.now() - datetime.timedelta(seconds=90),
        progress="Read 12,345 characters; storing the source.",
        requested_by=editor,
    )
    client.force_login(editor)
    page = client.get(f"/admin/sources/source/imports/{job.pk}/").content.decode()
    assert shown in page
    if state == ImportState.RUNNING:
        assert "running for 1" in page
