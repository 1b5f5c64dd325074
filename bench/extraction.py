"""Score ``claims.figures.parsing.find_quantities`` on NewsQuant against quantulum3.

    .venv/bin/python bench/extraction.py [--data PATH] [--errors N] [--seeds] [--spanish-errors N]

Scoring follows the CQE paper (EMNLP 2023) as ../shared/benchmarks/newsquant/README.md describes
it: a prediction matches a gold quantity when the values are equal within a relative tolerance of
1e-5 (a range needs both ends equal, in the order written); "value+change" also needs the change
label equal. Precision, recall and F1 are summed over all sentences. Each prediction may match one
gold quantity at most; the paper's script lets one prediction match several gold quantities when
their units differ, which would flatter a system whose units it cannot normalise, like ours.

Our hedges map to NewsQuant labels as exact "=", approx "~", at_least/more_than ">",
at_most/less_than "<", and a stated change wins: increase "up", decrease "down". A range or vague
amount ("thousands of") is scored as the pair (low, high) with "=", which is how NewsQuant writes
"between 5 and 6" and "millions of" (1e6-1e7). quantulum3 reports single values, so, as in the
paper, gold ranges are compared with their midpoint for it, and it has no change label.

The Spanish set (Recognizers-Text's Spanish specs, ../shared/benchmarks/recognizers_es) is
scored as its README asks: the share of annotated figures found with the right value. Each spec
marks one kind of figure only, so precision is not scored. A range matches on both ends, an open end
("por lo menos 20") on the end it states. The Mexican spec is read as ``es-MX``, the rest as ``es``.
quantulum3 0.10 ships English only, so it reads the Spanish set with its English parser.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import warnings
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.claimants import find_claimant  # noqa: E402
from claims.figures.parsing import (  # noqa: E402
    APPROX,
    AT_LEAST,
    AT_MOST,
    DECREASE,
    EXACT,
    INCREASE,
    LESS_THAN,
    MORE_THAN,
    RANGE,
    VAGUE,
    Quantity,
    find_quantities,
)
from claims.periods import find_period  # noqa: E402

DEFAULT_DATA = (
    Path(__file__).resolve().parents[2] / "shared/benchmarks/newsquant/newsquant_dev.json"
)
SPANISH = Path(__file__).resolve().parents[2] / "shared/benchmarks/recognizers_es"
MEXICAN_NEWS = Path(__file__).resolve().parent / "data/mexican_news.json"
CONTEXT = Path(__file__).resolve().parent / "data/claim_context.json"
SEEDS = Path(__file__).resolve().parents[2] / "shared/seeds"
HEDGE_LABELS = {
    EXACT: "=",
    APPROX: "~",
    AT_LEAST: ">",
    MORE_THAN: ">",
    AT_MOST: "<",
    LESS_THAN: "<",
    RANGE: "=",
    VAGUE: "=",
}
CHANGE_LABELS = {INCREASE: "up", DECREASE: "down"}

Value = float | tuple[float, float]


@dataclass(frozen=True)
class Item:
    value: Value
    change: str | None
    label: str  # for error listings


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    value: int = 0
    value_change: int = 0
    seconds: float = 0.0
    sentences: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f


def gold_value(raw: str, average_ranges: bool = False) -> Value:
    raw = str(raw).strip()
    if "-" in raw and "E" not in raw and not raw.startswith("-"):
        low, high = (float(part) for part in raw.split("-", 1))
        return (low + high) / 2 if average_ranges else (low, high)
    return float(raw)


def same_value(a: Value, b: Value) -> bool:
    if isinstance(a, tuple) != isinstance(b, tuple):
        return False
    if isinstance(a, tuple):
        return all(
            math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8) for x, y in zip(a, b, strict=True)
        )
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


def ours(q: Quantity) -> Item:
    if q.hedge == RANGE and q.low is not None and q.high is not None:
        ends = (q.low, q.high) if q.value == q.low else (q.high, q.low)  # keep the written order
        value: Value = (float(ends[0]), float(ends[1]))
    elif q.hedge == VAGUE and q.low is not None and q.high is not None:
        value = (float(q.low), float(q.high))
    else:
        value = float(q.value)
    change = CHANGE_LABELS.get(q.change or "") or HEDGE_LABELS[q.hedge]
    return Item(value, change, q.text)


def match(gold: list[Item], predicted: list[Item], with_change: bool) -> tuple[int, list, list]:
    """One-to-one greedy matching in reading order: (hits, missed gold, unmatched predictions)."""
    free = list(predicted)
    missed = []
    for g in gold:
        for p in free:
            if same_value(g.value, p.value) and (not with_change or g.change == p.change):
                free.remove(p)
                break
        else:
            missed.append(g)
    return len(gold) - len(missed), missed, free


def run_system(name, data, extract, average_ranges, errors: int, repeat: int = 1) -> Tally:
    """Score one system; sentences/s is the best of ``repeat`` passes, because the machine is
    shared and a pass that another process interrupts says nothing about the parser."""
    tally = Tally(sentences=len(data))
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        predictions = [extract(item["text"]) for item in data]
        times.append(time.perf_counter() - started)
    tally.seconds = min(times)
    shown = 0
    for item, predicted in zip(data, predictions, strict=True):
        gold = [
            Item(gold_value(q["value"], average_ranges), q["change"], f"{q['value']} {q['unit']}")
            for q in item["quantities"]
        ]
        tally.gold += len(gold)
        tally.predicted += len(predicted)
        hits, missed, extra = match(gold, predicted, with_change=False)
        tally.value += hits
        hits_change, missed_change, _ = match(gold, predicted, with_change=True)
        tally.value_change += hits_change
        if shown < errors and (missed or extra or len(missed_change) > len(missed)):
            shown += 1
            print(f"[{name}] {item['text']}")
            for g in missed:
                print(f"    missed   {g.value} {g.change}  ({g.label})")
            for p in extra:
                print(f"    extra    {p.value} {p.change}  ({p.label!r})")
            for g in missed_change:
                if g not in missed:
                    got = [p for p in predicted if same_value(p.value, g.value)]
                    print(f"    change   gold {g.change} got {[p.change for p in got]} {g.value}")
    return tally


def quantulum_extractor():
    warnings.filterwarnings("ignore")
    from quantulum3 import parser

    def extract(text: str) -> list[Item]:
        return [Item(float(q.value), None, q.surface) for q in parser.parse(text)]

    extract("warm up 5 km")  # loads its unit tables before the clock starts
    return extract


def print_table(rows: list[tuple[str, Tally, bool]]) -> None:
    head = f"{'system':<12} {'value P':>8} {'R':>6} {'F1':>6}   {'value+change P':>14} {'R':>6}"
    print(f"{head} {'F1':>6}   {'sentences/s':>11}")
    for name, tally, has_change in rows:
        p, r, f = tally.prf(tally.value)
        line = f"{name:<12} {p:8.1f} {r:6.1f} {f:6.1f}   "
        if has_change:
            cp, cr, cf = tally.prf(tally.value_change)
            line += f"{cp:14.1f} {cr:6.1f} {cf:6.1f}   "
        else:
            line += f"{'-':>14} {'-':>6} {'-':>6}   "
        print(line + f"{tally.sentences / tally.seconds:11.0f}")
    print(
        f"({rows[0][1].sentences} sentences, {rows[0][1].gold} gold quantities; "
        "factdb's sentences/s is the best of 5 passes)"
    )


def seed_check() -> None:
    """Figures found in each seed article, and whether they include every seed fixture figure."""
    fixtures = sorted((Path(__file__).resolve().parents[1] / "fixtures").glob("*.json"))
    claims = [
        item["fields"]
        for path in fixtures
        for item in json.loads(path.read_text(encoding="utf-8"))
        if item["model"] == "claims.claim"
    ]
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = find_quantities(text)
        figures = {(q.value, q.hedge) for q in found}
        mine = [c for c in claims if c["quote"] in text]
        missed = [c for c in mine if (Decimal(c["value"]), c["hedge"]) not in figures]
        print(
            f"seed {path.name}: {len(found)} figures found; "
            f"{len(mine) - len(missed)}/{len(mine)} seed fixture figures among them"
        )
        for claim in missed:
            figure = f"{claim['value']} {claim['hedge']} {claim['unit']}"
            print(f"  missed: {figure}: {claim['quote'][:60]}")


@dataclass
class SpanishTally:
    figures: int = 0
    found: int = 0
    sentences: int = 0
    seconds: float = 0.0


def spanish_gold(q: dict) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(value, low, high) of one annotated figure; a range has no value, an open end no bound."""

    def dec(raw):
        return None if raw in (None, "") else Decimal(str(raw))

    return dec(q.get("value")), dec(q.get("low")), dec(q.get("high"))


