"""Synthetic newsroom data for load tests, as plain column dicts (no ORM), deterministic per seed.

`Newsroom(n, seed=…, first_ids=…, editor_ids=…, tag_ids=…)` makes publishers, claimants and
measures up front, then `groups()` yields one source at a time with its claims, their tags and
verification notes. Rows carry explicit ids (from `first_ids`), so the loader can write every
table with COPY without asking the database for keys. Rows satisfy every check constraint of
claims.models and sources.models: implied intervals and normalised figures as Claim.save()
computes them, ranges with both ends, offsets both-or-none and equal to the source text,
periods in order, version 1.

Quotes read like copy ("Officials said more than 1,200 migrants …") followed by words drawn
from a Zipf-distributed vocabulary, so a full-text search meets realistic selectivity:
COMMON_TERM ("border") is in roughly one claim in eight, RARE_TERM ("quokka") in one in ten
thousand. Claims are created in time order over ten years, a few minutes apart within a source.
"""

import datetime
import hashlib
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from bench import synthetic_words as words
from bench.synthetic_words import COMMON_TERM, RARE_TERM  # noqa: F401  (named for benchmarks)
from claims.figures import hedges
from claims.figures.hedges import implied_interval
from claims.figures.units import stored_figure

START = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)
SPAN = datetime.timedelta(days=3652)
CHANGE_REASON = "generate_claims"

HEDGES = [
    (hedges.EXACT, 35),
    (hedges.APPROX, 15),
    (hedges.AT_LEAST, 8),
    (hedges.MORE_THAN, 12),
    (hedges.AT_MOST, 10),
    (hedges.LESS_THAN, 5),
    (hedges.RANGE, 10),
    (hedges.VAGUE, 5),
]
HEDGE_WORDS = {
    hedges.EXACT: "",
    hedges.APPROX: "about ",
    hedges.AT_LEAST: "at least ",
    hedges.MORE_THAN: "more than ",
    hedges.AT_MOST: "up to ",
    hedges.LESS_THAN: "fewer than ",
}
VAGUE_WORDS = {
    2: "hundreds of",
    3: "thousands of",
    4: "tens of thousands of",
    5: "hundreds of thousands of",
    6: "millions of",
}
STATUSES = [
    ("unverified", 45),
    ("in_review", 8),
    ("verified", 25),
    ("disputed", 5),
    ("false", 6),
    ("misleading", 5),
    ("unverifiable", 4),
    ("retracted", 2),
]
PUBLISHER_KINDS = [("news_outlet", 70), ("wire", 5), ("government", 10), ("advocacy", 8)]
PUBLISHER_KINDS += [("political", 4), ("academic", 2), ("other", 1)]
SOURCE_KINDS = [("article", 70), ("report", 10), ("press_release", 8), ("transcript", 6)]
SOURCE_KINDS += [("dataset", 2), ("post", 4)]


def _weighted(pairs):
    values = [v for v, _ in pairs]
    return values, list(itertools.accumulate(w for _, w in pairs))


def slug(text: str) -> str:
    return "-".join("".join(c for c in word if c.isalnum()) for word in text.lower().split())


@dataclass
class Group:
    """One source with everything generated under it."""

    source: dict
    claims: list[dict] = field(default_factory=list)
    claim_tags: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)


