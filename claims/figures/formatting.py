"""Figures and numbers written back out the way a person reads them. No Django.

    format_figure(Decimal(6000), AT_MOST, "National Guard troops")
                                            -> "up to 6,000 National Guard troops"
    format_figure(800, MORE_THAN, "USD", per="year")  -> "more than $800 a year"
    format_figure(6000, AT_MOST, "elementos de la Guardia Nacional", language="es-MX")
                                            -> "hasta 6,000 elementos de la Guardia Nacional"
    format_figure(800, MORE_THAN, "USD", per="year", language="es-MX")
                                            -> "más de 800 dólares al año"
    format_figure(6000, AT_MOST, "elementos", language="es-ES")  -> "hasta 6.000 elementos"
    format_figure(6000, AT_MOST, "elementos", language="es-MX-x-mil")  -> "hasta 6 mil elementos"
    plain_number(Decimal("6000.000000"))    -> "6000"   (as stated, for data)
    grouped_number(Decimal("66.666667"))    -> "66.67"  (for people)

Spanish follows the region: Mexico (and the other point-decimal regions, claims.figures.words)
writes "6,000" and "1.5 millones"; Spain, and a bare "es", "6.000" and "1,5 millones". Dollars
are written out in Spanish ("800 dólares"): "$" reads as pesos to a Mexican reader.

Round thousands in words ("6 mil"), as the Mexican press writes them, when the language tag
carries the private-use subtag ``x-mil`` ("es-MX-x-mil"; factdb.languages adds it for the
FACTDB_SPANISH_THOUSANDS setting and a fact sheet's ``?thousands=mil``): only a whole number of
thousands below a million becomes words ("6 mil", "80 mil", "6 mil dólares"); "1,500" and
"80,500" stay digits (Mexican papers write "80,500", not "80 mil 500" or "80.5 mil"); millions are
words already ("1.5 millones"). Spain's "6.000" never changes: the subtag applies to the
point-decimal regions only.

Every number factdb shows is written here: the admin, the API's `figure`, fact sheets, history
lines and agreement notes. (Chart axes abbreviate, "1.5M", in claims.agreement.timeline.)
"""

from __future__ import annotations

from decimal import Decimal

from claims.figures.hedges import APPROX, AT_MOST, EXACT, HEDGES, LESS_THAN, RANGE, VAGUE
from claims.figures.words import (
    BIG_NUMBER_WORDS,
    CURRENCY_CODES,
    CURRENCY_DISPLAY,
    HEDGE_TEMPLATES,
    PERCENT_UNITS,
    PERIOD_WORDS,
    SPANISH_CURRENCY_WORDS,
    VAGUE_WORDS,
    as_decimal,
    language_for,
    tidy,
)


def plain_number(value) -> str | None:
    """A stored figure as stated, without the column's padding: Decimal("6000.000000") -> "6000"."""
    return None if value is None else f"{Decimal(value).normalize():f}"


def grouped_number(value) -> str:
    """A number for people: thousands grouped, at most two decimals ("6,000", "66.67")."""
    value = Decimal(value)
    value = value.quantize(Decimal("0.01")) if value != value.to_integral_value() else value
    return f"{value.normalize():,f}"


def thousands_in_words(language: str | None) -> bool:
    """Does the tag ask for "6 mil" ("es-MX-x-mil")? Only the point-decimal Spanish regions."""
    parts = (language or "").lower().replace("_", "-").split("-")
    spoken = language_for(language)
    private = parts[parts.index("x") + 1 :] if "x" in parts else []
    return spoken.code == "es" and spoken.decimal_comma is False and "mil" in private