def spanish_found(gold, predicted: list[tuple[Decimal, Decimal | None, Decimal | None]]) -> bool:
    """Equal within the NewsQuant tolerance (two thirds is 0.666667 either way)."""

    def close(a, b) -> bool:
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=1e-5, abs_tol=1e-8)

    value, low, high = gold
    if value is not None:
        return any(close(p[0], value) for p in predicted)
    return any(close(p[1], low) and close(p[2], high) for p in predicted)


def run_spanish(name: str, extract, errors: int) -> dict[str, SpanishTally]:
    """Per spec file: how many annotated figures the system finds with the right value."""
    tallies: dict[str, SpanishTally] = {}
    shown = 0
    for path in sorted(SPANISH.glob("*_dev.json")):
        language = "es-MX" if "_mx" in path.name else "es"
        data = json.loads(path.read_text(encoding="utf-8"))
        tally = tallies[path.stem.removesuffix("_dev")] = SpanishTally(sentences=len(data))
        started = time.perf_counter()
        predictions = [extract(item["text"], language) for item in data]
        tally.seconds = time.perf_counter() - started
        for item, predicted in zip(data, predictions, strict=True):
            for q in item["quantities"]:
                tally.figures += 1
                if spanish_found(spanish_gold(q), predicted):
                    tally.found += 1
                elif shown < errors:
                    shown += 1
                    got = [tuple(str(x) for x in p) for p in predicted]
                    print(f"[{name} {path.stem}] {item['text']!r}: {q['text']!r} -> {got}")
    return tallies


