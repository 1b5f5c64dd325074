"""Plain text (a .txt upload, pasted text): decoded strictly as UTF-8 (or the charset a server
declared), never guessed: a wrong guess would store mojibake as a quote."""

from django.utils.translation import gettext as _

from sources.intake.errors import IntakeError
from sources.intake.metadata import clean_text

# Text is small; a bigger "text" file is a log, a dump or a mistake.
MAX_TEXT_BYTES = 5 * 1024 * 1024


def decode_text(body: bytes, charset: str | None = None, *, field: str = "file") -> str:
    if len(body) > MAX_TEXT_BYTES:
        raise IntakeError(
            _("%(size)s bytes of text is over the %(limit)s-byte limit for text")
            % {"size": f"{len(body):,}", "limit": f"{MAX_TEXT_BYTES:,}"},
            field=field,
        )
    encoding = charset if charset and charset.lower() not in ("utf-8", "utf8") else "utf-8-sig"
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        where = f" at byte {error.start}" if isinstance(error, UnicodeDecodeError) else ""
        name = "UTF-8" if encoding == "utf-8-sig" else encoding
        raise IntakeError(
            _(
                "not %(encoding)s text (%(reason)s%(where)s): binary data or another "
                "encoding; save it as UTF-8, or upload the PDF or HTML itself"
            )
            % {"encoding": name, "reason": getattr(error, "reason", error), "where": where},
            field=field,
        ) from None
    if "\x00" in text:
        raise IntakeError(_("this is binary data, not text (it contains NUL bytes)"), field=field)
    if _control_ratio(text) > 0.01:
        raise IntakeError(_("this is binary data, not text"), field=field)
    return text


def read_text(body: bytes, charset: str | None = None, *, field: str = "file") -> str:
    text = clean_text(decode_text(body, charset, field=field))
    if not text:
        raise IntakeError(_("the file is empty (no text, only whitespace)"), field=field)
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample)
