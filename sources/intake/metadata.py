"""Small pure readers shared by the HTML, PDF and feed readers: dates with their precision,
language tags, author lists and text clean-up.

    >>> date_with_precision("2019-06-07T10:30:00-05:00")
    (datetime.date(2019, 6, 7), 'day')
    >>> date_with_precision("2019-06")
    (datetime.date(2019, 6, 1), 'month')
    >>> language_tag("es_mx")
    'es-MX'
    >>> clean_text("$3.1\\xa0billion")
    '$3.1 billion'
"""

import datetime
import re
import unicodedata

_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$")
# No-break and other fixed-width spaces: "$3.1&nbsp;billion" must read as "$3.1 billion".
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def date_with_precision(value) -> tuple[datetime.date, str] | None:
    """An ISO-ish date or datetime -> (date, 'day' | 'month' | 'year'); None if unreadable.

    A datetime keeps the day its author wrote (its own offset), not the day in UTC."""
    if isinstance(value, datetime.datetime):
        return value.date(), "day"
    if isinstance(value, datetime.date):
        return value, "day"
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return date, ("day" if day else "month" if month else "year")


def language_tag(value) -> str:
    """'en_US' -> 'en-US', 'ES' -> 'es', 'zh-hant-tw' -> 'zh-Hant-TW'; '' when not a tag."""
    if not isinstance(value, str):
        return ""
    match = _TAG.match(value.strip())
    if not match:
        return ""
    language, script, region = match.groups()
    tag = language.lower()
    if script:
        tag += "-" + script.title()
    if region:
        tag += "-" + region.upper()
    return tag


def detect_language(text: str) -> str:
    """A last resort when the document says nothing: py3langid's guess from the text itself."""
    if len(text.strip()) < 40:
        return ""
    import py3langid

    language, _score = py3langid.classify(text[:5000])
    return language_tag(language)


def author_names(value) -> list[str]:
    """JSON-LD / meta author values (a name, {"name": …}, a list of either) -> names."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.strip()
        if not value or value.startswith(("http://", "https://")):
            return []
        return [name.strip() for name in re.split(r"\s*[;|]\s*|\s+and\s+", value) if name.strip()]
    if isinstance(value, dict):
        return author_names(value.get("name"))
    if isinstance(value, list | tuple):
        names = []
        for item in value:
            for name in author_names(item):
                if name not in names:
                    names.append(name)
        return names
    return []


def clean_text(text: str) -> str:
    """NFC, ordinary spaces for no-break ones, no zero-width characters, at most one blank line
    between paragraphs and no trailing spaces."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _ZERO_WIDTH.sub("", _SPACES.sub(" ", text))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def one_line(value, limit: int = 500) -> str:
    if not isinstance(value, str):
        return ""
    return re.sub(r"\s+", " ", clean_text(value))[:limit].strip()
