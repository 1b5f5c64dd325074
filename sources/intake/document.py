"""Bytes -> a Document: what kind of file it is (by its own first bytes, not by what a server or
a browser claims), its text and whatever metadata it carries.

    >>> read_document(b"Up to 6,000 troops were sent.", content_type="text/plain").text
    'Up to 6,000 troops were sent.'
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sources.intake.errors import IntakeError
from sources.intake.feeds import looks_like_feed
from sources.intake.metadata import detect_language
from sources.intake.text import read_text

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml"}


@dataclass
class Document:
    text: str
    sha256: str
    format: str  # html | pdf | text
    title: str = ""
    authors: list = field(default_factory=list)
    published: tuple[datetime.date, str] | None = None
    publisher: str = ""
    language: str = ""
    kind: str = "article"
    page_starts: list = field(default_factory=list)
    url: str = ""
    final_url: str = ""


def read_document(
    body: bytes,
    *,
    content_type: str = "",
    charset: str | None = None,
    url: str = "",
    final_url: str = "",
    field_name: str = "file",
) -> Document:
    """Read any document intake knows, or raise IntakeError naming the problem."""
    if not body or not body.strip():
        raise IntakeError(_("the file is empty (no bytes, or only whitespace)"), field=field_name)
    sha256 = hashlib.sha256(body).hexdigest()
    kind = sniff(body, content_type)
    if kind == "pdf":
        from sources.intake.pdf import read_pdf

        found = read_pdf(body)
    elif kind == "html":
        from sources.intake.html import read_html

        found = read_html(body, charset=charset, url=final_url or url)
    elif kind == "feed":
        raise IntakeError(
            _(
                "this is an RSS/Atom feed, not an article: set it as the publisher's feed URL "
                "and run `manage.py poll_feeds`"
            ),
            field=field_name,
        )
    else:
        found = {"text": read_text(body, charset, field=field_name)}
    if not found["text"].strip():
        raise IntakeError(_("no text found in the document"), field=field_name)
    document = Document(sha256=sha256, format=kind, url=url, final_url=final_url or url, **found)
    if not document.language:
        document.language = detect_language(document.text)
    return document


def sniff(body: bytes, content_type: str = "") -> str:
    """'pdf' | 'html' | 'feed' | 'text', from the bytes first and the declared type second."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if body.startswith(b"%PDF-") or body[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if content_type == "application/pdf":
        raise IntakeError(_("this is said to be a PDF but is not one"), field="file")
    if looks_like_feed(body) or content_type in _FEED_TYPES:
        return "feed"
    if (
        head.startswith((b"<!doctype html", b"<html"))
        or content_type in _HTML_TYPES
        or (head.startswith(b"<") and b"<body" in body[:65536].lower())
    ):
        return "html"
    if content_type not in ("", "text/plain", "application/octet-stream", "text/markdown"):
        raise IntakeError(
            _("%(type)s is not a kind of document factdb reads") % {"type": content_type},
            field="file",
        )
    return "text"
