"""Find the figures in news copy (claims.figures.formatting writes them back out).

Pure functions, no database: ``find_quantities`` proposes figures for a claim. Worked examples
(English is the default)::

    "up to 6,000 troops"             -> Quantity(value=6000, hedge=AT_MOST, unit="troops",
                                                 low=None, high=6000)
    "80,500 migrants deported"       -> Quantity(value=80500, hedge=EXACT, unit="migrants")
    "more than $800 a year"          -> Quantity(value=800, hedge=MORE_THAN, unit="USD",
                                                 currency="USD", per="year")
    "between 5,000 and 6,000 troops" -> Quantity(value=5000, hedge=RANGE, low=5000, high=6000)
    "tens of thousands of migrants"  -> Quantity(value=10000, hedge=VAGUE, low=10000, high=100000)
    "shares jumped by 33%"           -> Quantity(value=33, hedge=EXACT, unit="percent",
                                                 change=INCREASE)
    "hasta 6 mil elementos" (es)     -> Quantity(value=6000, hedge=AT_MOST, unit="elementos")
    "alrededor de 21,000 elementos" (es-MX) -> Quantity(value=21000, hedge=APPROX, ...)
    "21.500 personas" (es-ES)        -> value=21500; "1,5 millones" -> 1500000 in every region
    "6 mil 300 agentes" (es-MX)      -> value=6300; "63 millones 149 mil 245" -> 63149245
    "mayor que 100 y menor que 300"  -> Quantity(hedge=RANGE, low=100, high=300)
    "1.2m tons", "8 B people"        -> 1200000 tons, 8000000000 people
    "eight or nine euros"            -> two figures, 8 EUR and 9 EUR
    "a 4.2 percent drop", "-1.3%"    -> change=DECREASE
    "grew more than sixfold"         -> Quantity(value=6, hedge=MORE_THAN, unit="fold", ...)

The language tag picks the marks (``words.language_for``): in English and ``es-MX`` "6,000"
groups thousands and "3.141" is a decimal; in ``es-ES`` the reverse; plain ``es`` decides from the
digit groups; and a three-digit group ending in zero ("80.500", "6,000") groups thousands in every
region, since no one writes 80.5 as "80.500".

``low``/``high`` is the interval the hedge implies (:func:`claims.figures.hedges.implied_interval`):

* exact and approx: ``value, value``; at_least and more_than: ``value, None``;
  at_most and less_than: ``None, value``.
* range: ``min, max``; ``value`` is the figure stated first (the low end unless the copy runs
  downwards, as in "from 208 pounds to 193").
* vague: one order of magnitude with ``value == low``: "thousands of" is 1,000 to 10,000,
  "tens of thousands" 10,000 to 100,000, "dozens of" 12 to 120.

``text[start:end]`` spans the hedge ("up to", "between", "from"), sign, currency sign or code, the
number and its scale word, a range's second figure, the unit or counted noun when it follows
directly, and a rate ("a year"). Change verbs ("rose") stay outside the span.

Not proposed: years and dates ("24 jun", "30 de junio"), clock times, ordinals, names, codes and
labels ("A320", "COVID-19", "iPhone 11", "artículo 9"), phone numbers, "one" as a pronoun ("one
of the ...") and "un"/"una" as articles, scores after a verb of winning ("ganó 3-1"), and
spelled-out numbers hyphened into adjectives ("a four-door sedan").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from claims.figures import spanish
from claims.figures.hedges import implied_interval
from claims.figures.words import (
    APPROX,
    AT_LEAST,
    AT_MOST,
    ATTACHED_CURRENCY_WORDS,
    CHANGE_FILLERS,
    CHANGE_NOUNS,
    CHANGE_WITH_BY,
    COMPOUND_UNITS,
    CURRENCY_CODES,
    CURRENCY_PREFIX_WORDS,
    CURRENCY_SYMBOLS,
    DECREASE,
    EXACT,
    FRACTION_DENOMINATORS,
    FRACTIONS_EN,
    HEDGES,
    HYPHEN_PREFIXES,
    INCREASE,
    LABEL_WORDS,
    LESS_THAN,
    MEASURE_UNITS,
    MONEY_SUFFIX_SCALES,
    MORE_THAN,
    ORDINAL_SUFFIXES,
    PHRASAL_BEFORE_UP_DOWN,
    PRONOUN_ONE_AFTER,
    PRONOUN_ONE_BEFORE,
    RANGE,
    RATE_DENOMINATORS,
    SPANISH_MONEY_SCALES,
    SUFFIX_SCALES,
    TIME_WORDS,
    VAGUE,
    YEAR_LEADS,
    Language,
    Token,
    is_plural,
    language_for,
    tidy,
    to_decimal,
    tokenize,
)

__all__ = [
    "APPROX",
    "AT_LEAST",
    "AT_MOST",
    "DECREASE",
    "EXACT",
    "HEDGES",
    "INCREASE",
    "LESS_THAN",
    "MORE_THAN",
    "RANGE",
    "VAGUE",
    "Quantity",
    "find_quantities",
]


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    low: Decimal | None
    high: Decimal | None
    hedge: str
    change: str | None
    unit: str
    per: str | None
    start: int
    end: int
    currency: str | None = None
    text: str = ""


_DASHES = {"-", "–", "—", "−"}
_ES_ARTICLES = {"el", "la", "los", "las"}
_DAY_JOINERS = {"al", "a", "y", "to", "and", "-", "–"}
_SCORE_VERBS = set(
    """won beat lost defeated drew routed edged ganó perdió venció empató goleó derrotó cayó
    wins beats loses""".split()
)
_CHANGE_NOUNS_ES = {
    **dict.fromkeys("aumento alza incremento crecimiento repunte subida".split(), INCREASE),
    **dict.fromkeys("caída baja disminución reducción descenso contracción".split(), DECREASE),
}
_COUNT_MODIFIERS = {"more", "additional", "extra", "fewer", "new", "other", "further", "más"}
_METRE_CONTEXT = {"hurdles", "relays", "relay", "heats", "sprints", "metres", "meters"}
# After a figure, these nouns make it the size of a change: "a 4.2 percent drop", "a 5% rise".
_CHANGE_AFTER = {
    **{w: INCREASE for w in "increase rise gain jump growth hike surge climb".split()},
    **{w: DECREASE for w in "decrease drop fall decline cut reduction loss slump dip".split()},
}
_MULTIPLES = {
    "twofold": 2,
    "threefold": 3,
    "fourfold": 4,
    "fivefold": 5,
    "sixfold": 6,
    "sevenfold": 7,
    "eightfold": 8,
    "ninefold": 9,
    "tenfold": 10,
    "hundredfold": 100,
}
# Phrase tables indexed by their first word; the tables are module constants, so ids are stable.
_PHRASE_INDEX: dict[int, dict[str, list[tuple[str, ...]]]] = {}


@dataclass
class _Core:
    """A number read from the tokens, before hedges, ranges and units are attached."""

    value: Decimal
    first: int  # token index where the figure starts (sign or currency included)
    nxt: int  # token index after the number and its scale
    currency: str | None = None
    mult: int = 1  # scale applied ("million" -> 10**6)
    word: bool = False  # spelled out: "six", "a dozen"
    plain_int: bool = False  # bare digits: no separators, decimals or scale
    fraction: bool = False
    sign: str = ""
    unit: str = ""  # a unit the number word carries: "sixfold"


class _Scanner:
    """Walks the tokens of one text; ``match(i)`` reads the figure that starts at token i."""

    def __init__(self, text: str, lang: Language):
        self.text, self.lang = text, lang
        self.toks = tokenize(text, lang)
        self.n = len(self.toks)
        self.hedge_tails = {key[-1] for key in lang.hedges}  # "least" in "at least six"
        self.lows: list[str] | None = None  # lower-case words, built on the first Spanish number

    # -- token helpers ----------------------------------------------------------------------------
    def tok(self, k: int) -> Token | None:
        return self.toks[k] if 0 <= k < self.n else None

    def low(self, k: int) -> str:
        return self.toks[k].low if 0 <= k < self.n else ""

    def kind(self, k: int) -> str:
        return self.toks[k].kind if 0 <= k < self.n else ""

    def glued(self, k: int) -> bool:
        """Token k touches token k-1 with no space between."""
        return 0 < k < self.n and self.toks[k].start == self.toks[k - 1].end

    def phrase(self, k: int, table) -> tuple[int, object] | None:
        """Longest key of ``table`` (tuples of words) starting at token k, as (length, value)."""
        index = _PHRASE_INDEX.get(id(table))
        if index is None:
            index = _PHRASE_INDEX[id(table)] = {}
            for key in sorted(table, key=len, reverse=True):
                index.setdefault(key[0], []).append(key)
        for key in index.get(self.low(k), ()):
            if all(self.low(k + o) == w for o, w in enumerate(key[1:], 1)):
                return len(key), table[key] if isinstance(table, dict) else key
        return None

    def sentence_start(self, k: int) -> bool:
        return k == 0 or self.toks[k - 1].text in {".", "!", "?", ":", ";", '"', "“", "(", "—"}

    # -- reading a number -------------------------------------------------------------------------
    def currency_prefix(self, k: int) -> tuple[str | None, int]:
        t, nxt = self.tok(k), self.tok(k + 1)
        if t is None:
            return None, k
        if t.text in CURRENCY_SYMBOLS:
            if (
                nxt
                and nxt.low in CURRENCY_PREFIX_WORDS
                and nxt.text.isupper()
                and self.glued(k + 1)
            ):
                return CURRENCY_PREFIX_WORDS[nxt.low], k + 2  # "$US55,931,000", "$A82,615,680"
            return CURRENCY_SYMBOLS[t.text], k + 1
        if nxt is None:
            return None, k
        if t.low in CURRENCY_PREFIX_WORDS and nxt.text == "$" and t.text.upper() == t.text:
            if self.glued(k + 1) or t.low in {"us", "u.s.", "hk", "nz"}:
                return CURRENCY_PREFIX_WORDS[t.low], k + 2  # "US $7.2 billion", "C$5"
        if t.low in ATTACHED_CURRENCY_WORDS and nxt.kind == "num" and self.glued(k + 1):
            return ATTACHED_CURRENCY_WORDS[t.low], k + 1  # "RM23.50"; "PS2.7m" is transliterated £
        if t.text == "Y" and nxt.text == "=" and self.glued(k + 1):
            return "JPY", k + 2  # "Y=590 billion" is transliterated ¥
        if t.low in CURRENCY_CODES and t.text.isupper() and nxt.kind == "num":
            return t.text, k + 1  # "USD 1,700"
        return None, k

    def core(self, k: int) -> _Core | None:
        """Sign, currency, number (digits or words) and scale starting at token k."""
        first, sign = k, ""
        if self.low(k) == "minus" and self.tok(k + 1):
            sign, k = "-", k + (2 if self.low(k + 1) == "-" else 1)
        currency, k = self.currency_prefix(k)
        t = self.tok(k)
        if t is None:
            return None
        if t.text in _DASHES | {"+"} and self.kind(k + 1) == "num" and self.glued(k + 1):
            prev = self.tok(k - 1)
            loose = prev is None or not self.glued(k) and prev.kind != "num"
            plus = t.text == "+" and (prev is None or not self.glued(k))
            signed_percent = self.low(k + 2) == "%" and not self.glued(k)  # "Nikkei -1.3%"
            if plus or currency or signed_percent or loose and not _capitalized(prev):
                sign, k, t = ("+" if t.text == "+" else "-"), k + 1, self.toks[k + 1]
                if currency is None:
                    currency, k = self.currency_prefix(k)
        if t.kind == "num":
            return self.scale(self.digits(k, first, currency, sign))
        if t.kind == "word" and currency is None:
            c = self.word_number(k)
            if c is not None:
                c.first, c.sign = first, sign
                return c if c.fraction else self.scale(c)
        return None

    def digits(self, k: int, first: int, currency: str | None, sign: str) -> _Core:
        t = self.toks[k]
        c = _Core(to_decimal(t.text, self.lang), first, k + 1, currency, sign=sign)
        c.plain_int = t.text.isdigit()
        c.fraction = t.text in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
        power = self.exponent(k + 1)
        if power is not None:  # "1e10", "-12e-1", "1,1^+23"
            op, exp, nxt = power
            try:
                value = c.value.scaleb(exp) if op == "e" else c.value**exp
            except ArithmeticError:
                value = None
            if value is None or not value.is_finite() or abs(value.adjusted()) > 24:
                return c  # "0^-1" is no number, "9^999" none a claim holds: digits stand alone
            c.value = value
            c.nxt, c.plain_int = nxt, False
            return c
        slash, den = self.tok(k + 1), self.tok(k + 2)
        if slash and slash.text in {"/", "⁄"} and den and den.kind == "num" and self.glued(k + 2):
            if self.glued(k + 1) and self.low(k + 3) != "/" and den.text.isdigit():
                d = int(den.text)
                if (slash.text == "⁄" or d in FRACTION_DENOMINATORS) and c.value < d:
                    c.value, c.nxt, c.fraction, c.plain_int = c.value / d, k + 3, True, False
        if self.low(k + 1) in {"×", "x"} and self.low(k + 2) == "10" and self.glued(k + 2):
            j, neg = k + 3, self.low(k + 3) in _DASHES
            j += 1 if self.low(j) in _DASHES | {"^"} else 0
            if self.kind(j) == "num" and self.glued(j):  # "1.99×10−30"
                exp = int(to_decimal(self.toks[j].text, self.lang))
                c.value, c.nxt, c.plain_int = c.value.scaleb(-exp if neg else exp), j + 1, False
        return c

    def exponent(self, k: int) -> tuple[str, int, int] | None:
        """Scientific notation glued to a number: ("e" or "^", exponent, next index)."""
        op = self.low(k)
        if op not in {"e", "^"} or not self.glued(k):
            return None
        j, sign = k + 1, 1
        if self.low(j) in {"+", "-", "−"} and self.glued(j):
            sign, j = (-1 if self.low(j) != "+" else 1), j + 1
        t = self.tok(j)
        if t is None or not t.text.isdigit() or not self.glued(j) or len(t.text) > 3:
            return None
        return op, sign * int(t.text), j + 1

    def word_number(self, k: int) -> _Core | None:
        lang, w, nw = self.lang, self.low(k), self.low(k + 1)
        if lang.code == "es":
            return self.spanish_words(k)
        if w in lang.article_scales or w == "an":  # "a dozen", "a million", "un millón"
            if nw in lang.scales or nw in {"dozen", "docena"}:
                mult = 12 if nw in {"dozen", "docena"} else lang.scales[nw]
                return _Core(Decimal(mult), k, k + 2, word=True, mult=mult)
            if w == "a" and nw in {"third", "quarter"} and self.low(k + 2) == "of":
                return _Core(Decimal(1) / FRACTIONS_EN[nw], k, k + 2, word=True, fraction=True)
            return None
        if w == "half":
            scale = self.low(k + 2)
            if nw == "a" and (scale in lang.scales or scale == "dozen"):
                mult = 12 if scale == "dozen" else lang.scales[scale]
                return _Core(Decimal(mult) / 2, k, k + 3, word=True, mult=mult)
            if nw == "of" or self.low(k - 1) in {"almost", "nearly", "about", "over"}:
                return _Core(Decimal("0.5"), k, k + 1, word=True, fraction=True)
            return None
        if w.endswith("fold") and (w in _MULTIPLES or w[:-4] in lang.numbers):
            value = _MULTIPLES.get(w) or lang.numbers[w[:-4]]
            return _Core(Decimal(value), k, k + 1, word=True, unit="fold")  # "grew sixfold"
        if w not in lang.numbers or w in {"dozen", "docena"}:
            return None
        total = last = lang.numbers[w]
        j = k + 1
        while j < self.n:
            nw = self.low(j)
            nxt = lang.numbers.get(self.low(j + 1), 0)
            if nw == "-" and self.glued(j) and self.glued(j + 1) and last >= 20 and 0 < nxt < 10:
                total, last, j = total + nxt, nxt, j + 2  # "twenty-five"
            elif nw in {"and", "y"} and 0 < nxt < last and (last == 100 or last % 10 == 0):
                # "one hundred and twenty", "treinta y uno"
                total, last, j = total + nxt, nxt, j + 2
            elif nw == "hundred" and total < 100:
                total, last, j = total * 100, 100, j + 1
            elif 0 < lang.numbers.get(nw, 0) < last < 1000 and (lang.code == "es" or last >= 20):
                total, last, j = total + lang.numbers[nw], lang.numbers[nw], j + 1
            else:
                break
        if self.low(j) == "dozen":
            total, j = total * 12, j + 1
        hyphen = self.low(j) == "-" and self.glued(j) and self.glued(j + 1)
        frac = self.low(j + 1) if hyphen else self.low(j)
        if (
            frac in FRACTIONS_EN
            and frac != "half"
            and total < 10
            and (frac[-1] == "s" or total == 1)
        ):
            # "two-thirds", "one third", "three quarters"; "the third" stays an ordinal
            value = Decimal(total) / FRACTIONS_EN[frac]
            return _Core(value, k, j + (2 if hyphen else 1), word=True, fraction=True)
        return _Core(Decimal(total), k, j, word=True)

    def spanish_words(self, k: int) -> _Core | None:
        """A number written in Spanish words: "dos mil trescientos", "medio millón", "un año"."""
        w = spanish.plain(self.low(k))
        if w not in spanish.NUMBER_WORDS:
            return None
        if self.lows is None:
            self.lows = [t.low for t in self.toks]
        hit = spanish.read_words(self.lows, k)
        if hit is None:
            return None
        value, j, fraction = hit
        if j == k + 1 and w in {"un", "una", "uno"}:
            after = self.low(j)
            if w == "uno" and after in {"sobre", "coma", "y", "o", ""}:
                pass  # "uno" stands alone as a number: "uno sobre tres", "uno y medio"
            elif after not in spanish.UNIT_NOUNS and not self.phrase(j, self.lang.money_words):
                return None  # an article: "una vaca", "un grupo"
        scales = [spanish.BIG.get(spanish.plain(w), 1000 * (w == "mil")) for w in self.lows[k:j]]
        return _Core(value, k, j, word=True, mult=max(1, *scales), fraction=fraction)

    def scale(self, c: _Core) -> _Core:
        """Apply attached or following scale words: "5k", "$2bn", "4.3M", "1.5 million", "6 mil"."""
        k, t = c.nxt, self.tok(c.nxt)
        if t is not None and self.lang.code == "es" and t.low in SPANISH_MONEY_SCALES:
            mult, code = SPANISH_MONEY_SCALES[t.low]  # "400 mdp", "2.5 mmdd"
            c.value, c.nxt, c.mult, c.plain_int = c.value * mult, k + 1, mult, False
            c.currency = c.currency or code
            return c
        if (
            t is not None
            and t.kind == "word"
            and t.low in MONEY_SUFFIX_SCALES
            and not self.glued(k)
        ):
            if t.text.isupper() and self.counted_after(k + 1) and self.lang.code == "en":
                mult = MONEY_SUFFIX_SCALES[t.low]  # "8 B people"
                c.value, c.nxt, c.mult, c.plain_int = c.value * mult, k + 1, mult, False
                return c
        if t is not None and t.kind == "word" and self.glued(k):
            mult = SUFFIX_SCALES.get(t.low)
            if (
                mult is None
                and t.low in MONEY_SUFFIX_SCALES
                and (c.currency or t.text.isupper() or self.counted_after(k + 1))
            ):
                # "$2.7m", "4.3M", and "1.2m tons", "35m devices": a metre is never followed
                # by a unit or a plural noun it counts
                if not (self.kind(k + 1) == "num" and self.glued(k + 1)):  # not "32m2"
                    mult = MONEY_SUFFIX_SCALES[t.low]
            if mult:
                c.value, c.nxt, c.mult, c.plain_int = c.value * mult, k + 1, mult, False
            return c
        k = self.scale_chain(c, k)
        if self.lang.code == "es" and self.low(k) in {"docena", "docenas"} and c.mult == 1:
            c.value, c.plain_int, k = c.value * 12, False, k + 1  # "3 docenas"
        c.nxt = k
        return c

    def scale_chain(self, c: _Core, k: int) -> int:
        """Scale words after a number, and the groups Mexican copy writes between them:
        "1.5 million", "2 mil millones", "6 mil 300", "63 millones 149 mil 245", "39 thousand 653".
        Updates ``c`` and returns the index after the chain."""
        scales, total, current, lead = self.lang.scales, Decimal(0), c.value, True
        while True:
            w = self.low(k)
            if w in scales and not (w == "hundred" and current >= 100):
                mult = scales[w]
                if mult >= 10**6:
                    total, current = total + current * mult, Decimal(0)
                else:
                    current *= mult
                c.mult = c.mult * mult if lead else c.mult
                c.plain_int, k = False, k + 1
                continue
            group = self.tok(k)
            if c.plain_int or group is None or group.kind != "num" or self.glued(k):
                break
            digits = group.text.replace(".", "", 1) if "." in group.text else group.text
            after = self.low(k + 1)
            if not (digits.isdigit() and len(group.text.split(".")[0]) <= 3):
                break
            if "." in group.text and after in scales:
                break  # only the last group carries decimals: "816 mil 470.40 pesos"
            if not (self.lang.code == "es" or after in scales or self.low(k - 1) == "thousand"):
                break  # English copy keeps "2 million 300 people" apart
            current, k, lead = current + to_decimal(group.text, self.lang), k + 1, False
        c.value = total + current
        return k

    def counted_after(self, k: int) -> bool:
        """A unit or a plural noun at token k (not glued): what "1.2m" or "8 B" counts."""
        t = self.tok(k)
        if t is None or t.kind != "word" or self.glued(k) or t.low in self.lang.stop:
            return False
        if t.low in _METRE_CONTEXT:
            return False  # "the 100m hurdles", "400m relays"
        return (
            t.low in MEASURE_UNITS
            or is_plural(t.low)
            or bool(self.phrase(k, self.lang.money_words))
        )

    # -- what a number must not be ---------------------------------------------------------------
    def rejected(self, c: _Core, second: bool = False) -> int | None:
        """For a date, time, ordinal, code or pronoun, the token index to resume scanning at.

        ``second`` is the far end of a range, whose number follows a dash or "to" by design."""
        k, t = c.nxt, self.tok(c.nxt)
        chain = self.dash_chain(c)
        if chain is not None:
            return chain
        if t is not None and self.glued(k):
            if t.kind == "word" and t.low in ORDINAL_SUFFIXES | {"s", "am", "pm"}:
                return k + 1  # "22nd", "1990s", "5am"
            if t.kind == "word" and self.kind(k + 1) == "num" and self.glued(k + 1):
                if not (t.low in MEASURE_UNITS and self.low(k + 1) in {"2", "3"}):
                    return k + 2  # "9AB8"; "32m2" is square metres
            if t.text in {":", "/"} and self.kind(k + 1) == "num":
                return k + 2  # "10:30", "24/7"
        if t is not None and not c.currency:
            if t.low in TIME_WORDS:
                return k + 1  # "3 p.m."
            if t.low in {"a", "p"} and self.low(k + 1) == "." and self.low(k + 2) == "m":
                return k + 3  # "3 p.m" without the last full stop
        if c.word:
            return self.rejected_word(c)
        before = self.tok(c.first - 1)
        if before is not None and not c.currency and not c.sign and not second:
            prefix = self.tok(c.first - 2)
            if self.glued(c.first) and before.kind == "word":
                return c.nxt  # "A320", "G20", "XC40"
            if before.text in _DASHES | {"/", "."} and prefix is not None and self.glued(c.first):
                if (
                    prefix.kind == "num"
                    or prefix.kind == "word"
                    and prefix.low not in HYPHEN_PREFIXES
                ):
                    return c.nxt  # "COVID-19", "F-35", "2019-06-07"
            if before.text in _DASHES and prefix is not None and prefix.text.isupper():
                return c.nxt  # "COVID -19"
        if c.currency or c.mult > 1 or c.sign or c.fraction or self.unit_follows(c.nxt):
            return None
        if c.plain_int and self.is_date_or_year(c):
            return c.nxt
        if before is not None and not second and not self.sentence_start(c.first - 1):
            if _capitalized(before) and before.low not in self.lang.months | self.lang.stop:
                return c.nxt  # "iPhone 11", "S&P 500", "Game 7"
            if before.low in LABEL_WORDS:
                return c.nxt  # "category 4 hurricane"
        if c.plain_int and _capitalized(t) and not self.glued(k) and not self.counted_name(k):
            return c.nxt  # "787 Dreamliner", "49 Zorro Ranch Road", "9 E 71st St"
        if self.low(c.first - 1) == "," and _capitalized(self.tok(c.first - 2)):
            if self.low(k) == "," and not c.sign:
                return c.nxt  # an age in apposition: "Jamie Armstrong, 25, said"
        return None

    def counted_name(self, k: int) -> bool:
        """A capitalised count noun, not a name: "12 Democrats", "5 National Guard troops"."""
        if self.low(k) in MEASURE_UNITS:
            return True  # headline case: "48 Years After the Coup"
        j = k
        while _capitalized(self.tok(j)) and j < k + 4:
            j += 1
        if j == k + 1 and is_plural(self.low(k)) and self.toks[k].text[1:].islower():
            return True
        return (
            self.kind(j) == "word" and is_plural(self.low(j)) and self.low(j) not in self.lang.stop
        )

    def dash_chain(self, c: _Core) -> int | None:
        """Numbers joined by dashes into a code: "2019-06-07", "978-3-16-148410-0", "555-1234"."""
        if not c.plain_int:
            return None
        parts, j = [self.toks[c.nxt - 1].text], c.nxt
        while self.low(j) in _DASHES and self.glued(j) and self.glued(j + 1):
            if self.kind(j + 1) != "num" or not self.toks[j + 1].text.isdigit():
                break
            parts.append(self.toks[j + 1].text)
            j += 2
        phone = len(parts) == 2 and len(parts[0]) == 3 and len(parts[1]) == 4
        return j if len(parts) > 2 or phone else None

    def rejected_word(self, c: _Core) -> int | None:
        w, nxt = self.toks[c.first], self.tok(c.nxt)
        if c.fraction or c.mult > 1 or c.unit:
            return None
        if self.compound_adjective(c.nxt):
            return c.nxt + 2  # "a four-door sedan", "a five-year lease": not a count
        if w.text[0].isupper() and not self.sentence_start(c.first) and _capitalized(nxt):
            return c.nxt  # a name: "Dos Bocas", "Tres Marías", "Seven Sisters"
        if self.lacks_noun(c):
            return c.nxt  # a spelled-out number needs a noun: "the bottom three"
        if w.low not in self.lang.article_ones or c.value != 1:
            return None
        if self.out_of(c.nxt):
            return None  # "one out of three", "uno sobre tres"
        if w.text[0].isupper() and not self.sentence_start(c.first):
            return c.nxt  # "BBC One"
        if self.low(c.first - 1) in PRONOUN_ONE_BEFORE or nxt is None or nxt.kind != "word":
            return c.nxt  # "each one", "the one", "one-sided", "one 52,000-barrel refinery"
        if nxt.low in self.lang.stop or nxt.low in PRONOUN_ONE_AFTER:
            return c.nxt  # "one of the", "one which", "one day"
        return None

    def compound_adjective(self, k: int) -> bool:
        """A spelled-out number hyphened to a singular noun that qualifies the next word:
        "four-door", "six-speed", "three-bed" before a noun. Measures stay figures: "a four-mile
        walk", "ten-year-old", and durations, because "his six-year term" is a seed figure."""
        if self.low(k) != "-" or not (self.glued(k) and self.glued(k + 1)):
            return False
        noun = self.tok(k + 1)
        if noun is None or noun.kind != "word" or is_plural(noun.low) or self.low(k + 2) == "-":
            return False
        if noun.low in MEASURE_UNITS:
            return False
        after = self.tok(k + 2)
        return after is not None and (after.kind == "word" or after.text in CURRENCY_SYMBOLS)

    def lacks_noun(self, c: _Core) -> bool:
        """No noun, unit, hedge, change or range around a spelled-out number."""
        nxt, before = self.tok(c.nxt), self.low(c.first - 1)
        if before in _ES_ARTICLES and self.lang.code == "es":
            before = self.low(c.first - 2)  # "entre el diez y el quince", "mayor que el diez"
        if nxt is None or nxt.text == "-" or nxt.kind == "word" and nxt.low not in self.lang.stop:
            return False
        if before in self.hedge_tails or before in {"or", "and", "by", "o", "y"}:
            return False
        if self.out_of(c.nxt) or nxt.low in self.lang.range_joiners or self.unit_follows(c.nxt):
            return False
        return self.change_before(c.first) is None

    def is_date_or_year(self, c: _Core) -> bool:
        if 1100 <= c.value <= 2199 and len(self.toks[c.first].text) == 4:
            # "deported 2000 migrants" is a count; "the 2020 elections" and "in 2019" are years
            nxt = self.tok(c.nxt)
            counted = nxt is not None and nxt.text.islower() and is_plural(nxt.low)
            return not counted or self.low(c.first - 1) in YEAR_LEADS or c.first == 0
        if not 1 <= c.value <= 31:
            return False
        prev, months = self.low(c.first - 1), self.lang.months
        if prev in months or prev == "." and self.low(c.first - 2) in months:
            return True  # "March 24", "Oct. 31"
        j = c.nxt + (1 if self.low(c.nxt) in self.lang.of_words else 0)
        if self.low(j) in _DAY_JOINERS and self.kind(j + 1) == "num":
            last = self.toks[j + 1].text  # "del 5 al 18 de marzo", "5 to 18 March"
            if last.isdigit() and 1 <= int(last) <= 31:
                j += 2 + (self.low(j + 2) in self.lang.of_words)
        return self.low(j) in months and self.low(j) != "may"  # "24 March", "24 de marzo"

    def unit_follows(self, k: int) -> bool:
        t = self.tok(k)
        if t is None:
            return False
        if t.text in CURRENCY_SYMBOLS or t.text in {"%", "″", "°"}:
            return True
        if self.phrase(k, self.lang.percent) or self.phrase(k, COMPOUND_UNITS):
            return True
        if t.text.isupper() and t.low in CURRENCY_CODES:
            return True  # "110 JPY"
        return t.low in MEASURE_UNITS - {"year", "years", "day", "days", "m"}

    # -- what follows a number: unit, rate, second figure ----------------------------------------
    def unit_at(self, k: int, c: _Core) -> tuple[str, str | None, int]:
        """(unit, currency, next token index) for the words right after a number."""
        lang, t = self.lang, self.tok(k)
        if t is None:
            return (c.currency or "", c.currency, k)
        hit = self.phrase(k, lang.percent)
        if hit and (t.text == "%" or t.low == "pc" or not self.glued(k)):
            j = k + hit[0]
            if self.low(j) == "-" and self.glued(j) and self.glued(j + 1):
                j += 2  # "percent-owned"
            return "percent", c.currency, j
        if t.low == "percentage" and self.low(k + 1) in {"point", "points"}:
            return "percentage points", c.currency, k + 2
        if t.text in CURRENCY_SYMBOLS and not c.currency:
            code = CURRENCY_SYMBOLS[t.text]
            return code, code, k + 1  # "1,200€"
        hit = self.phrase(k, lang.money_words)
        if hit and (t.text.isupper() or t.low not in CURRENCY_CODES):
            return str(hit[1]), str(hit[1]), k + hit[0]  # "9 billion shekels", "110 JPY"
        if c.mult > 1 and t.low in lang.of_words and lang.code == "es":
            return self.unit_at(k + 1, c)  # "1,5 millones de pesos"
        if c.currency:
            if t.low in {"us", "u.s."} and not self.glued(k):
                return c.currency, c.currency, k + 1  # "$76 US a barrel"
            return c.currency, c.currency, k
        hit = self.phrase(k, COMPOUND_UNITS)
        if hit:
            return self.text[t.start : self.toks[k + hit[0] - 1].end], None, k + hit[0]
        if t.text == "-" and self.glued(k) and self.glued(k + 1) and self.kind(k + 1) == "word":
            return self.hyphen_unit(k + 1)  # "ten-year-old", "6.1-inch"
        if t.kind == "word" and self.glued(k):
            j = k + 1
            if self.low(j) in {"2", "3"} and self.glued(j):
                j += 1  # "32m2"
            if self.low(j) == "/" and self.glued(j) and self.glued(j + 1):
                j += 2  # "80km/h"
            return self.text[t.start : self.toks[j - 1].end], None, j
        if t.text in {"″", "°", "'"} and self.glued(k):
            return t.text, None, k + 1
        if t.kind == "word" and self.low(k + 1) == "/" and self.glued(k + 1) and self.glued(k + 2):
            j = k + 3 + (self.low(k + 3) in {"2", "3"} and self.glued(k + 3))
            return self.text[t.start : self.toks[j - 1].end], None, j  # "A/cm2", "km/h"
        if t.kind == "word" and t.low in MEASURE_UNITS:
            if self.low(k + 1) == "-" and self.glued(k + 1) and self.glued(k + 2):
                return self.hyphen_unit(k)  # "year-old"
            return t.text, None, k + 1
        return self.counted_noun(k, c)

    def hyphen_unit(self, k: int) -> tuple[str, str | None, int]:
        j = k + 1
        while (
            self.low(j) == "-"
            and self.glued(j)
            and self.glued(j + 1)
            and self.kind(j + 1) == "word"
        ):
            j += 2
        return self.text[self.toks[k].start : self.toks[j - 1].end], None, j

    def counted_noun(self, k: int, c: _Core) -> tuple[str, str | None, int]:
        """The head noun after a count, stopping at function words and verbs:
        "6,000 National Guard troops to prevent" -> "National Guard troops"."""
        lang, words, j = self.lang, [], k  # words: (first token, end token) per word
        if self.low(k) in _COUNT_MODIFIERS and self.kind(k + 1) == "word":
            if self.low(k + 1) not in lang.stop and is_plural(self.low(k + 1)):
                unit, _, end = self.counted_noun(k + 1, c)  # "500 more troops" counts troops
                return unit, None, end
        while j < self.n and len(words) < 4:
            t = self.toks[j]
            if t.kind != "word" or t.low in lang.stop or t.low in lang.numbers:
                break
            if t.low in lang.months or t.low in lang.increase or t.low in lang.decrease:
                break
            if words and not t.text[0].isupper() and t.low.endswith(("ed", "ing", "ly")):
                break  # "80,500 migrants deported"
            end = j + 1
            while self.low(end) == "-" and self.glued(end) and self.kind(end + 1) == "word":
                end += 2  # "first-team players"
            words.append((j, end))
            j = end
            if is_plural(self.low(end - 1)) and not t.text.isupper():
                break
        if not words:
            return "", None, k
        if c.value == 1 or not is_plural(self.low(words[-1][1] - 1)):
            words = words[:1]
        end = words[-1][1]
        return self.text[self.toks[k].start : self.toks[end - 1].end], None, end

    def rate_at(self, k: int, unit: str) -> tuple[str | None, str, int]:
        """(period, unit, next index): "a year" is a period; money "per barrel" joins the unit."""
        hit = self.phrase(k, self.lang.periods)
        if hit and not (unit.lower() in MEASURE_UNITS and self.low(k) == "per"):
            return str(hit[1]), unit, k + hit[0]
        w, nxt = self.low(k), self.tok(k + 1)
        if nxt is not None and nxt.kind == "word" and unit.isupper() and self.lang.code == "en":
            if w == "per" or w in {"a", "an"} and nxt.low.rstrip("s") in RATE_DENOMINATORS:
                size = (self.phrase(k + 1, COMPOUND_UNITS) or (1,))[0]
                denominator = self.text[nxt.start : self.toks[k + size].end]
                return None, f"{unit} per {denominator}", k + 1 + size  # "USD per barrel"
        return None, unit, k

    def change_before(self, k: int) -> str | None:
        """INCREASE/DECREASE when a change verb governs the figure starting at token k."""
        lang, by = self.lang, False
        if self.low(k) == "+":
            return INCREASE
        for j in range(k - 1, max(k - 6, -1), -1):
            w = self.low(j)
            if w in {"up", "down"} and self.low(j - 1) in PHRASAL_BEFORE_UP_DOWN:
                return None  # "gave up 517 yards"
            if w in lang.increase:
                return INCREASE
            if w in lang.decrease:
                return DECREASE
            if by and w in CHANGE_WITH_BY:
                return CHANGE_WITH_BY[w]
            if w == "of" and lang.code == "en":
                return CHANGE_NOUNS.get(self.low(j - 1))  # "a drop of 5%"
            if w in {"de", "del"} and lang.code == "es" and self.low(j - 1) in _CHANGE_NOUNS_ES:
                return _CHANGE_NOUNS_ES[self.low(j - 1)]  # "una caída de 0.3 por ciento"
            by = by or w == "by"
            if w not in CHANGE_FILLERS and not (
                by and self.kind(j) == "word" and w not in lang.stop
            ):
                return None  # "grow sales by 35%" looks past the object
        return None

    # -- one figure -------------------------------------------------------------------------------
    def match(self, i: int) -> tuple[Quantity | None, int] | None:
        """The figure starting at token i and the index to resume at; None when there is none."""
        lang = self.lang
        vague = self.phrase(i, lang.vague)
        if vague and self.kind(i - 1) != "num":
            return self.vague(i, vague[0], int(vague[1]))
        start, mode = i, None
        if self.low(i) in lang.range_starts:
            mode, i = "between", i + 1
            if lang.code == "es" and self.low(i) in _ES_ARTICLES and self.core(i + 1):
                i += 1  # "entre el 10 y el 15 por ciento"
        elif self.low(i) in lang.from_words:
            mode, i = "from", i + 1
        hedge, hedge_at = None, i
        hit = self.phrase(i, lang.hedges)
        if hit:
            j = i + hit[0] + (1 if self.low(i + hit[0]) == "-" else 0)  # "sub-7"
            if lang.code == "es" and self.low(j) in _ES_ARTICLES and self.core(j + 1):
                j += 1  # "más alto que el diez", "hasta el 40%"
            if self.core(j) is not None:
                hedge, i = str(hit[1]), j
        c = self.core(i)
        if c is None:
            return None
        skip = self.rejected(c)
        if skip is not None:
            while self.low(skip) in _DASHES and self.glued(skip) and self.kind(skip + 1) == "num":
                skip += 2  # the rest of "2019-06-07" or "March 24-26"
            return None, skip
        unit, currency, k = self.unit_at(c.nxt, c) if not c.unit else (c.unit, None, c.nxt)
        if currency and lang.code == "es" and not c.currency and c.mult == 1:
            k = self.cents(c, k)
        k_rate = self.rate_at(k, unit)[2]
        c2 = self.range_end(c, unit, k, mode, hedge)
        if c2 is not None and not unit and self.low(k) in _DASHES and self.score_verb(c.first):
            return None, c2.nxt  # "ganó 3-1", "beat them 4-2": a score, not a quantity
        if c2 is None and mode == "from" and k_rate > k:
            c2, k = self.range_end(c, unit, k_rate, mode, hedge), k_rate  # "from $75 per barrel to"
        unit2, currency2, k2 = self.unit_at(c2.nxt, c2) if c2 else ("", None, k)
        if c2 is not None and not _compatible(unit, currency, unit2, currency2):
            c2 = None  # "110 JPY to 1 USD"
        if c2 is not None:
            if c2.mult > 1 and c.mult == 1 and c.value < c2.value / c2.mult:
                c.value *= c2.mult  # "1 to 2 thousand", "US $89 to $93 billion"
            unit, currency, hedge, k = unit2 or unit, currency2 or currency, RANGE, k2
        elif self.out_of(k) and c.value:
            c2 = self.core(k + self.out_of(k))  # "one out of three", "uno sobre tres"
            if c2 is not None and c2.value:
                c.value, c.fraction = c.value / c2.value, True
                unit, currency, k = self.unit_at(c2.nxt, c)
                c2 = None
        if mode and hedge != RANGE:
            start = hedge_at if hedge else c.first
        elif mode is None and hedge is None:
            start = c.first
        per, unit, k = self.rate_at(k, unit)
        post = self.phrase(k, lang.post_hedges) if lang.post_hedges else None
        if post and self.low(k + post[0]) in self.lang.of_words | {"que", "a"}:
            post = None  # "200 o más de 190" is two figures
        if post and hedge in (None, EXACT, APPROX) and c2 is None:
            hedge, k = str(post[1]), k + post[0]  # "500 o más", "100 como máximo"
        change = self.change_before(start) or (INCREASE if c.sign == "+" else None)
        if c.sign == "-" and (unit == "percent" or currency) and not change:
            change = DECREASE  # "-1.3%" in a market table, "$-50.8bn"
        if change is None and c2 is None and self.low(k) in _CHANGE_AFTER and unit:
            change = _CHANGE_AFTER[self.low(k)]  # "a 4.2 percent drop"
        if mode and hedge == RANGE:
            change = None  # "jumped from 240 to 273": levels, not the amount of the change
        if c2 is not None and hedge == RANGE and c2.value == c.value and not mode:
            c2, hedge = None, None  # "tied at 2-2" is one score, not a range
        return self.build(c, c2, hedge, change, unit, currency, per, start, k - 1), k

    def cents(self, c: _Core, k: int) -> int:
        """Cents after the currency word: "25 euros con 50", "trece euros y cuarenta y cinco
        céntimos", "15 dólares 50." add to the amount; returns the index after them."""
        j = k + (self.low(k) in {"con", "y"})
        c2 = self.core(j) if self.kind(j) in {"num", "word"} else None
        if c2 is None or c2.mult > 1 or c2.fraction or not 0 < c2.value < 100 or c2.value % 1:
            return k
        after = self.tok(c2.nxt)
        if after is not None and after.low in {"céntimos", "centimos", "centavos"}:
            end = c2.nxt + 1
        elif after is None or after.kind == "sym" and after.text in ".,;":
            end = c2.nxt
        else:
            return k  # "5 euros y 20 personas" is two figures
        c.value += c2.value / 100
        c.plain_int = False
        return end

    def score_verb(self, k: int) -> bool:
        """A verb of winning or losing right before a figure: what follows is a score."""
        return bool({self.low(k - 1), self.low(k - 2)} & _SCORE_VERBS)

    def money_at(self, k: int) -> bool:
        return bool(self.phrase(k, self.lang.money_words)) or self.low(k) in CURRENCY_SYMBOLS

    def out_of(self, k: int) -> int:
        """Length of "out of" / "sobre" before the denominator of a ratio, or 0."""
        if self.low(k) == "out" and self.low(k + 1) == "of":
            return 2
        if (
            self.lang.code == "es"
            and self.low(k) == "sobre"
            and self.kind(k + 1) in {"num", "word"}
        ):
            c2 = self.core(k + 1)  # "uno sobre tres"; "5 sobre 2019" compares with a year
            if c2 is not None and c2.value <= 1000 and self.tok(c2.nxt) is None:
                return 1
        return 0

    def range_end(self, c: _Core, unit: str, k: int, mode: str | None, hedge: str | None):
        """The second figure of "between X and Y", "X-Y", "X to Y", "three or four"."""
        if hedge not in (None, APPROX) or self.tok(k) is None:
            return None
        w = self.low(k)
        if w in {"-", "–"}:
            if k != c.nxt and unit != "percent" and not c.currency:
                return None  # "80,500 migrants - three times as many"
            if w == "-" and self.glued(k) != self.glued(k + 1):
                return None  # "5 -10" is a sign, not a range
            c2 = self.core(k + 1)
            if c2 is None or c2.sign or self.rejected(c2, second=True) is not None:
                return None
            return c2
        if w not in self.lang.range_joiners or (w in {"and", "y"}) and mode != "between":
            return None
        if w == "hasta" and mode != "from":
            return None  # "de 20 hasta 100" is a range; "500 hasta marzo" is not
        j = k + 2 if self.low(k + 1) == "-" else k + 1  # "200,000 to-260,000"
        if self.lang.code == "es" and self.low(j) in _ES_ARTICLES:
            j += 1  # "entre el 10 y el 15 por ciento"
        c2 = self.core(j)
        if c2 is None or c2.sign or c2.fraction or self.rejected(c2, second=True) is not None:
            return None
        if w in {"or", "o"} and (unit or c2.value <= c.value or c.value % 1 or c2.value % 1):
            return None
        if w in {"or", "o"} and (c.currency or c2.currency or self.money_at(c2.nxt)):
            return None  # "8 or $9", "eight or nine euros" are two prices, not a range
        if w in {"to", "a"} and mode != "from" and self.change_before(c.first):
            if self.low(c.first - 1) not in {"by", "en"} or unit:
                return None  # "rose 8% to 3.65" is a change, then a level; "by 1 to 1.5" is not
        if c.currency and c2.currency and c.currency != c2.currency:
            return None
        return c2

    def vague(self, i: int, length: int, magnitude: int) -> tuple[Quantity, int]:
        """A vague amount: "tens of thousands of migrants", "dozens", "miles de personas"."""
        k = end = i + length
        unit, currency = "", None
        if self.low(k) in self.lang.of_words:
            unit, currency, end = self.unit_at(k + 1, _Core(Decimal(magnitude), i, k + 1))
            if not unit:
                end = k
        low, high = Decimal(magnitude), Decimal(magnitude * 10)
        return self.quantity(low, low, high, VAGUE, None, unit, None, i, end - 1, currency), end

    def build(self, c, c2, hedge, change, unit, currency, per, first, last) -> Quantity:
        if c.fraction:
            c.value = Decimal(format(c.value, ".6g"))  # two-thirds -> 0.666667, 1/128 exact
        value = tidy(-c.value if c.sign == "-" else c.value)
        hedge = hedge or EXACT
        low = high = None
        if hedge == RANGE:
            other = tidy(c2.value)
            low, high = min(value, other), max(value, other)
        low, high = implied_interval(value, hedge, low, high)
        return self.quantity(value, low, high, hedge, change, unit, per, first, last, currency)

    def quantity(self, value, low, high, hedge, change, unit, per, i, j, currency) -> Quantity:
        start, end = self.toks[i].start, self.toks[max(i, j)].end
        return Quantity(
            value=value,
            low=low,
            high=high,
            hedge=hedge,
            change=change,
            unit=unit,
            per=per,
            start=start,
            end=end,
            currency=currency,
            text=self.text[start:end],
        )