class Newsroom:
    def __init__(self, n_claims, *, seed, first_ids, editor_ids, tag_ids, taken_names=None):
        self.n = n_claims
        self.rng = random.Random(seed)
        self.ids = {table: itertools.count(start) for table, start in first_ids.items()}
        self.editor_ids, self.tag_ids = list(editor_ids), list(tag_ids)
        self.taken = {kind: set(names) for kind, names in (taken_names or {}).items()}
        self.vocab = words.vocabulary()
        ranks = range(1, len(self.vocab) + 1)
        self.vocab_weights = list(itertools.accumulate(1 / rank for rank in ranks))
        self.hedges, self.hedge_weights = _weighted(HEDGES)
        self.statuses, self.status_weights = _weighted(STATUSES)
        self.units = words.UNITS
        self.unit_weights = list(itertools.accumulate(u[-1] for u in self.units))
        self.languages, self.language_weights = _weighted(words.LANGUAGES)
        self.source_kinds, self.source_kind_weights = _weighted(SOURCE_KINDS)
        self.publishers = self._publishers(min(max(n_claims // 2000, 10), 2000))
        self.claimants = self._claimants(min(max(n_claims // 50, 20), 20_000))
        self.measures = self._measures(min(max(n_claims // 20_000, 2), 50))
        self._measures_by_unit = {}
        for measure in self.measures:
            self._measures_by_unit.setdefault(measure["default_unit"], []).append(measure["id"])
        self._source_keys = set()
        self._source_ids = []

    # -- helpers -------------------------------------------------------------------------------

    def _words(self, low, high) -> str:
        k = self.rng.randint(low, high)
        return " ".join(self.rng.choices(self.vocab, cum_weights=self.vocab_weights, k=k))

    def _pick(self, values, cum_weights):
        return self.rng.choices(values, cum_weights=cum_weights)[0]

    def _unique(self, kind, name) -> str:
        taken = self.taken.setdefault(kind, set())
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name} {n}"
        taken.add(candidate)
        return candidate

    # -- reference data ------------------------------------------------------------------------

    def _publishers(self, count) -> list[dict]:
        kinds, kind_weights = _weighted(PUBLISHER_KINDS)
        rows = []
        for _ in range(count):
            name = self._unique(
                "publisher",
                f"The {self.rng.choice(words.PLACES)} {self.rng.choice(words.PUBLISHER_NOUNS)}",
            )
            rows.append(
                {
                    "id": next(self.ids["publisher"]),
                    "name": name,
                    "homepage": f"https://{slug(name)}.example/",
                    "kind": self._pick(kinds, kind_weights),
                    "feed_url": "",
                }
            )
        return rows

    def _claimants(self, count) -> list[dict]:
        rows = []
        for _ in range(count):
            if self.rng.random() < 0.3:
                kind = "organisation"
                name = f"{self.rng.choice(words.PLACES)} {self.rng.choice(words.ORG_KINDS)}"
                description = ""
            else:
                kind = "person"
                initial = chr(65 + self.rng.randrange(26))
                name = f"{self.rng.choice(words.FIRST_NAMES)} {initial}. "
                name += self.rng.choice(words.LAST_NAMES)
                description = f"{self.rng.choice(words.TITLES)}, {self.rng.choice(words.PLACES)}"
            wikidata = f"Q{self.rng.randrange(1, 10**8)}" if self.rng.random() < 0.2 else ""
            rows.append(
                {
                    "id": next(self.ids["claimant"]),
                    "name": self._unique("claimant", name),
                    "kind": kind,
                    "description": description,
                    "wikidata_id": wikidata,
                }
            )
        return rows

    def _measures(self, per_unit) -> list[dict]:
        rows = []
        for unit, *_ in self.units:
            for _ in range(per_unit):
                label = f"{unit.capitalize()} {self.rng.choice(words.MEASURE_TOPICS)}, "
                label += f"{self.rng.choice(words.PLACES)}, {self.rng.randint(2010, 2025)}"
                rows.append(
                    {
                        "id": next(self.ids["measure"]),
                        "label": self._unique("measure", label),
                        "definition": self._words(8, 20).capitalize() + ".",
                        "default_unit": unit,
                        "cumulative": self.rng.random() < 0.2,
                        "created_at": START,
                    }
                )
        return rows

    # -- sources and claims --------------------------------------------------------------------

    def groups(self) -> Iterator[Group]:
        made = 0
        while made < self.n:
            size = min(1 + int(self.rng.expovariate(1 / 7)), self.n - made)
            yield self._group(made, size)
            made += size

    def _group(self, first, size) -> Group:
        created = START + SPAN * (first / self.n)
        created += datetime.timedelta(seconds=self.rng.randrange(3600))
        group = Group(source=self._source(created))
        source = group.source
        snapshot = self.rng.random() < 0.08
        text_parts, offset = [], 0
        for k in range(size):
            claim = self._claim(source, created + datetime.timedelta(minutes=3 * k + 1))
            if snapshot:
                claim["quote_start"], claim["quote_end"] = offset, offset + len(claim["quote"])
                text_parts.append(claim["quote"])
                offset += len(claim["quote"]) + 1
            group.claims.append(claim)
            for tag_id in self.rng.sample(self.tag_ids, self.rng.choice((0, 0, 1, 1, 1, 2, 3))):
                group.claim_tags.append(
                    {"id": next(self.ids["claim_tag"]), "claim_id": claim["id"], "tag_id": tag_id}
                )
            note = self._note(claim)
            if note:
                group.notes.append(note)
        if snapshot:
            source["text"] = " ".join(text_parts)
            source["text_sha256"] = hashlib.sha256(source["text"].encode()).hexdigest()
        return group

    def _source(self, created) -> dict:
        rng = self.rng
        publisher = rng.choice(self.publishers)
        if rng.random() < 0.85:
            published = (created - datetime.timedelta(days=rng.randrange(4))).date()
        else:  # archival: an old report entered today
            published = (created - datetime.timedelta(days=rng.randrange(30, 4400))).date()
        precision = rng.choices(("day", "month", "year"), cum_weights=(90, 97, 100))[0]
        if precision == "month":
            published = published.replace(day=1)
        elif precision == "year":
            published = published.replace(month=1, day=1)
        source_id = next(self.ids["source"])
        title = self._words(4, 9).capitalize()
        key = (publisher["id"], title, published)
        if key in self._source_keys:
            title = f"{title} ({source_id})"
        self._source_keys.add((publisher["id"], title, published))
        has_url = rng.random() < 0.9
        url = f"{publisher['homepage']}{published:%Y/%m}/{source_id}" if has_url else None
        translation_of = None
        if self._source_ids and rng.random() < 0.02:
            translation_of = rng.choice(self._source_ids[-500:])
        self._source_ids.append(source_id)
        authors = ""
        if rng.random() < 0.7:
            authors = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
        return {
            "id": source_id,
            "title": title,
            "url": url,
            "authors": authors,
            "published_on": published,
            "date_precision": precision,
            "retrieved_at": created,
            "final_url": "",
            "raw_sha256": "",
            # JSON as text: what COPY and SQLite's executemany both take for a JSON column.
            "page_starts": "[]",
            "language": self._pick(self.languages, self.language_weights),
            "kind": self._pick(self.source_kinds, self.source_kind_weights),
            "text": "",
            "text_sha256": "",
            "text_is_excerpt": False,
            "archive_url": f"https://archive.example/{source_id}" if rng.random() < 0.3 else "",
            "notes": "",
            "withdrawn_at": None,
            "withdrawn_reason": "",
            "created_at": created,
            "updated_at": created,
            "publisher_id": publisher["id"],
            "translation_of_id": translation_of,
        }

    def _claim(self, source, created) -> dict:
        rng = self.rng
        unit, currency, low_exp, high_exp, rates, _ = self._pick(self.units, self.unit_weights)
        value, hedge, low, high, phrase = self._figure(unit, currency, low_exp, high_exp)
        rate = rng.choice(rates) if rates and rng.random() < 0.3 else ""
        if rate:
            phrase += f" a {rate}"
        quote = f"{rng.choice(words.OPENINGS)} {phrase} {self._words(6, 14)}"
        if rng.random() < 0.3:
            quote += f" in {rng.choice(words.PLACES)}"
        claim_date = source["published_on"]
        if rng.random() < 0.1:
            claim_date -= datetime.timedelta(days=rng.randrange(1, 400))
        period_start = period_end = None
        if rng.random() < 0.25:
            period_end = claim_date
            period_start = claim_date - datetime.timedelta(days=rng.randrange(30, 3650))
        status = self._pick(self.statuses, self.status_weights)
        measures = self._measures_by_unit.get(unit)
        stored = stored_figure(value, low, high, unit, currency, rate)
        return {
            "id": next(self.ids["claim"]),
            "quote": quote + ".",
            "quote_start": None,
            "quote_end": None,
            "summary": self._words(3, 7).capitalize() if rng.random() < 0.6 else "",
            "attribution": "asserted" if rng.random() < 0.7 else "reported",
            "value": value,
            "hedge": hedge,
            "value_low": low,
            "value_high": high,
            "unit": unit,
            "currency": currency,
            "rate_period": rate,
            "unit_family": stored.family,
            "value_normalised": stored.value,
            "value_low_normalised": stored.low,
            "value_high_normalised": stored.high,
            "claim_date": claim_date,
            "period_start": period_start,
            "period_end": period_end,
            "place": rng.choice(words.PLACES) if rng.random() < 0.6 else "",
            "status": status,
            "origin": "manual" if rng.random() < 0.6 else "extracted",
            "created_at": created,
            "updated_at": created,
            "version": 1,
            "assignee_id": (
                rng.choice(self.editor_ids)
                if status in ("unverified", "in_review") and rng.random() < 0.1
                else None
            ),
            "claimant_id": (
                self.claimants[int(len(self.claimants) * rng.random() ** 2)]["id"]
                if rng.random() < 0.85
                else None
            ),
            "created_by_id": rng.choice(self.editor_ids),
            "source_id": source["id"],
            "measure_id": rng.choice(measures) if measures and rng.random() < 0.35 else None,
        }

    def _figure(self, unit, currency, low_exp, high_exp):
        """(value, hedge, low, high, words) of one figure; low/high as Claim.save() stores them."""
        rng = self.rng
        x = 10 ** rng.uniform(low_exp, high_exp)
        percent = unit == "percent"
        value = Decimal(f"{x:.1f}") if percent else _round_newsy(x, rng.choice((1, 2, 2, 3, 4)))
        if percent and rng.random() < 0.1:
            value = -value
        hedge = self._pick(self.hedges, self.hedge_weights)
        magnitude = int(math.log10(value)) if value >= 100 else 0
        if hedge == hedges.VAGUE and (percent or currency or magnitude not in VAGUE_WORDS):
            hedge = hedges.APPROX
        if hedge == hedges.VAGUE:
            low = Decimal(10) ** magnitude
            return low, hedge, low, low * 10, f"{VAGUE_WORDS[magnitude]} {unit}"
        if hedge == hedges.RANGE:
            high = value + _round_newsy(float(abs(value)) * rng.uniform(0.2, 2), 2)
            text = f"between {_number(value, currency)} and {_number(high, currency)}"
            return value, hedge, value, high, f"{text} {_unit_words(unit, currency)}".rstrip()
        low, high = implied_interval(value, hedge)
        hedge_words = HEDGE_WORDS[hedge]
        if hedge == hedges.LESS_THAN and (percent or currency):
            hedge_words = "less than "
        text = f"{hedge_words}{_number(value, currency)} {_unit_words(unit, currency)}"
        return value, hedge, low, high, text.rstrip()

    def _note(self, claim) -> dict | None:
        rng = self.rng
        status = claim["status"]
        if status == "unverified" and rng.random() > 0.05:
            return None
        if status == "in_review" and rng.random() > 0.3:
            return None
        if status not in ("unverified", "in_review") and rng.random() > 0.6:
            return None
        created = claim["created_at"] + datetime.timedelta(hours=rng.randrange(1, 24 * 60))
        changes = status != "unverified"
        claim["updated_at"] = created if changes else claim["updated_at"]
        return {
            "id": next(self.ids["note"]),
            "body": f"Checked against {self._words(5, 15)}.",
            "status_from": "unverified" if changes else "",
            "status_to": status if changes else "",
            "evidence_url": f"https://evidence.example/{claim['id']}" if rng.random() < 0.4 else "",
            "evidence_quote": self._words(5, 12) if rng.random() < 0.2 else "",
            "created_at": created,
            "author_id": rng.choice(self.editor_ids),
            "claim_id": claim["id"],
        }


def _round_newsy(x: float, significant: int) -> Decimal:
    """Figures as newsrooms print them: 6,000 and 1.5 million rather than 6,127 and 1,503,876."""
    digits = int(math.floor(math.log10(max(x, 1)))) + 1
    quantum = 10 ** max(digits - significant, 0)
    return Decimal(max(int(round(x / quantum)) * quantum, 1))


def _number(value: Decimal, currency: str) -> str:
    sign = words.CURRENCY_SIGNS.get(currency, "")
    magnitude = abs(value)
    for scale, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if currency and magnitude >= scale:
            return f"{sign}{value / scale:.3g} {name}"
    return f"{sign}{value:,}"


def _unit_words(unit: str, currency: str) -> str:
    if currency:
        return ""
    return "percent" if unit == "percent" else unit
