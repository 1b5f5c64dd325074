"""Renderers: the one fact-sheet context (context.py) to HTML, Markdown, PDF, CSV, JSON, JSON-LD.

Each renderer is a pure function of the context, so a published version (whose context is
stored) renders to the same bytes every time. User text is never trusted: HTML goes through
Django's autoescaping, Markdown through `markdown_escape`, CSV through the API's `csv_safe`, and the
PDF renderer's URL fetcher refuses every URL.
"""

import base64
import contextvars
import csv
import io
import json
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from claims.factsheets.branding import data_uri
from claims.factsheets.claimreview import claim_reviews
from claims.factsheets.localise import localised, render_language
from factdb.csv_cells import csv_safe


@dataclass(frozen=True)
class Format:
    name: str
    content_type: str
    extension: str
    render: object  # (context) -> bytes


def render(context: dict, fmt: str, language: str = "en") -> bytes:
    """`context` as `fmt`, written in `language` ("en", "es", "es-MX", "es-ES"): English is the
    context as built; another language re-reads it (localise.py). Headings follow `language`
    whatever language the request or the admin is in."""
    language = render_language(language)
    with translation.override(language.split("-")[0]):
        return FORMATS[fmt].render(localised(context, language))


# ---- HTML and PDF ---------------------------------------------------------------------------


def render_html(context: dict) -> bytes:
    return render_to_string("claims/factsheets/sheet.html", {"sheet": context}).encode()


class NoFetchError(ValueError):
    pass


def refusing_fetcher(logo: dict | None = None):
    """A WeasyPrint URL fetcher that fetches nothing: no network, no file://, no data: reads.

    The HTML is self-contained, so a URL request can only come from text that slipped past
    escaping; refusing it keeps a hostile quote from making the server fetch anything. The one
    exception is the organisation's logo, which the context itself holds (`logo`): its data: URI
    is answered from those bytes, and any other is refused. `attempts` lists every URL WeasyPrint
    asked for, for tests and logs.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    own_logo = data_uri(logo) if logo else None

    class RefusingFetcher(URLFetcher):
        def __init__(self):
            super().__init__(timeout=0, allowed_protocols=())
            self.attempts: list[str] = []

        def fetch(self, url, headers=None):
            self.attempts.append(url)
            if own_logo is not None and url == own_logo:
                body = base64.b64decode(logo["data"])
                return URLFetcherResponse(url, body, {"Content-Type": logo["media_type"]})
            raise NoFetchError(f"fact-sheet PDFs fetch nothing (refused {url[:200]!r})")

    return RefusingFetcher()


def render_pdf(context: dict, *, fetcher=None) -> bytes:
    from weasyprint import HTML

    fetcher = fetcher or refusing_fetcher(context.get("logo"))
    html = render_html(context).decode()
    # No attachments and no identifier: the bytes depend on the context alone. The creation date
    # comes from the context (see the template's dcterms meta tags), never from the clock.
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(
        attachments=None, pdf_identifier=False
    )


# ---- Markdown ---------------------------------------------------------------------------------

# Inline Markdown and HTML metacharacters; block markers are handled at the start of a line.
# Parentheses need no escape: with every bracket escaped, "(" can never open a link target.
# Schema 1 contexts (published before that was seen) keep their "\(" so they render as they did.
MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]!|~#])")
MARKDOWN_INLINE_SCHEMA_1 = re.compile(r"([\\`*_{}\[\]()!|~#])")
_INLINE = contextvars.ContextVar("markdown_inline", default=MARKDOWN_INLINE)
MARKDOWN_BLOCK_START = re.compile(r"^(\s*)([-+=])")
MARKDOWN_ORDERED_LIST = re.compile(r"^(\s*\d+)([.)])")


def markdown_escape(text: str) -> str:
    """User text as inert Markdown: no links, images, emphasis, headings, lists or raw HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = []
    for line in text.splitlines() or [""]:
        line = _INLINE.get().sub(r"\\\1", line)
        line = MARKDOWN_BLOCK_START.sub(r"\1\\\2", line)
        lines.append(MARKDOWN_ORDERED_LIST.sub(r"\1\\\2", line))
    return "\n".join(lines)


def markdown_inline(text: str) -> str:
    """For a one-line field: line breaks would end a list item or a blockquote."""
    return markdown_escape(" ".join(text.split()))


