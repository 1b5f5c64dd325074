"""What kind of document bytes are, judged by the bytes themselves; and the PDF's pages."""

import pytest

from sources.intake import IntakeError, read_document
from sources.intake.document import sniff
from tests.sources import pages


@pytest.mark.parametrize(
    "body, declared, kind",
    [
        (b"%PDF-1.7\n...", "application/octet-stream", "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "", "html"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "text/xml", "feed"),
        (b"Up to 6,000 troops.", "text/plain", "text"),
        (b"Up to 6,000 troops.", "", "text"),
    ],
)
def test_the_bytes_say_what_they_are(body, declared, kind):
    assert sniff(body, declared) == kind


def test_a_file_said_to_be_a_pdf_must_be_one():
    with pytest.raises(IntakeError, match="said to be a PDF but is not one"):
        read_document(b"hello", content_type="application/pdf")


def test_a_feed_given_as_an_article_points_to_poll_feeds():
    feed = pages.rss_feed([("https://example.org/a", "A", "Fri, 07 Jun 2019 10:00:00 GMT")])
    with pytest.raises(IntakeError, match="poll_feeds"):
        read_document(feed.encode())


def test_an_unknown_type_is_refused():
    with pytest.raises(IntakeError, match="image/png is not a kind of document"):
        read_document(b"\x89PNG...", content_type="image/png")


def test_a_pdf_knows_where_each_page_begins_and_keeps_body_lines_that_recur():
    # Pages 1 and 3 open with the same sentence: on two pages of four it is no running header.
    document = read_document(pages.report_pdf(pages.REPORT_PAGES * 2))
    assert len(document.page_starts) == 4
    for number, start in enumerate(document.page_starts):
        first = pages.REPORT_PAGES[number % 2][0]
        assert document.text[start:].startswith(first)
    assert pages.REPORT_HEADER not in document.text and "Page 3 of 4" not in document.text