def print_spanish(rows: list[tuple[str, dict[str, SpanishTally]]]) -> None:
    names = list(rows[0][1])
    print("\nRecognizers-Text Spanish (dev half): share of figures found with the right value")
    print(f"{'system':<12} " + " ".join(f"{n:>10}" for n in names) + f" {'all':>8}")
    for system, tallies in rows:
        cells = [
            f"{100 * t.found / t.figures:10.1f}" if t.figures else f"{'-':>10}"
            for t in tallies.values()
        ]
        found = sum(t.found for t in tallies.values())
        figures = sum(t.figures for t in tallies.values())
        print(f"{system:<12} " + " ".join(cells) + f" {100 * found / figures:8.1f}")
    total = rows[0][1].values()
    print(f"({sum(t.sentences for t in total)} cases, {sum(t.figures for t in total)} figures)")


def mexican_news_check(show: bool) -> None:
    """Recall and precision of figures on hand-annotated sentences from real Mexican news."""
    items = json.loads(MEXICAN_NEWS.read_text(encoding="utf-8"))["sentences"]
    gold_n = found = predicted = right = 0
    for item in items:
        gold = {Decimal(v) for v in item["values"]}
        quantities = find_quantities(item["text"], "es-MX")
        ends = [
            {q.value} | ({q.low, q.high} - {None} if q.hedge == RANGE else set())
            for q in quantities
        ]
        seen = set().union(*ends) if ends else set()
        gold_n += len(gold)
        found += len(gold & seen)
        predicted += len(quantities)
        right += sum(1 for e in ends if e <= gold)
        if show and (gold - seen or any(not e <= gold for e in ends)):
            got = [str(q.value) + (f"..{q.high}" if q.hedge == RANGE else "") for q in quantities]
            print(f"  {item['text'][:90]}\n    gold {sorted(map(str, gold))} got {got}")
    print(
        f"\nMexican news ({len(items)} hand-annotated sentences, es-MX): figures found "
        f"{found}/{gold_n} ({100 * found / gold_n:.1f}% recall), "
        f"{right}/{predicted} proposals right ({100 * right / max(predicted, 1):.1f}% precision)"
    )


