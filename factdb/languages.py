"""Which language and regional conventions a page, an export or a figure is written in.

figure_language("es")     -> "es-MX"   (FACTDB_SPANISH_REGION=ES: "es-ES")
figure_language("es-ES")  -> "es-ES"   (asked for by name)
figure_language("es", thousands="mil")  -> "es-MX-x-mil"   ("6 mil"; FACTDB_SPANISH_THOUSANDS=mil)
figure_language("en-us")  -> "en"
supported("es-mx")        -> "es"      supported("fr") -> None
"""

from django.conf import settings
from django.utils import translation


def supported(code: str | None) -> str | None:
    """The LANGUAGES entry `code` asks for ("es-MX" is "es"), or None when there is none."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in dict(settings.LANGUAGES) else None


THOUSANDS = ("digits", "mil")
# What a fact sheet can be written in (?lang= of its exports, export_factsheet --lang).
SHEET_LANGUAGES = ("en", "es", "es-MX", "es-ES")


def figure_language(code: str | None = None, thousands: str | None = None) -> str:
    """The language tag claims.figures writes numbers for: Spanish carries its region, since
    Mexico writes "6,000" and Spain "6.000", and, for "6 mil", the private-use subtag x-mil.
    Default: the active language; `thousands` ("digits" or "mil"), else one the tag carries
    ("es-MX-x-mil"), else FACTDB_SPANISH_THOUSANDS."""
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    if supported(code) != "es":
        return "en"
    parts = code.replace("_", "-").split("-")
    private = [p.lower() for p in parts[parts.index("x") + 1 :]] if "x" in parts else []
    region = parts[1].upper() if len(parts) > 1 and parts[1].upper() in {"MX", "ES"} else None
    tag = f"es-{region or settings.FACTDB_SPANISH_REGION}"
    thousands = thousands or next(
        (p for p in private if p in THOUSANDS), settings.FACTDB_SPANISH_THOUSANDS
    )
    # Spain writes "6.000" whatever is asked (claims.figures.formatting.thousands_in_words).
    if tag != "es-MX" or thousands == settings.FACTDB_SPANISH_THOUSANDS == "digits":
        return tag
    # Explicit either way, so reading the tag again (render_language) gives the same answer.
    return f"{tag}-x-{thousands}"
