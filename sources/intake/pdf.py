"""A PDF -> its text, page by page, without running headers, footers and page numbers.

pdfplumber (on pdfminer.six) gives each line with its position. Lines that open or close more
than half the pages and read the same once digits are ignored ("Border Report · page 3") are
the running header or footer and are dropped; so is a bare page number. The hard-wrapped lines of a
paragraph are joined again, because the claim extractor reads a line break as the end of a
sentence. A PDF with no text layer (a scan) is refused: OCR is not part of intake.
"""

import io
import re
from collections import Counter

from django.utils.translation import gettext as _

from sources.intake.errors import IntakeError
from sources.intake.metadata import clean_text, date_with_precision, one_line

_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|página|pág\.)?\s*[-–—]?\s*\d{1,4}\s*(?:(?:of|de|/)\s*\d{1,4})?\s*[-–—]?$",
    re.IGNORECASE,
)
_EDGE_LINES = 2  # how many lines at each end of a page can be a running header or footer


def read_pdf(body: bytes) -> dict:
    """-> {"text", "page_starts", "title", "authors", "published", ...} or IntakeError."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(io.BytesIO(body)) as pdf:
            pages = [page.extract_text_lines(strip=True) for page in pdf.pages]
            info = pdf.metadata or {}
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        message = _("this PDF could not be read (%(error)s)") % {"error": type(error).__name__}
        raise IntakeError(message, field="file") from None
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        if type(error).__module__.startswith(("pdfminer", "pdfplumber")):
            raise IntakeError(
                _("this PDF could not be read (%(error)s)") % {"error": error}, field="file"
            ) from None
        raise
    if not pages:
        raise IntakeError(_("this PDF has no pages"), field="file")
    if not any(line["text"].strip() for lines in pages for line in lines):
        raise IntakeError(
            _(
                "this PDF has no text layer (%(pages)s page(s) of images, probably a scan); "
                "factdb does not run OCR, so paste the text or upload a PDF with text"
            )
            % {"pages": len(pages)},
            field="file",
        )
    furniture = _running_lines(pages)
    bodies = [_body_lines(lines, furniture) for lines in pages]
    usual_gap = _usual_gap(bodies)
    page_texts = [clean_text(_page_text(body, usual_gap)) for body in bodies]
    text, page_starts = "", []
    for page_text in page_texts:
        if text:
            text += "\n\n"
        page_starts.append(len(text))
        text += page_text
    title = one_line(_info(info, "Title"))
    return {
        "text": text,
        # Where each page begins in the text, so a quote's page is known from its offset.
        "page_starts": page_starts,
        "title": title,
        "authors": [a.strip() for a in re.split(r"[;,]", _info(info, "Author")) if a.strip()],
        "published": _pdf_date(_info(info, "CreationDate")),
        "publisher": "",
        "language": "",
        "kind": "report",
    }


def _info(info: dict, key: str) -> str:
    value = info.get(key, "")
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return str(value or "")


def _pdf_date(value: str):
    """PDF dates read 'D:20190607103000Z'."""
    match = re.match(r"^D:(\d{4})(\d{2})?(\d{2})?", value or "")
    if not match:
        return None
    year, month, day = match.groups()
    return date_with_precision("-".join(part for part in (year, month, day) if part))


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _edges(lines):
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:] if len(lines) > _EDGE_LINES else lines


def _running_lines(pages) -> set[str]:
    """Shapes of lines that sit at the top or bottom of more than half the pages (and two)."""
    if len(pages) < 2:
        return set()
    counts = Counter()
    for lines in pages:
        counts.update({_shape(line["text"]) for line in _edges(lines)})
    needed = max(2, len(pages) // 2 + 1)
    return {shape for shape, count in counts.items() if count >= needed}


def _line_gaps(lines) -> list[float]:
    return [b["top"] - a["bottom"] for a, b in zip(lines, lines[1:], strict=False)]


def _usual_gap(pages) -> float:
    """The space between two lines of one paragraph: the small gaps, across the document."""
    gaps = sorted(gap for lines in pages for gap in _line_gaps(lines) if gap >= 0)
    return gaps[len(gaps) // 4] if gaps else 0.0


def _body_lines(lines, furniture: set[str]) -> list:
    edges = {id(line) for line in _edges(lines)}
    return [
        line
        for line in lines
        if line["text"].strip()
        and not (
            id(line) in edges
            and (_shape(line["text"]) in furniture or _PAGE_NUMBER.match(line["text"].strip()))
        )
    ]


def _page_text(body, usual_gap: float) -> str:
    if not body:
        return ""
    widest = max(line["x1"] for line in body)
    paragraphs, current = [], [body[0]["text"].strip()]
    for previous, line, gap in zip(body, body[1:], _line_gaps(body), strict=False):
        height = previous["bottom"] - previous["top"]
        short = previous["x1"] < widest * 0.85 and previous["text"].rstrip()[-1:] in ".!?:\"”'"
        # A paragraph break is more space than between the lines of one paragraph.
        if gap > max(0.6 * height, usual_gap * 1.5) or short:
            paragraphs.append(" ".join(current))
            current = []
        current.append(line["text"].strip())
    paragraphs.append(" ".join(current))
    # A word broken at a line end ("deploy-" / "ment") is joined again.
    return "\n\n".join(re.sub(r"(\w)- (?=[a-záéíóúñ])", r"\1", p) for p in paragraphs)
