"""The period a figure covers, from the words around it and the date of the claim. Pure, no ORM.

``find_period(sentence, claim_date, language)`` returns ``(start, end)`` (either may be None) or
None when the sentence names no period. Relative words are resolved against the claim date, which
defaults to the source's publication date::

    "Since December, ... deported 80,500"  (claim June 2019) -> 2018-12-01 .. 2019-06-01
    "desde diciembre de 2018"                                 -> 2018-12-01 .. claim date
    "last month" / "el mes pasado"          (claim 2019-06-12) -> 2019-05-01 .. 2019-05-31
    "in the past three months" / "en los últimos tres meses"  -> 2019-03-12 .. 2019-06-12
    "by the end of 2019" / "para finales de 2019"             -> None .. 2019-12-31
    "in 2018" / "en 2018", "last year", "this year"

Only periods that the text states: a bare "in June" is the month of the most recent June, as a
reader of a June 2019 article understands "since December" to mean December 2018.
"""

from __future__ import annotations

import calendar
import datetime
import re

from sources.dates import MONTHS

Period = tuple[datetime.date | None, datetime.date | None]

_MONTHS = MONTHS
_COUNTS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "a": 1,
    "un": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "doce": 12,
}
_UNITS = {
    "day": "day",
    "days": "day",
    "día": "day",
    "días": "day",
    "week": "week",
    "weeks": "week",
    "semana": "week",
    "semanas": "week",
    "month": "month",
    "months": "month",
    "mes": "month",
    "meses": "month",
    "year": "year",
    "years": "year",
    "año": "year",
    "años": "year",
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_COUNT = "|".join(sorted(_COUNTS, key=len, reverse=True)) + r"|\d{1,2}"
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_I = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern:
    return re.compile(rf"\b{pattern}\b", _I)


# (pattern, kind): tried in order; the first that matches wins.
def _date(n: str) -> str:
    """A month with an optional day before or after it and an optional year, or a year:
    "January 20", "20 de enero", "julio de 2019", "2018"; group names end in ``n``."""
    day = rf"(?:(?P<d{n}>\d{{1,2}})\s+(?:de\s+)?)?"
    after = rf"(?:\s+(?P<e{n}>\d{{1,2}})(?!\d))?"
    year = rf"(?:,?\s+(?:de\s+|of\s+)?(?P<y{n}>{_YEAR}))?"
    return rf"(?:{day}(?P<m{n}>{_MONTH})\.?{after}{year}|(?P<z{n}>{_YEAR}))"


_THIS_YEAR = r"(?:\s+(?P<this>of\s+this\s+year|de\s+este\s+año|del\s+año\s+en\s+curso))?"
# (pattern, kind): tried in order; the first that resolves wins.
_RULES = [
    (
        _rx(
            rf"(?:from|between|de|del|desde|entre)\s+(?:el\s+)?{_date('1')}\s+(?:to|and|through"
            rf"|until|a|al|y|hasta)\s+(?:el\s+)?{_date('2')}{_THIS_YEAR}"
        ),
        "between",
    ),
    (_rx(rf"(?:since|desde)\s+(?:(?:el|la)\s+)?(?:(?:year|año)\s+)?{_date('1')}"), "since"),
    (_rx(rf"fiscal\s+year\s+(?P<year>{_YEAR})"), "fiscal_year"),
    (
        _rx(
            rf"(?:in|over|during|for)\s+the\s+(?:past|last|previous)\s+(?P<count>{_COUNT})"
            rf"\s+(?P<unit>{_UNIT})"
        ),
        "past_n",
    ),
    (
        _rx(
            rf"(?:en|durante)\s+(?:los|las)\s+(?:últimos|últimas|pasados|pasadas)\s+"
            rf"(?P<count>{_COUNT})\s+(?P<unit>{_UNIT})"
        ),
        "past_n",
    ),
    (_rx(rf"(?:in|over|during)\s+the\s+(?:past|last)\s+(?P<unit>{_UNIT})"), "past_one"),
    (_rx(r"(?:en|durante)\s+el\s+(?:último|pasado)\s+(?P<unit>año|mes)"), "past_one"),
    (_rx(rf"(?:by|before)\s+the\s+end\s+of\s+(?P<year>{_YEAR})"), "by_end_year"),
    (_rx(rf"(?:para|a|antes\s+de)\s+(?:finales|fines)\s+de\s+(?P<year>{_YEAR})"), "by_end_year"),
    (_rx(rf"(?P<month>{_MONTH})\s+pasado"), "last_month_named"),  # "en enero pasado"
    (_rx(rf"(?:el|la)\s+pasad[oa]\s+(?P<month>{_MONTH})"), "last_month_named"),
    (_rx(r"(?:last|previous)\s+(?P<unit>month|year|week)"), "last_unit"),
    (_rx(r"(?:el|la)\s+(?P<unit>mes|año|semana)\s+(?:pasado|pasada|anterior)"), "last_unit"),
    (_rx(r"(?:this|este|esta)\s+(?P<unit>year|month|año|mes)"), "this_unit"),
    (
        _rx(rf"(?:in|during|en|durante)\s+(?:(?:el|la)\s+)?(?:(?:year|año)\s+)?(?P<year>{_YEAR})"),
        "in_year",
    ),
    (
        _rx(rf"(?:in|during|en|durante)\s+(?P<month>{_MONTH})(?:\s+(?:de\s+)?(?P<year>{_YEAR}))?"),
        "in_month",
    ),
]


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _latest_month(month: int, ref: datetime.date) -> int:
    """The year of the most recent such month, the claim's own month included."""
    return ref.year if month <= ref.month else ref.year - 1


def find_period(
    sentence: str, claim_date: datetime.date | None, language: str = "en"
) -> Period | None:
    """(period_start, period_end) the sentence states, resolved against ``claim_date``."""
    if claim_date is None:
        return None
    for pattern, kind in _RULES:
        m = pattern.search(sentence)
        if m is None:
            continue
        period = _resolve(kind, m.groupdict(), claim_date)
        if period is not None:
            return period
    return None


def _point(g: dict, n: str, ref: datetime.date, year_hint: int | None = None):
    """(first day, last day) of date ``n`` in a match, the year inferred when not written."""
    if g.get(f"z{n}"):
        year = int(g[f"z{n}"])
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = _MONTHS.get((g.get(f"m{n}") or "").lower())
    if month is None:
        return None
    year = int(g[f"y{n}"]) if g.get(f"y{n}") else year_hint or _latest_month(month, ref)
    day = g.get(f"d{n}") or g.get(f"e{n}")
    if day:
        try:
            one = datetime.date(year, month, int(day))
        except ValueError:
            return None
        return one, one
    return datetime.date(year, month, 1), _month_end(year, month)


def _resolve(kind: str, g: dict, ref: datetime.date) -> Period | None:
    year = int(g["year"]) if g.get("year") else None
    month = _MONTHS.get((g.get("month") or "").lower())
    if kind == "in_month" and g["month"] == "may":
        return None  # lower-case "in may" is the verb ("in may have"), not the month
    if kind == "between":
        this_year = ref.year if g.get("this") else None  # "from January to April of this year"
        end = _point(g, "2", ref, year_hint=this_year)
        hint = end[0].year if end and not g.get("z1") else None
        start = _point(g, "1", ref, year_hint=hint)
        if start is None or end is None or start[0] > end[1]:
            return None
        return start[0], end[1]
    if kind == "since":
        start = _point(g, "1", ref)
        return (start[0], ref) if start and start[0] <= ref else None
    if kind == "fiscal_year" and year:
        return datetime.date(year - 1, 10, 1), datetime.date(year, 9, 30)  # the US federal year
    if kind == "last_month_named" and month:
        y = ref.year if month < ref.month else ref.year - 1  # "enero pasado" is before now
        return datetime.date(y, month, 1), _month_end(y, month)
    if kind in ("past_n", "past_one"):
        count = 1 if kind == "past_one" else _count(g["count"])
        unit = _UNITS[g["unit"].lower()]
        if unit == "day":
            return ref - datetime.timedelta(days=count), ref
        if unit == "week":
            return ref - datetime.timedelta(weeks=count), ref
        return _shift_months(ref, -count * (12 if unit == "year" else 1)), ref
    if kind == "by_end_year" and year:
        return None, datetime.date(year, 12, 31)
    if kind in ("last_unit", "this_unit"):
        unit = _UNITS[g["unit"].lower()]
        if unit == "week":
            start = ref - datetime.timedelta(days=ref.weekday() + 7)
            return start, start + datetime.timedelta(days=6)
        if unit == "month":
            first = _shift_months(ref.replace(day=1), -1 if kind == "last_unit" else 0)
            return first, (_month_end(first.year, first.month) if kind == "last_unit" else ref)
        y = ref.year - 1 if kind == "last_unit" else ref.year
        return datetime.date(y, 1, 1), (datetime.date(y, 12, 31) if kind == "last_unit" else ref)
    if kind == "in_year" and year:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if kind == "in_month" and month:
        y = year or _latest_month(month, ref)
        return datetime.date(y, month, 1), _month_end(y, month)
    return None


def _count(raw: str) -> int:
    return int(raw) if raw.isdigit() else _COUNTS[raw.lower()]