def render_number(
    d: Decimal,
    lang: str,
    code: str | None,
    percent: bool,
    point_decimal: bool = False,
    mil: bool = False,
) -> str:
    """One number with its currency or percent sign: "$1.5 million", "80,500", "33%", "80.500";
    with ``mil`` (Mexican Spanish) a round number of thousands in words, "6 mil"."""
    sign, d = ("-" if d < 0 else ""), abs(d)
    words = ""
    for size, one, many in BIG_NUMBER_WORDS[lang]:
        mantissa = d / size
        if d >= size and not percent and mantissa == mantissa.quantize(Decimal("0.001")):
            d, words = mantissa, one if mantissa == 1 else many
            break
    thousands = ""
    if mil and not words and not percent and 1000 <= d < 10**6 and d % 1000 == 0:
        d, thousands = d / 1000, "mil"
    if not code and d.as_tuple().exponent < -4:
        d = d.quantize(Decimal("0.0001"))  # a third reads 0.3333
    d = tidy(d)
    if code and not words and d != d.to_integral_value():
        d = d.quantize(Decimal("0.01"))  # "$13.60", not "$13.6"
    text = f"{d:,f}"
    if lang == "es" and not point_decimal:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    text = f"{text} {words or thousands}" if words or thousands else text
    if percent:
        return f"{sign}{text}%"
    if lang == "es" and code in SPANISH_CURRENCY_WORDS:
        joiner = " de " if words else " "  # "1,5 millones de dólares"
        return f"{sign}{text}{joiner}{SPANISH_CURRENCY_WORDS[code]}"
    if code in CURRENCY_DISPLAY:
        return f"{sign}{CURRENCY_DISPLAY[code]}{text}"
    return f"{sign}{text} {code}" if code else f"{sign}{text}"


def format_figure(
    value,
    hedge: str | None,
    unit: str | None,
    *,
    low=None,
    high=None,
    currency: str | None = None,
    per: str | None = None,
    language: str = "en",
) -> str:
    """Render a figure as a person reads it.

    >>> format_figure(Decimal(6000), AT_MOST, "National Guard troops")
    'up to 6,000 National Guard troops'
    >>> format_figure(800, MORE_THAN, "USD", per="year")
    'more than $800 a year'
    >>> format_figure(5000, RANGE, "troops", low=5000, high=6000)
    'between 5,000 and 6,000 troops'
    >>> format_figure(Decimal("1500000"), EXACT, "USD")
    '$1.5 million'

    Accepts Decimal, int, float or numeric strings and tolerates missing fields: an unknown hedge
    reads as exact, a missing value falls back to ``low``/``high``. Money shows cents only when
    there are any ("$13.60", "$800"); other decimals drop trailing zeros ("2.5 miles").
    """
    spoken = language_for(language)
    lang = spoken.code
    point_decimal = lang == "es" and spoken.decimal_comma is False
    mil = thousands_in_words(language)
    value, low, high = as_decimal(value), as_decimal(low), as_decimal(high)
    hedge = hedge if hedge in HEDGES else EXACT
    unit = (unit or "").strip()
    head, _, rest = unit.partition(" ")
    code = currency or (head if head.upper() == head and head.lower() in CURRENCY_CODES else None)
    if code and head == code:
        unit = rest  # "USD per barrel" -> "per barrel" after "$58.24"
    percent = unit.lower() in PERCENT_UNITS
    if percent:
        unit = ""

    def figure(d: Decimal) -> str:
        return render_number(d, lang, code, percent, point_decimal, mil)

    if hedge == VAGUE:
        magnitude = low if low is not None else value
        words = next((w for m, w in VAGUE_WORDS[lang] if magnitude and magnitude >= m), None)
        if words:
            noun = unit or ("dólares" if lang == "es" else "dollars") * bool(code)
            return f"{words} {'de' if lang == 'es' else 'of'} {noun}" if noun else words
        hedge = APPROX
    if value is None:
        value = high if hedge in (AT_MOST, LESS_THAN) else low if low is not None else high
    if value is None:
        return ""
    if hedge == RANGE:
        a = low if low is not None else value
        b = high if high is not None else value
        body = HEDGE_TEMPLATES[lang][RANGE].format(figure(a), figure(b))
    elif hedge == EXACT:
        body = figure(value)
    else:
        body = HEDGE_TEMPLATES[lang][hedge].format(figure(value))
    if lang == "es" and unit and body.endswith(("millón", "millones")):
        unit = f"de {unit}"  # "1,5 millones de personas"
    per_words = PERIOD_WORDS[lang].get(per, f"{'por' if lang == 'es' else 'per'} {per}")
    parts = [body, unit, per_words if per else ""]
    return " ".join(p for p in parts if p)