def markdown_url(url: str) -> str:
    """A link target that cannot close the link early or smuggle a javascript: scheme."""
    if not url.lower().startswith(("https://", "http://")):
        return ""
    return re.sub(r"[\s()<>\\\[\]]", lambda m: f"%{ord(m.group()):02X}", url)


def markdown_link(text: str, url: str) -> str:
    target = markdown_url(url)
    return f"[{markdown_inline(text)}]({target})" if target else markdown_inline(text)


def render_markdown(context: dict) -> bytes:
    pattern = MARKDOWN_INLINE_SCHEMA_1 if context.get("schema", 1) < 2 else MARKDOWN_INLINE
    token = _INLINE.set(pattern)
    try:
        return _render_markdown(context)
    finally:
        _INLINE.reset(token)


def _render_markdown(context: dict) -> bytes:
    out = [f"# {markdown_inline(context['title'])}", ""]
    out += [byline(context), ""]
    if context["intro"]:
        out += [markdown_escape(context["intro"]), ""]
    out += markdown_corrections(context.get("corrections") or [])
    for entry in context["items"]:
        out += markdown_item(entry)
    out += ["## " + _("Sources"), ""]
    for cited in context["citations"]:
        out.append(f"{cited['number']}. {markdown_citation(cited)}")
    return ("\n".join(out).rstrip() + "\n").encode()


def markdown_corrections(corrections: list[dict]) -> list[str]:
    """The correction notice: what changed, when and why, item by item (none: nothing)."""
    if not corrections:
        return []
    lines = [f"## {_('Corrections')}", ""]
    for row in corrections:
        why = markdown_inline(row["reason"]) if row["reason"] else _("No reason given.")
        lines.append(
            f"- **{row['date_display']}**, {_('item')} {row['position']} "
            f"({markdown_inline(row['figure'])}): {markdown_inline(row['change'])}. {why}"
        )
    return [*lines, ""]


def byline(context: dict) -> str:
    values = {
        "version": context["version"],
        "date": context["date_display"],
        "newsroom": markdown_inline(context["newsroom"]),
    }
    if context["published"]:
        return "*" + _("Version %(version)s, published %(date)s by %(newsroom)s.") % values + "*"
    return "*" + _("Generated %(date)s by %(newsroom)s.") % values + "*"


def markdown_item(entry: dict) -> list[str]:
    lines = [
        f"## {entry['position']}. {markdown_inline(entry['figure'])} [{entry['citation']}]",
        "",
        "> " + markdown_escape(entry["quote"]).replace("\n", "\n> "),
        "",
    ]
    label = {
        "said": _("Said by:"),
        "date": _("Date:"),
        "status": _("Status:"),
        "note": _("Verification note"),
        "why": _("Why it is here:"),
        "source": _("Source:"),
    }
    lines.append(f"- **{label['said']}** {markdown_inline(entry['said_by'])}")
    if entry["claim_date_display"]:
        lines.append(f"- **{label['date']}** {entry['claim_date_display']}")
    status = markdown_inline(entry["status_label"])
    notice = f" — {markdown_inline(entry['notice'])}" if entry["notice"] else ""
    lines.append(f"- **{label['status']}** **{status}**{notice}")
    if entry["verification"]:
        note = entry["verification"]
        lines.append(
            f"- **{label['note']}** ({markdown_inline(note['author'])}, "
            f"{note['date_display']}): {markdown_inline(note['body'])}"
        )
    if entry["note"]:
        lines.append(f"- **{label['why']}** {markdown_inline(entry['note'])}")
    lines.append(f"- **{label['source']}** [{entry['citation']}]")
    return [*lines, ""]


def markdown_citation(cited: dict) -> str:
    parts = citation_parts(cited)
    text = ". ".join(markdown_inline(part) for part in parts["text"])
    if cited["url"]:
        text += ". " + markdown_link(cited["url"], cited["url"])
    if cited["accessed"]:
        text += ". " + _("Accessed %(date)s") % {"date": cited["accessed_display"]}
    if cited["archive_url"]:
        text += ". " + markdown_link(_("Archived copy"), cited["archive_url"])
    original = cited["translation_of"]
    if original:
        text += ". " + _("Translation of") + " " + markdown_inline(translation_text(original))
        if original["url"]:
            text += " " + markdown_link(original["url"], original["url"])
    return text + "."


def citation_parts(cited: dict) -> dict:
    """The reference-list order readers expect: authors, title, publisher, date."""
    text = [part for part in (cited["authors"], f"“{cited['title']}”") if part]
    text += [cited["publisher"], cited["date_display"]]
    return {"text": text}