def _compatible(unit: str, currency: str | None, unit2: str, currency2: str | None) -> bool:
    """Whether two figures can be the ends of one range: not money against percent or yen."""
    if currency and currency2:
        return currency == currency2
    if (unit == "percent") != (unit2 == "percent"):
        return not unit or not unit2
    return not (currency or currency2) or not unit or not unit2


def _capitalized(t: Token | None) -> bool:
    """A name-like word: "Game", "FTSE", and camel case such as "iPhone"."""
    return t is not None and t.kind == "word" and any(ch.isupper() for ch in t.text)


def find_quantities(text: str, language: str = "en") -> list[Quantity]:
    """Every figure in ``text``, in reading order. See the module docstring for what counts."""
    scanner = _Scanner(text, language_for(language))
    found, i = [], 0
    while i < scanner.n:
        hit = scanner.match(i)
        if hit is None:
            i += 1
            continue
        if hit[0] is not None:
            q = _restated(found[-1], hit[0], text) if found else hit[0]
            if (
                found
                and q.currency
                and not found[-1].unit
                and text[found[-1].end : q.start].strip() in {"or", "o"}
            ):
                found[-1] = replace(found[-1], unit=q.unit, currency=q.currency)  # "8 or $9"
            bounded = _bounded(found[-1], q, text) if found else None
            if bounded is not None:
                found[-1] = bounded
            else:
                found.append(q)
        i = max(hit[1], i + 1)
    return found


