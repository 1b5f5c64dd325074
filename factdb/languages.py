"""Which language and regional conventions a page, an export or a figure is written in.

figure_language("es")     -> "es-MX"   (FACTDB_SPANISH_REGION=ES: "es-ES")
figure_language("es-ES")  -> "es-ES"   (asked for by name)
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


def figure_language(code: str | None = None) -> str:
    """The language tag claims.figures writes numbers for: Spanish carries its region, since
    Mexico writes "6,000" and Spain "6.000". Default: the active language."""
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    if supported(code) != "es":
        return "en"
    parts = code.replace("_", "-").split("-")
    region = parts[1].upper() if len(parts) > 1 and parts[1].upper() in {"MX", "ES"} else None
    return f"es-{region or settings.FACTDB_SPANISH_REGION}"
