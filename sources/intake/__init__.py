"""Intake: from a URL, an uploaded file or pasted text to a `Document` (text + metadata).

Pure where it can be: `fetch` talks to the network (and only to public addresses unless the
operator allows more), `read_document` turns bytes into a Document without touching the database.
sources/services.py stores what these return.
"""

from sources.intake.document import Document, read_document
from sources.intake.errors import IntakeError
from sources.intake.feeds import Feed, FeedItem, read_feed
from sources.intake.fetch import Fetched, fetch

__all__ = [
    "Document",
    "Feed",
    "FeedItem",
    "Fetched",
    "IntakeError",
    "fetch",
    "read_document",
    "read_feed",
]