def context_check(show: bool) -> None:
    """Claimant and period on the hand-annotated sentences of bench/data/claim_context.json,
    read the way claims.extraction.propose reads them (one figure per sentence is scored)."""
    import datetime

    items = json.loads(CONTEXT.read_text(encoding="utf-8"))["sentences"]
    right_claimant = right_period = 0
    for item in items:
        published = datetime.date.fromisoformat(item["published"])
        found = find_quantities(item["text"], item["language"])
        q = next((q for q in found if q.value == Decimal(item["value"])), None)
        claimant = find_claimant(item["text"], item["language"], figure_at=q.start if q else None)
        period = find_period(item["text"], published, item["language"])
        gold = item["period"] and tuple(
            published if d == "claim" else datetime.date.fromisoformat(d) for d in item["period"]
        )
        ok_claimant = (
            claimant is None
            if item["claimant"] is None
            else claimant is not None
            and any(g.lower() in claimant.lower() for g in item["claimant"])
        )
        ok_period = (period or None) == (gold or None)
        right_claimant += ok_claimant
        right_period += ok_period
        if show and not (ok_claimant and ok_period and q):
            print(f"  {item['text'][:90]}")
            print(f"    figure {q and q.value}  claimant {claimant!r} (gold {item['claimant']})")
            print(f"    period {period} (gold {gold})")
    n = len(items)
    print(
        f"\nClaimant and period on {n} hand-annotated sentences from real articles: "
        f"claimant right {right_claimant}/{n}, period right {right_period}/{n}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NewsQuant-format JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show N sentences")
    parser.add_argument("--seeds", action="store_true", help="only count figures in seed articles")
    parser.add_argument(
        "--spanish-errors", type=int, default=0, metavar="N", help="show N missed Spanish figures"
    )
    parser.add_argument("--context-errors", action="store_true", help="list claimant/period misses")
    parser.add_argument("--no-baseline", action="store_true", help="skip quantulum3")
    args = parser.parse_args(argv)
    if args.seeds:
        seed_check()
        return 0
    if not args.data.is_file():
        print(f"benchmark data not found: {args.data} (pass --data PATH)", file=sys.stderr)
        return 2
    data = json.loads(args.data.read_text(encoding="utf-8"))

    def extract(text: str) -> list[Item]:
        return [ours(q) for q in find_quantities(text)]

    rows = [("factdb", run_system("factdb", data, extract, False, args.errors, repeat=5), True)]
    if not args.no_baseline:
        tally = run_system("quantulum3", data, quantulum_extractor(), True, 0)
        rows.append(("quantulum3", tally, False))
    print_table(rows)
    if SPANISH.is_dir():

        def spanish(text: str, language: str):
            return [(q.value, q.low, q.high) for q in find_quantities(text, language=language)]

        spanish_rows = [("factdb", run_spanish("factdb", spanish, args.spanish_errors))]
        if not args.no_baseline:
            parse = quantulum_extractor()

            def baseline(text: str, language: str):
                return [(Decimal(str(p.value)), None, None) for p in parse(text)]

            spanish_rows.append(("quantulum3", run_spanish("quantulum3", baseline, 0)))
        print_spanish(spanish_rows)
    if MEXICAN_NEWS.is_file():
        mexican_news_check(args.context_errors)
    if CONTEXT.is_file():
        context_check(args.context_errors)
    if SEEDS.is_dir():
        seed_check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
