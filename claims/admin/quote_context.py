"""A claim's quote shown inside the paragraph of the source text it comes from.

Pure functions, no database. The editor reads the figure where it was said::

    >>> text = "Intro.\\n\\nMexico will send up to 6,000 troops <south>.\\n\\nMore."
    >>> quote_in_context(text, "up to 6,000 troops")
    'Mexico will send <mark>up to 6,000 troops</mark> &lt;south&gt;.'

Everything from the source is escaped; the only markup is the <mark> around the quote.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Paragraphs are separated by a blank line; some snapshots use one newline per paragraph, so a
# paragraph longer than this falls back to single newlines, then to a window of characters.
LONG_PARAGRAPH = 1200
WINDOW = 400

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def locate(text: str, quote: str, start: int | None = None, end: int | None = None):
    """(start, end) of the quote in the text: the stored offsets when they hold, else a search."""
    if not text or not quote:
        return None
    if start is not None and end is not None and text[start:end] == quote:
        return start, end
    found = text.find(quote)
    return (found, found + len(quote)) if found >= 0 else None


def _paragraph_bounds(text: str, start: int, end: int, separator: re.Pattern) -> tuple[int, int]:
    para_start = 0
    for match in separator.finditer(text, 0, start):
        para_start = match.end()
    following = separator.search(text, end)
    return para_start, following.start() if following else len(text)


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut at whitespace near WINDOW characters either side, so words stay whole."""
    left = max(0, start - WINDOW)
    if left:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(text), end + WINDOW)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return left, right


def quote_in_context(
    text: str, quote: str, start: int | None = None, end: int | None = None
) -> SafeString | None:
    """The paragraph around the quote, escaped, with the quote in <mark>; None if not found."""
    span = locate(text, quote, start, end)
    if span is None:
        return None
    start, end = span
    left, right = _paragraph_bounds(text, start, end, _BLANK_LINE)
    if right - left > LONG_PARAGRAPH:
        left, right = _paragraph_bounds(text, start, end, re.compile(r"\n"))
    if right - left > LONG_PARAGRAPH:
        left, right = _window(text, start, end)
    before, marked, after = text[left:start], text[start:end], text[end:right]
    html = (
        ("…" if left > 0 and not text[:left].endswith("\n") else "")
        + escape(before.lstrip())
        + "<mark>"
        + escape(marked)
        + "</mark>"
        + escape(after.rstrip())
        + ("…" if right < len(text) and not text[right:].startswith("\n") else "")
    )
    return mark_safe(html.replace("\n", "<br>"))  # noqa: S308 - every piece above is escaped
