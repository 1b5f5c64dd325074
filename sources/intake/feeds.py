"""RSS and Atom feeds (feedparser) -> the items a publisher has put out."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sources.intake.errors import IntakeError
from sources.intake.metadata import author_names, date_with_precision, one_line


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str = ""
    published: tuple | None = None
    authors: list = field(default_factory=list)
    guid: str = ""


@dataclass(frozen=True)
class Feed:
    title: str
    items: list


def looks_like_feed(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def read_feed(body: bytes) -> Feed:
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        raise IntakeError(_("this is not an RSS or Atom feed factdb can read"), field="feed_url")
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            continue  # An item without a page to fetch has nothing to import.
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            day = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
            published = date_with_precision(day)
        authors = author_names([a.get("name") for a in entry.get("authors", []) if a.get("name")])
        items.append(
            FeedItem(
                link=link,
                title=one_line(entry.get("title", "")),
                published=published,
                authors=authors or author_names(entry.get("author")),
                guid=(entry.get("id") or link)[:500],
            )
        )
    return Feed(title=one_line(parsed.feed.get("title", "")), items=items)
