"""A measure's claims as a timeline chart: SVG drawn on the server; no scripts, nothing fetched.

Every claimed value is plotted against its date (the claim date, or the end of the period a
running total covers). A hedge is drawn as the interval it implies, on the scale of
``claims.figures.units``: "approximately" as its tolerance band, a range or vague amount between its
ends, "at least"/"more than" as a bar up to the top edge ending in an arrow, "at most"/"up to"
down to the bottom edge; a strict end ("more than") is a hollow ring, a closed end a cap, the
stated value a dot. Claims in conflict are red and ringed; claims that agree are blue; claims
with nothing to compare with are grey. A running total joins its values with a dashed line.

All text is XML-escaped (and stripped of characters XML cannot hold); colours and fonts are
attributes, so the chart looks the same in a browser, the admin and a WeasyPrint PDF.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
from collections import Counter, defaultdict
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import translation
from django.utils.dates import MONTHS_3
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from claims.agreement.comparison import Assessment, Figure, assess, assess_measure
from claims.models import Hedge, Measure

WIDTH, HEIGHT = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 84, 28, 66, 62
COLOURS = {"conflict": "#c62828", "agree": "#1565c0", "alone": "#6b6b6b"}
LEGEND = [
    ("agree", gettext_lazy("agrees")),
    ("conflict", gettext_lazy("conflicts")),
    ("alone", gettext_lazy("nothing to compare")),
]
FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'
# Relative span below which values are drawn as one (floats hold about 16 digits); and a bound
# on the value axis's ticks (about six are drawn), whatever the arithmetic does.
_RESOLUTION = 1e-12
_MAX_TICKS = 12
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def measure_timeline_svg(measure, assessment: Assessment | None = None) -> str:
    assessment = assessment or assess_measure(measure)
    return timeline_svg(assessment, title=measure.label, cumulative=measure.cumulative)


def charts_by_measure(claims, names: dict[int, str] | None = None) -> list[dict]:
    """One chart for each measure that two or more of ``claims`` share (a fact sheet's figures).

    Plain data (label, claim ids, SVG text), so a published fact sheet keeps its charts frozen in
    its context. ``names`` labels the points (a sheet's item numbers) instead of claim ids.
    """
    groups: dict[int, list] = defaultdict(list)
    for claim in claims:
        if claim.measure_id is not None:
            groups[claim.measure_id].append(claim)
    groups = {m: group for m, group in groups.items() if len(group) > 1}
    measures = Measure.objects.in_bulk(list(groups))
    charts = []
    for measure_id, group in groups.items():
        measure = measures[measure_id]
        assessment = assess(group, cumulative=measure.cumulative)

        def draw(assessment=assessment, measure=measure):
            return timeline_svg(
                assessment, title=measure.label, cumulative=measure.cumulative, names=names
            )

        ids = [c.pk for c in group]
        # Drawn in each language too: a frozen sheet read in Spanish shows a Spanish chart.
        translated = {}
        for code, _name in settings.LANGUAGES:
            if code != "en":
                with translation.override(code):
                    translated[code] = draw()
        charts.append(
            {"measure": measure.label, "claim_ids": ids, "svg": draw(), "svgs": translated}
        )
    return sorted(charts, key=lambda chart: chart["measure"])


def timeline_svg(
    assessment: Assessment,
    *,
    title: str,
    cumulative: bool = False,
    names: dict[int, str] | None = None,
) -> str:
    figures = assessment.figures
    key = Counter(f.key for f in figures).most_common(1)[0][0] if figures else None
    drawn = [f for f in figures if f.key == key and f.magnitude is not None]
    left_out = len(figures) - len(drawn)
    heading = _("Timeline: %(title)s") % {"title": title}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" {FONT}>',
        f"<title>{_text(heading)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold" fill="#222">'
        f"{_text(_shorten(title, 80))}</text>",
    ]
    if not drawn:
        empty = _("No claimed figures to draw yet.")
        out.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" font-size="13" fill="#6b6b6b" '
            f'text-anchor="middle">{_text(empty)}</text></svg>'
        )
        return "\n".join(out)
    y_axis = _YAxis(drawn)
    x_axis = _XAxis([f.as_of for f in drawn])
    out += _legend()
    out += y_axis.draw(drawn[0].scale_unit)
    out += x_axis.draw()
    states = {m.claim_id: m.state for m in assessment.marks.values()}
    positions = _positions(drawn, x_axis)
    stated = [f for f in drawn if f.hedge != Hedge.VAGUE]
    if cumulative and len(stated) > 1:
        points = " ".join(
            f"{positions[f.claim_id]:.1f},{y_axis.y(f.magnitude):.1f}"
            for f in sorted(stated, key=lambda f: f.as_of)
        )
        out.append(
            f'<polyline points="{points}" fill="none" stroke="#9e9e9e" stroke-width="1.2" '
            'stroke-dasharray="4 3"/>'
        )
    names = names or {}
    for f in drawn:
        name = names.get(f.claim_id, f"#{f.claim_id}")
        out += _claim(f, positions[f.claim_id], y_axis, states.get(f.claim_id, "alone"), name)
    if left_out:
        words = ngettext(
            "%(count)s claim in other units or currencies not drawn.",
            "%(count)s claims in other units or currencies not drawn.",
            left_out,
        ) % {"count": left_out}
        out.append(
            f'<text x="{LEFT}" y="{HEIGHT - 8}" font-size="11" fill="#6b6b6b">{_text(words)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def human_number(value: float, decimals: int = 0) -> str:
    """6000 -> "6,000"; 1500000 -> "1.5M"; 2e9 -> "2B"; 0.25 (decimals=2) -> "0.25";
    1.2e16 -> "1.2e16" (past a thousand trillion, a suffix no longer helps)."""
    if abs(value) >= 1e15:
        return f"{value:.3g}".replace("e+", "e")
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    text = f"{value:,.{decimals}f}"
    return "0" if text.strip("-0.,") == "" else text


def _claim(f: Figure, x: float, y_axis: _YAxis, state: str, name: str) -> list[str]:
    colour = COLOURS[state]
    b = f.bounds
    top = y_axis.top if b.high is None else y_axis.y(b.high)
    bottom = y_axis.bottom if b.low is None else y_axis.y(b.low)
    what = {
        "conflict": _("in conflict"),
        "agree": _("agrees"),
        "alone": _("nothing to compare"),
    }[state]
    tip = _("%(name)s %(figure)s (%(bounds)s), %(date)s: %(state)s") % {
        "name": name,
        "figure": f.label,
        "bounds": b.describe(),
        "date": _short_date(f.as_of, "j M Y"),
        "state": what,
    }
    out = [f"<g><title>{_text(tip)}</title>"]
    if b.low != b.high or b.low is None:
        out.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{colour}" stroke-width="4" stroke-opacity="0.45"/>'
        )
        out += _end(x, top, b.high, b.high_open, colour, up=True)
        out += _end(x, bottom, b.low, b.low_open, colour, up=False)
    # A vague amount ("tens of thousands") states no single figure: its bar is all there is.
    dot = (top + bottom) / 2 if f.hedge == Hedge.VAGUE else y_axis.y(f.magnitude)
    if state == "conflict":
        out.append(
            f'<circle cx="{x:.1f}" cy="{dot:.1f}" r="9" fill="none" stroke="{colour}" '
            'stroke-width="2"/>'
        )
    if f.hedge in (Hedge.MORE_THAN, Hedge.LESS_THAN):  # the stated value itself is excluded
        out.append(
            f'<circle cx="{x:.1f}" cy="{dot:.1f}" r="4.5" fill="#ffffff" stroke="{colour}" '
            'stroke-width="2"/>'
        )
    elif f.hedge != Hedge.VAGUE:
        out.append(f'<circle cx="{x:.1f}" cy="{dot:.1f}" r="4.5" fill="{colour}"/>')
    out.append(
        f'<text x="{x + 11:.1f}" y="{dot + 4:.1f}" font-size="10" fill="{colour}">'
        f"{_text(name)}</text></g>"
    )
    return out


def _end(x, y, bound, is_open, colour, *, up) -> list[str]:
    if bound is None:  # unbounded: an arrow at the plot's edge
        tip, base = (y - 2, y + 8) if up else (y + 2, y - 8)
        return [
            f'<polygon points="{x:.1f},{tip:.1f} {x - 6:.1f},{base:.1f} {x + 6:.1f},{base:.1f}" '
            f'fill="{colour}"/>'
        ]
    if is_open:  # a strict end: the value itself is excluded
        return [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#ffffff" stroke="{colour}" '
            'stroke-width="1.5"/>'
        ]
    return [
        f'<line x1="{x - 6:.1f}" y1="{y:.1f}" x2="{x + 6:.1f}" y2="{y:.1f}" stroke="{colour}" '
        'stroke-width="2"/>'
    ]


def _short_date(day: datetime.date, style: str) -> str:
    """ "7 Jun 2019" in English, "7 jun 2019" in Spanish (Django's "M" capitalises every language).
    `style`: "j M Y", "j M" or "M Y"."""
    month = str(MONTHS_3[day.month])
    month = month.title() if (get_language() or "en").startswith("en") else month
    words = {"j": str(day.day), "M": month, "Y": str(day.year)}
    return " ".join(words[part] for part in style.split())


def _legend() -> list[str]:
    out, x = [], LEFT
    for state, words in LEGEND:
        out.append(f'<circle cx="{x + 5}" cy="38" r="4.5" fill="{COLOURS[state]}"/>')
        out.append(f'<text x="{x + 14}" y="42" font-size="11" fill="#333">{_text(words)}</text>')
        x += 24 + 7 * len(words)
    out.append(
        f'<text x="{LEFT}" y="58" font-size="10.5" fill="#555">'
        + _text(
            _(
                "Bars: the interval a hedge allows. Arrow: no limit that way. Hollow end: that "
                "value itself excluded (“more than”)."
            )
        )
        + "</text>"
    )
    return out


def _positions(figures: list[Figure], x_axis: _XAxis) -> dict[int, float]:
    """x of each claim; claims on the same date stand side by side, not on top of each other."""
    same_day = defaultdict(list)
    for f in figures:
        same_day[f.as_of].append(f.claim_id)
    positions = {}
    for day, ids in same_day.items():
        centre = x_axis.x(day)
        for i, claim_id in enumerate(ids):
            offset = (i - (len(ids) - 1) / 2) * 26
            positions[claim_id] = min(max(centre + offset, LEFT + 10), WIDTH - RIGHT - 24)
    return positions


class _YAxis:
    top, bottom = TOP + 10, HEIGHT - BOTTOM

    def __init__(self, figures: list[Figure]):
        values = [float(f.magnitude) for f in figures]
        for f in figures:
            values += [float(v) for v in (f.bounds.low, f.bounds.high) if v is not None]
        low, high = min(values), max(values)
        span = high - low
        # A span below what floats resolve at this size (1e16 and 1e16 + 2) or a denormal one
        # cannot be divided into ticks: draw such values as one, on an axis around them.
        if _normal(span) and span > max(abs(low), abs(high)) * _RESOLUTION:
            pad = span * 0.12
        else:
            pad = abs(high) * 0.2 if _normal(high * 0.2) else 1.0
        self.low = 0.0 if low >= 0 and low - pad < 0 else low - pad
        self.high = high + pad
        self.step = _nice_step((self.high - self.low) / 5)

    def y(self, value) -> float:
        share = (float(value) - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)

    def draw(self, unit: str) -> list[str]:
        decimals = max(0, -math.floor(math.log10(self.step))) if self.step < 1 else 0
        out = []
        # Ticks by index, not by adding the step: a sum can stop growing (or drift) in floats.
        first = math.ceil(self.low / self.step)
        last = math.floor(self.high / self.step + 1e-9)
        for index in range(first, min(last, first + _MAX_TICKS - 1) + 1):
            tick = index * self.step
            y = self.y(tick)
            out.append(
                f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                'stroke="#e3e3e3" stroke-width="1"/>'
            )
            out.append(
                f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="11" fill="#444" '
                f'text-anchor="end">{_text(human_number(tick, decimals))}</text>'
            )
        middle = (self.top + self.bottom) / 2
        out.append(
            f'<text x="16" y="{middle:.1f}" font-size="11" fill="#444" text-anchor="middle" '
            f'transform="rotate(-90 16 {middle:.1f})">{_text(_shorten(unit, 40))}</text>'
        )
        out.append(
            f'<line x1="{LEFT}" y1="{self.bottom}" x2="{WIDTH - RIGHT}" y2="{self.bottom}" '
            'stroke="#888" stroke-width="1"/>'
        )
        return out


class _XAxis:
    left, right = LEFT + 30, WIDTH - RIGHT - 40

    def __init__(self, dates: list[datetime.date]):
        first, last = min(dates), max(dates)
        if first == last:
            first, last = first - datetime.timedelta(days=15), last + datetime.timedelta(days=15)
        self.first, self.last = first, last

    def x(self, day: datetime.date) -> float:
        share = (day - self.first).days / (self.last - self.first).days
        return self.left + share * (self.right - self.left)

    def draw(self) -> list[str]:
        out = []
        y = HEIGHT - BOTTOM
        for day, label in self._ticks():
            x = self.x(day)
            out.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 5}" stroke="#888"/>')
            out.append(
                f'<text x="{x:.1f}" y="{y + 19}" font-size="11" fill="#444" '
                f'text-anchor="middle">{label}</text>'
            )
        return out

    def _ticks(self) -> list[tuple[datetime.date, str]]:
        span = (self.last - self.first).days
        if span <= 62:
            step = max(1, math.ceil(span / 6))
            days = [self.first + datetime.timedelta(days=d) for d in range(0, span + 1, step)]
            return [(d, _short_date(d, "j M Y" if i == 0 else "j M")) for i, d in enumerate(days)]
        months = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month
        step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120, 1200) if months / s <= 7)
        ticks, year = [], self.first.year
        month = self.first.month + (0 if self.first.day == 1 else 1)
        while True:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            day = datetime.date(year, month, 1)
            if day > self.last:
                return ticks
            if ((year * 12 + month - 1) % step) == 0:
                label = f"{day:%Y}" if step >= 12 else _short_date(day, "M Y")
                ticks.append((day, label))
            month += 1


def _normal(value: float) -> bool:
    """Finite, and not zero or denormal (too small to divide into ticks)."""
    return math.isfinite(value) and abs(value) >= sys.float_info.min


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _text(value) -> str:
    return escape(_NOT_XML.sub("", str(value)), {'"': "&quot;", "'": "&apos;"})


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