_LOWER_BOUNDS, _UPPER_BOUNDS = (AT_LEAST, MORE_THAN), (AT_MOST, LESS_THAN)
_BOUND_JOINERS = {",", "y", "e", "pero", "and", "but", ", y", ", and", "o", "or"}


def _bounded(prev: Quantity, q: Quantity, text: str) -> Quantity | None:
    """Two bounds of one interval: "mayor que 100 y menor que 300" is the range 100 to 300,
    "more than 10 and less than 20" too. None when the two figures are not such a pair."""
    hedges = {prev.hedge, q.hedge}
    if not (hedges & set(_LOWER_BOUNDS) and hedges & set(_UPPER_BOUNDS)):
        return None
    if text[prev.end : q.start].strip().lower() not in _BOUND_JOINERS:
        return None
    if (prev.unit and q.unit and prev.unit != q.unit) or prev.change or q.change:
        return None
    low, high = (prev, q) if prev.hedge in _LOWER_BOUNDS else (q, prev)
    if low.value > high.value:
        return None  # "más de 194 y menos de 12" bounds nothing
    return replace(
        prev,
        low=low.value,
        high=high.value,
        hedge=RANGE,
        unit=prev.unit or q.unit,
        currency=prev.currency or q.currency,
        end=q.end,
        text=text[prev.start : q.end],
    )


def _restated(prev: Quantity, q: Quantity, text: str) -> Quantity:
    """A conversion in brackets repeats the figure before it, bound and change included:
    "just under 296 hp (224 kW / 300 PS)", "more than 7.5 million crowns (US $1.1 million)".
    An "about" is not carried over: the conversion is its own, exact, figure ("some seven
    miles (11 km)")."""
    between = text[prev.end : q.start].strip()
    in_brackets = text.rfind("(", 0, q.start) > text.rfind(")", 0, q.start)
    if q.change or not (between == "(" or between == "/" and in_brackets):
        return q
    q = replace(q, change=prev.change)
    if q.hedge != EXACT or prev.hedge in (EXACT, RANGE, VAGUE, APPROX):
        return q
    low = q.value if prev.hedge in (AT_LEAST, MORE_THAN) else None
    high = q.value if prev.hedge in (AT_MOST, LESS_THAN) else None
    return replace(q, hedge=prev.hedge, low=low, high=high)


# -- formatting ------------------------------------------------------------------------------------