def translation_text(original: dict) -> str:
    return (
        f"“{original['title']}” ({original['publisher']}, {original['date_display']}, "
        f"{original['language']})"
    )


# ---- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = [
    ("position", lambda e, c: e["position"]),
    ("figure", lambda e, c: e["figure"]),
    ("status", lambda e, c: e["status_label"]),
    ("notice", lambda e, c: e["notice"]),
    ("quote", lambda e, c: e["quote"]),
    ("claimant", lambda e, c: (e["claimant"] or {}).get("name", "")),
    ("claim_date", lambda e, c: e["claim_date"]),
    ("value", lambda e, c: e["value"]),
    ("hedge", lambda e, c: e["hedge"]),
    ("value_low", lambda e, c: e["value_low"]),
    ("value_high", lambda e, c: e["value_high"]),
    ("unit", lambda e, c: e["unit"]),
    ("currency", lambda e, c: e["currency"]),
    ("rate_period", lambda e, c: e["rate_period"]),
    ("verification_note", lambda e, c: (e["verification"] or {}).get("body", "")),
    ("verification_author", lambda e, c: (e["verification"] or {}).get("author", "")),
    ("verification_date", lambda e, c: (e["verification"] or {}).get("date", "")),
    ("sheet_note", lambda e, c: e["note"]),
    ("citation", lambda e, c: c["number"]),
    ("source_publisher", lambda e, c: c["publisher"]),
    ("source_title", lambda e, c: c["title"]),
    ("source_authors", lambda e, c: c["authors"]),
    ("source_date", lambda e, c: c["date"]),
    ("source_url", lambda e, c: c["url"]),
    ("accessed", lambda e, c: c["accessed"]),
    ("archive_url", lambda e, c: c["archive_url"]),
    ("translation_of", lambda e, c: (c["translation_of"] or {}).get("title", "")),
    ("claim_id", lambda e, c: e["claim_id"]),
]


def render_csv(context: dict) -> bytes:
    """One row per claim, its citation spelled out so each row stands on its own; a sheet with
    corrections has a last column saying, for each corrected claim, what changed, when and why
    (without any, the columns are those every earlier version has)."""
    by_number = {cited["number"]: cited for cited in context["citations"]}
    columns = list(CSV_COLUMNS)
    corrections = context.get("corrections") or []
    if corrections:
        notices: dict[int, list[str]] = {}
        for row in corrections:
            notices.setdefault(row["claim"], []).append(correction_text(row))
        columns.append(("correction", lambda e, c: " | ".join(notices.get(e["claim_id"], []))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _cell in columns])
    for entry in context["items"]:
        cited = by_number[entry["citation"]]
        writer.writerow([csv_safe(cell(entry, cited)) for _name, cell in columns])
    # A BOM so spreadsheet programs read the UTF-8 (quotes in Spanish, names with accents).
    return ("\ufeff" + out.getvalue()).encode()


def correction_text(row: dict) -> str:
    reason = row["reason"] or _("No reason given.")
    return f"{row['at'][:10]}: {row['change']}. {reason}"


# ---- JSON and JSON-LD -------------------------------------------------------------------------


def dump_json(data) -> bytes:
    # Sorted keys and fixed separators: the same data always gives the same bytes.
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def render_json(context: dict) -> bytes:
    return dump_json(context)


# JSON-LD is pasted into <script type="application/ld+json">, where "</script>" in a quote would
# end the script and "<!--" would start a comment; U+2028/2029 end a line in older JavaScript
# parsers. Written as \u escapes they read back as the same strings, and cannot break out.
_SCRIPT_SAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_safe(json_text: str) -> str:
    """JSON text that can stand inside an HTML <script> element: the same data, parsed back."""
    return json_text.translate(str.maketrans(_SCRIPT_SAFE))


def render_jsonld(context: dict) -> bytes:
    graph = {"@context": "https://schema.org", "@graph": claim_reviews(context)}
    return script_safe(dump_json(graph).decode()).encode()


FORMATS = {
    fmt.name: fmt
    for fmt in [
        Format("html", "text/html; charset=utf-8", "html", render_html),
        Format("md", "text/markdown; charset=utf-8", "md", render_markdown),
        Format("pdf", "application/pdf", "pdf", render_pdf),
        Format("csv", "text/csv; charset=utf-8", "csv", render_csv),
        Format("json", "application/json", "json", render_json),
        Format("jsonld", "application/ld+json", "jsonld", render_jsonld),
    ]
}
