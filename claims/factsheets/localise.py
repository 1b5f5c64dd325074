"""A fact-sheet context read in another language: headings, figures, verdicts and dates.

The context (context.py) is built, and a published version frozen, in English, the source
language, whatever language the editor's admin speaks. A rendering in Spanish is that same
context re-read: each figure written again from its stored value, hedge and unit
(`format_figure(..., language="es-MX")`: "hasta 6,000 elementos"), each verdict by its status,
each date from its ISO form ("14 de febrero de 2025", "junio de 2019"). What people wrote —
quotes, notes, titles, the intro — stays as written. English returns the context itself, so an
English rendering is byte-for-byte what it always was.

    localised(context, "es")["items"][0]["figure"]        -> "hasta 6,000 elementos"
    localised(context, "es")["items"][0]["status_label"]  -> "Verificada"
"""

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from claims.figures.formatting import format_figure
from claims.models import Status
from factdb.languages import figure_language, supported
from sources.models import format_date_with_precision

# The title build_context gives a sheet that has none (context.py).
DEFAULT_TITLE = "Fact sheet"


def render_language(code: str | None) -> str:
    """The language tag a rendering is keyed and written by: "en", "es-MX" or "es-ES"."""
    return "en" if supported(code) in (None, "en") else figure_language(code)


def localised(context: dict, language: str) -> dict:
    language = render_language(language)
    if language == "en":
        return context
    with translation.override(supported(language)):
        by_number = {cited["number"]: cited for cited in context["citations"]}
        return {
            **context,
            "language": supported(language),
            "title": _("Fact sheet") if context["title"] == DEFAULT_TITLE else context["title"],
            "date_display": iso_display(context["date"]),
            "items": [item(e, by_number.get(e["citation"]), language) for e in context["items"]],
            "citations": [citation(cited) for cited in context["citations"]],
            # Charts drawn in this language when the sheet was built; older ones stay English.
            "charts": [
                {**chart, "svg": chart.get("svgs", {}).get(supported(language), chart["svg"])}
                for chart in context.get("charts") or []
            ],
            # A schema 1 context has no corrections; a correction's "change" is data as recorded.
            "corrections": [
                {**row, "date_display": iso_display(row["at"][:10])}
                for row in context.get("corrections") or []
            ],
        }


def item(entry: dict, cited: dict | None, language: str) -> dict:
    from claims.factsheets.context import UNCHECKED_NOTICE

    status = entry["status"]
    known = status in Status.values
    note = entry["verification"]
    return {
        **entry,
        "figure": format_figure(
            entry["value"] or None,
            entry["hedge"],
            entry["unit"],
            low=entry["value_low"] or None,
            high=entry["value_high"] or None,
            currency=entry["currency"] or None,
            per=entry["rate_period"] or None,
            language=language,
        ),
        "status_label": str(Status(status).label) if known else entry["status_label"],
        "notice": str(UNCHECKED_NOTICE[status]) if entry["notice"] and known else entry["notice"],
        "claim_date_display": claim_date_display(entry, cited),
        "verification": {**note, "date_display": iso_display(note["date"])} if note else note,
    }


def claim_date_display(entry: dict, cited: dict | None) -> str:
    """Dated by its source, a claim is as precise as the source's date ("junio de 2019")."""
    if cited and entry["claim_date_display"] == cited["date_display"]:
        return iso_display(cited["date"])
    return iso_display(entry["claim_date"])


def citation(cited: dict) -> dict:
    original = cited["translation_of"]
    return {
        **cited,
        "date_display": iso_display(cited["date"]),
        "accessed_display": iso_display(cited["accessed"]),
        "translation_of": {**original, "date_display": iso_display(original["date"])}
        if original
        else original,
    }


def iso_display(iso: str) -> str:
    """'2025-02-14', '2019-06' or '2019' in the active language, as precise as it is."""
    if not iso:
        return ""
    parts = [int(part) for part in iso.split("-")]
    precision = {1: "year", 2: "month"}.get(len(parts), "day")
    day = datetime.date(parts[0], *(parts[1:] or [1]), *([1] if len(parts) < 3 else []))
    return format_date_with_precision(day, precision, translation.get_language())
