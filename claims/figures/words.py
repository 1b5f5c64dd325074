"""Tables and small pure helpers for :mod:`claims.figures.parsing`.

Number words, hedges, units and month names per language, plus the tokenizer the scanner walks.
No Django imports. Table keys are lower-case; multi-word phrases are tuples of lower-case tokens
exactly as ``tokenize`` produces them ("per cent" -> ("per", "cent")).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal, getcontext

from claims.figures import spanish

# The hedge names are claims.figures.hedges'; the tables below map words to them.
from claims.figures.hedges import (  # noqa: E402, F401  (parsing reads them from here too)
    APPROX,
    AT_LEAST,
    AT_MOST,
    EXACT,
    HEDGES,
    LESS_THAN,
    MORE_THAN,
    RANGE,
    VAGUE,
)

INCREASE = "increase"
DECREASE = "decrease"

# Magnitudes of scale words, including the newsroom abbreviations that attach to digits ("$2bn").
SCALES_EN = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
# Attached to digits only ("5k", "$2bn", "4.3M"); "m" and "b" are million/billion only with money
# or in upper case, because "37m" is metres and "16 b" is bits.
SUFFIX_SCALES = {"k": 1_000, "bn": 10**9, "mn": 10**6, "mln": 10**6, "tn": 10**12, "trn": 10**12}
# Mexican newsroom abbreviations that carry scale and currency: "400 mdp" is 400 million pesos.
SPANISH_MONEY_SCALES = {
    "mdp": (10**6, "MXN"),
    "mmdp": (10**9, "MXN"),
    "mdd": (10**6, "USD"),
    "mmdd": (10**9, "USD"),
    "mde": (10**6, "EUR"),
}
MONEY_SUFFIX_SCALES = {"m": 10**6, "b": 10**9}

ORDINAL_SUFFIXES = {"st", "nd", "rd", "th", "º", "ª"}

FRACTIONS_EN = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
FRACTIONS_EN.update(
    {
        word + tail: n
        for word, n in (("fourth", 4), ("fifth", 5), ("sixth", 6), ("eighth", 8), ("tenth", 10))
        for tail in ("", "s")
    }
)


@dataclass(frozen=True)
class Language:
    """Everything language-specific the scanner needs."""

    code: str
    thousands_sep: str
    decimal_sep: str
    numbers: dict[str, int]
    scales: dict[str, int]
    hedges: dict[tuple[str, ...], str]
    range_starts: frozenset[str]  # "between" / "entre": expects "X and Y"
    range_joiners: frozenset[str]  # "and", "to", "or" / "y", "a", "o"
    from_words: frozenset[str]
    vague: dict[tuple[str, ...], int]  # "tens of thousands" -> 10_000 (the low end)
    percent: tuple[tuple[str, ...], ...]
    money_words: dict[tuple[str, ...], str]  # "dollars" -> "USD"
    periods: dict[tuple[str, ...], str]  # "a year" -> "year"
    months: frozenset[str]
    increase: frozenset[str]
    decrease: frozenset[str]
    stop: frozenset[str]  # words that end a counted-noun phrase
    article_ones: frozenset[str]  # "one"/"uno": a number only before a noun
    article_scales: frozenset[str]  # "a"/"un": a number only before a scale word ("a million")
    of_words: frozenset[str] = field(default_factory=lambda: frozenset({"of"}))
    # How a lone separator reads: True "6,5" is a decimal (es-ES), False "6,000" groups thousands
    # (en, es-MX), None decides from the digit groups: three digits after it group thousands.
    decimal_comma: bool | None = False
    # Hedges written after the figure: "500 o más", "100 como máximo", "ten or more".
    post_hedges: dict[tuple[str, ...], str] = field(default_factory=dict)


_EN_NUMBERS = {
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
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}

_EN_STOP = frozenset(
    """a an the of in on at to for from by with without into onto over under about around than as
    and or but nor so that which who whom whose this these those it its their his her our your my
    they he she we you i is are was were be been being will would can could may might must shall
    should have has had do does did not no more less each per after before since until while when
    where if because during between among across through against up down off out ago earlier later
    each every any some such than then there here what how why all both either neither also only
    just even still yet very too like including behind within toward towards along via whether
    instead already now again if amid despite upon beyond according respectively maybe last
    next""".split()
)

_MONTHS_EN = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

_UP_EN = frozenset(
    """up rose rise rises rising risen jumped jump jumps jumping gained gain gains gaining climbed
    climb climbs climbing advanced advance advances increased increase increases increasing grew
    grow grows growing added surged surge surges soared soar soars rallied spiked leapt leaped
    rebounded upward upwards""".split()
)
_DOWN_EN = frozenset(
    """down fell fall falls falling fallen dropped drop drops dropping declined decline declines
    declining lost lose loses losing slid slide slides sliding plunged plunge plunges plummeted
    plummeting tumbled tumble sank sink slumped slump decreased decrease decreases decreasing cut
    cuts shed dipped dip dips eased slipped slip retreated lowered reduced shrank shrunk contracted
    sheds downward downwards""".split()
)

ENGLISH = Language(
    code="en",
    thousands_sep=",",
    decimal_sep=".",
    numbers=_EN_NUMBERS,
    scales=SCALES_EN,
    hedges={
        ("up", "to"): AT_MOST,
        ("as", "many", "as"): AT_MOST,
        ("as", "much", "as"): AT_MOST,
        ("no", "more", "than"): AT_MOST,
        ("at", "most"): AT_MOST,
        ("a", "maximum", "of"): AT_MOST,
        ("at", "least"): AT_LEAST,
        ("no", "fewer", "than"): AT_LEAST,
        ("no", "less", "than"): AT_LEAST,
        ("a", "minimum", "of"): AT_LEAST,
        ("more", "than"): MORE_THAN,
        ("over", "than"): MORE_THAN,
        ("well", "over"): MORE_THAN,
        ("just", "over"): MORE_THAN,
        ("over",): MORE_THAN,
        ("above",): MORE_THAN,
        ("upwards", "of"): MORE_THAN,
        ("in", "excess", "of"): MORE_THAN,
        ("less", "than"): LESS_THAN,
        ("lower", "than"): LESS_THAN,
        ("smaller", "than"): LESS_THAN,
        ("higher", "than"): MORE_THAN,
        ("greater", "than"): MORE_THAN,
        ("larger", "than"): MORE_THAN,
        ("bigger", "than"): MORE_THAN,
        ("fewer", "than"): LESS_THAN,
        ("just", "under"): LESS_THAN,
        ("under",): LESS_THAN,
        ("below",): LESS_THAN,
        ("sub",): LESS_THAN,
        ("nearly",): APPROX,
        ("almost",): APPROX,
        ("about",): APPROX,
        ("approximately",): APPROX,
        ("approx",): APPROX,
        ("around",): APPROX,
        ("roughly",): APPROX,
        ("some",): APPROX,
        ("an", "estimated"): APPROX,
        ("circa",): APPROX,
        ("close", "to"): APPROX,
        ("~",): APPROX,
        ("≈",): APPROX,
    },
    range_starts=frozenset({"between"}),
    range_joiners=frozenset({"and", "to", "or"}),
    from_words=frozenset({"from"}),
    vague={
        ("tens", "of", "thousands"): 10_000,
        ("hundreds", "of", "thousands"): 100_000,
        ("tens", "of", "millions"): 10**7,
        ("hundreds", "of", "millions"): 10**8,
        ("tens", "of", "billions"): 10**10,
        ("hundreds", "of", "billions"): 10**11,
        ("countless", "thousands"): 1_000,
        ("dozens",): 12,
        ("hundreds",): 100,
        ("thousands",): 1_000,
        ("millions",): 10**6,
        ("billions",): 10**9,
    },
    percent=(("per", "cent"), ("percent",), ("pc",), ("%",), ("pct",)),
    money_words={
        ("australian", "dollars"): "AUD",
        ("canadian", "dollars"): "CAD",
        ("hong", "kong", "dollars"): "HKD",
        ("us", "dollars"): "USD",
        ("u.s.", "dollars"): "USD",
        ("dollars",): "USD",
        ("dollar",): "USD",
        ("euros",): "EUR",
        ("euro",): "EUR",
        ("pesos",): "MXN",
        ("yen",): "JPY",
        ("yuan",): "CNY",
        ("renminbi",): "CNY",
        ("shekels",): "ILS",
        ("rupees",): "INR",
        ("danish", "crowns"): "DKK",
        ("danish", "kroner"): "DKK",
        ("swiss", "francs"): "CHF",
        ("rand",): "ZAR",
        ("reais",): "BRL",
        ("usd",): "USD",
        ("eur",): "EUR",
        ("gbp",): "GBP",
        ("jpy",): "JPY",
    },
    periods={
        ("a", "year"): "year",
        ("per", "year"): "year",
        ("each", "year"): "year",
        ("every", "year"): "year",
        ("a", "yr"): "year",
        ("annually",): "year",
        ("per", "annum"): "year",
        ("/", "yr"): "year",
        ("/", "year"): "year",
        ("a", "month"): "month",
        ("per", "month"): "month",
        ("each", "month"): "month",
        ("every", "month"): "month",
        ("monthly",): "month",
        ("/", "mo"): "month",
        ("/", "month"): "month",
        ("a", "week"): "week",
        ("per", "week"): "week",
        ("each", "week"): "week",
        ("weekly",): "week",
        ("/", "week"): "week",
        ("a", "day"): "day",
        ("per", "day"): "day",
        ("each", "day"): "day",
        ("every", "day"): "day",
        ("daily",): "day",
        ("/", "day"): "day",
        ("an", "hour"): "hour",
        ("per", "hour"): "hour",
        ("/", "hr"): "hour",
        ("/", "h"): "hour",
    },
    months=_MONTHS_EN,
    increase=_UP_EN,
    decrease=_DOWN_EN,
    stop=_EN_STOP,
    article_ones=frozenset({"one"}),
    article_scales=frozenset({"a"}),
)

# Spanish number words: the tables live with the Spanish reader; accented spellings added here
# because the scanner compares lower-cased words as written.
_ES_NUMBERS = {
    **spanish.UNITS,
    **spanish.TEENS,
    **spanish.TENS,
    **spanish.HUNDREDS,
    "dieciséis": 16,
    "veintidós": 22,
    "veintitrés": 23,
    "veintiséis": 26,
    "docena": 12,
}

_ES_STOP = frozenset(
    """de del la el los las en a al por para con sin y o u que se su sus es son fue fueron ha han
    había será serán como más menos entre desde hasta hacia sobre tras durante según este esta
    estos estas ese esa eso lo le les cada no ya también muy pero e u ni""".split()
)

SPANISH = Language(
    code="es",
    thousands_sep=".",
    decimal_sep=",",
    numbers=_ES_NUMBERS,
    scales={
        "mil": 1_000,
        "millón": 10**6,
        "millon": 10**6,
        "millones": 10**6,
        "billón": 10**12,
        "billon": 10**12,
        "billones": 10**12,
    },
    hedges={
        ("hasta",): AT_MOST,
        ("como", "máximo"): AT_MOST,
        ("a", "lo", "sumo"): AT_MOST,
        ("al", "menos"): AT_LEAST,
        ("por", "lo", "menos"): AT_LEAST,
        ("como", "mínimo"): AT_LEAST,
        ("más", "de"): MORE_THAN,
        ("mas", "de"): MORE_THAN,
        ("menos", "de"): LESS_THAN,
        ("cerca", "de"): APPROX,
        ("alrededor", "de"): APPROX,
        ("aproximadamente",): APPROX,
        ("unos",): APPROX,
        ("unas",): APPROX,
        ("casi",): APPROX,
        ("~",): APPROX,
        ("igual", "a"): EXACT,
        ("no", "más", "de"): AT_MOST,
        ("no", "menos", "de"): AT_LEAST,
        ("superior", "a"): MORE_THAN,
        ("superiores", "a"): MORE_THAN,
        ("inferior", "a"): LESS_THAN,
        ("inferiores", "a"): LESS_THAN,
        (">",): MORE_THAN,
        ("<",): LESS_THAN,
        (">", "="): AT_LEAST,
        ("<", "="): AT_MOST,
        ("≥",): AT_LEAST,
        ("≤",): AT_MOST,
        **{
            (word, link): hedge
            for words, hedge in (
                (("mayor", "mayores"), MORE_THAN),
                (("menor", "menores"), LESS_THAN),
            )
            for word in words
            for link in ("que", "de", "a")
        },
        **{
            (*lead, word, link): hedge
            for words, hedge in (
                (("alto", "alta", "altos", "altas", "grande", "grandes"), MORE_THAN),
                (("bajo", "baja", "bajos", "bajas", "pequeño", "pequeña"), LESS_THAN),
            )
            for word in words
            for lead in (("más",),)
            for link in ("que", "de")
        },
        **{
            phrase + (link,): hedge
            for phrases, hedge in (
                (
                    (
                        ("mayor", "o", "igual"),
                        ("mayores", "o", "iguales"),
                        ("superior", "o", "igual"),
                        ("superiores", "o", "iguales"),
                        ("igual", "o", "mayor"),
                        ("igual", "a", "o", "mayor"),
                        ("igual", "o", "superior"),
                    ),
                    AT_LEAST,
                ),
                (
                    (
                        ("menor", "o", "igual"),
                        ("menores", "o", "iguales"),
                        ("inferior", "o", "igual"),
                        ("inferiores", "o", "iguales"),
                        ("igual", "o", "menor"),
                        ("igual", "a", "o", "menor"),
                        ("igual", "o", "inferior"),
                    ),
                    AT_MOST,
                ),
            )
            for phrase in phrases
            for link in ("que", "a")
        },
    },
    post_hedges={
        ("o", "más"): AT_LEAST,
        ("o", "mas"): AT_LEAST,
        ("o", "mayor"): AT_LEAST,
        ("o", "mayores"): AT_LEAST,
        ("o", "superior"): AT_LEAST,
        ("o", "menos"): AT_MOST,
        ("o", "menor"): AT_MOST,
        ("o", "inferior"): AT_MOST,
        ("como", "máximo"): AT_MOST,
        ("como", "mínimo"): AT_LEAST,
        ("por", "lo", "menos"): AT_LEAST,
        ("al", "menos"): AT_LEAST,
    },
    range_starts=frozenset({"entre"}),
    range_joiners=frozenset({"y", "a", "o", "hasta"}),
    from_words=frozenset({"de", "desde"}),
    vague={
        ("decenas", "de", "miles"): 10_000,
        ("cientos", "de", "miles"): 100_000,
        ("centenares", "de", "miles"): 100_000,
        ("decenas", "de", "millones"): 10**7,
        ("cientos", "de", "millones"): 10**8,
        ("docenas",): 12,
        ("decenas",): 10,
        ("cientos",): 100,
        ("centenares",): 100,
        ("miles",): 1_000,
        ("millones",): 10**6,
    },
    percent=(("por", "ciento"), ("por", "cien"), ("%",)),
    money_words={
        ("dólares",): "USD",
        ("dolares",): "USD",
        ("dólar",): "USD",
        ("euros",): "EUR",
        ("pesos",): "MXN",
        ("peso",): "MXN",
        ("libras", "esterlinas"): "GBP",
        ("francos", "suizos"): "CHF",
        ("yenes",): "JPY",
        ("yen",): "JPY",
        ("usd",): "USD",
        ("mxn",): "MXN",
        ("eur",): "EUR",
    },
    periods={
        ("al", "año"): "year",
        ("por", "año"): "year",
        ("anuales",): "year",
        ("anualmente",): "year",
        ("al", "mes"): "month",
        ("por", "mes"): "month",
        ("mensuales",): "month",
        ("a", "la", "semana"): "week",
        ("por", "semana"): "week",
        ("al", "día"): "day",
        ("por", "día"): "day",
        ("diarios",): "day",
        ("por", "hora"): "hour",
    },
    months=frozenset(
        """enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
        diciembre ene feb mar abr jun jul ago sep sept set oct nov dic""".split()
    ),
    increase=frozenset(
        """aumentó aumenta aumentaron subió sube subieron creció crece crecieron incrementó
        incrementa ganó gana avanzó repuntó""".split()
    ),
    decrease=frozenset(
        """cayó cae cayeron bajó baja bajaron disminuyó disminuye descendió desciende redujo reduce
        perdió pierde retrocedió recortó""".split()
    ),
    stop=_ES_STOP,
    article_ones=frozenset({"uno"}),
    article_scales=frozenset({"un", "una"}),
    of_words=frozenset({"de"}),
    decimal_comma=None,
)
# Spanish where the point is the decimal mark, as in English: Mexico, the United States, Central
# America and the Caribbean ("6,000 efectivos", "$21.50"); es-419 is the tag Mexican and US wire
# copy uses for Latin America. Elsewhere (es-ES, es-AR, es-CO ...) "21.500" is twenty-one thousand.
POINT_DECIMAL_REGIONS = frozenset("mx us 419 pr do pa gt hn sv ni pe".split())
SPANISH_POINT_DECIMAL = replace(SPANISH, decimal_comma=False)
SPANISH_COMMA_DECIMAL = replace(SPANISH, decimal_comma=True)

# Currency signs and codes. Unidecode-style ASCII transliteration turns "£" into "PS" and "¥" into
# "Y=", so wire copy that went through it still reads as money.
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₪": "ILS"}
CURRENCY_PREFIX_WORDS = {
    "us": "USD",
    "u.s.": "USD",
    "hk": "HKD",
    "a": "AUD",
    "au": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "nz": "NZD",
    "s": "SGD",
    "r": "BRL",
    "mx": "MXN",
}
CURRENCY_CODES = {
    "usd",
    "eur",
    "gbp",
    "jpy",
    "cny",
    "mxn",
    "cad",
    "aud",
    "chf",
    "inr",
    "hkd",
    "ils",
}
ATTACHED_CURRENCY_WORDS = {"rm": "MYR", "ps": "GBP", "rs": "INR", "usd": "USD", "eur": "EUR"}
CURRENCY_DISPLAY = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
# Spanish writes these currencies out: to a Mexican reader "$800" is pesos.
SPANISH_CURRENCY_WORDS = {
    "USD": "dólares",
    "MXN": "pesos",
    "EUR": "euros",
    "GBP": "libras esterlinas",
    "JPY": "yenes",
}

# Units a reader names by a short symbol or word; the counted-noun heuristic is skipped for these.
MEASURE_UNITS = frozenset(
    """mile miles km kms kilometre kilometres kilometer kilometers metre metres meter meters m cm mm
    nm μm µm ft feet foot inch inches yard yards kg kgs g mg lb lbs pound pounds ounce ounces oz ton
    tons tonne tonnes litre litres liter liters l ml gallon gallons barrel barrels mph kph mpg hp
    bhp ps kw mw gw kwh mwh gwh w watt watts volt volts v hz khz mhz ghz gb tb mb kb degree degrees
    celsius fahrenheit °c °f ° second seconds sec secs minute minutes min mins hour hours hr hrs day
    days week weeks month months year years decade decades century centuries point points acre acres
    hectare hectares ppb ppm mah nm gpa decibels db times cents cent sen p pence kn""".split()
)
COMPOUND_UNITS = (
    ("miles", "per", "hour"),
    ("kilometres", "per", "hour"),
    ("kilometers", "per", "hour"),
    ("miles", "per", "gallon"),
    ("basis", "points"),
    ("basis", "point"),
    ("percentage", "points"),
    ("square", "miles"),
    ("square", "feet"),
    ("square", "foot"),
    ("square", "metres"),
    ("square", "meters"),
    ("square", "kilometres"),
    ("square", "kilometers"),
    ("sq", "m"),
    ("sq", "ft"),
    ("sq", "km"),
    ("cubic", "feet"),
    ("cubic", "metres"),
    ("degrees", "celsius"),
    ("degrees", "fahrenheit"),
    ("km", "/", "h"),
    ("km", "/", "hr"),
    ("lb", "-", "ft"),
)

IRREGULAR_PLURALS = frozenset(
    """people children men women police staff cattle feet teeth mice personnel troops""".split()
)


def language_for(code: str | None) -> Language:
    """Spanish for ``"es"`` and any ``"es-*"`` tag, English otherwise; the region picks how
    "6,000" and "21.500" read (``es-MX`` six thousand and 21.5, ``es-ES`` 6 and 21,500, ``es``
    from the digit groups)."""
    parts = (code or "").lower().replace("_", "-").split("-")
    if "x" in parts:  # private-use subtags ("es-MX-x-mil") name no region
        parts = parts[: parts.index("x")]
    if parts[0] != "es":
        return ENGLISH
    region = next((p for p in parts[1:] if len(p) in (2, 3) and p.isalnum()), None)
    if region is None:
        return SPANISH
    return SPANISH_POINT_DECIMAL if region in POINT_DECIMAL_REGIONS else SPANISH_COMMA_DECIMAL


def as_decimal(value: object) -> Decimal | None:
    """Best-effort conversion used by the formatter: Decimal, int, float or numeric string."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).replace(",", ""))
    except ArithmeticError:
        return None


# -- tokens ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "word" or "sym"
    text: str
    low: str
    start: int
    end: int


_WORD = r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)?"
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"  # one character each: "½", "⅙"
_TOKEN_RE = {
    "en": re.compile(
        rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\w.,])\.\d+|[{_VULGAR}])"
        rf"|(?P<word>{_WORD})|(?P<sym>\S)"
    ),
    # Spanish groups thousands with "." or "," (or a space, "40 000") by region; ``to_decimal``
    # decides which mark is the decimal one.
    "es": re.compile(
        rf"(?P<num>\d{{1,3}}(?:[.,\u00a0\u202f\u2009 ]\d{{3}})+(?![\d\u00a0\u202f])(?:[.,]\d+)?"
        rf"|\d+[.,]\d+|\d+|[{_VULGAR}])"
        rf"|(?P<word>{_WORD})|(?P<sym>\S)"
    ),
}


def tokenize(text: str, lang: Language) -> list[Token]:
    """Numbers, words (including "U.S." and "p.m.") and single symbols, with character offsets."""
    return [
        Token(m.lastgroup or "sym", m.group(), m.group().lower(), m.start(), m.end())
        for m in _TOKEN_RE[lang.code].finditer(text)
    ]


_SPACES = str.maketrans("", "", "\u00a0\u202f\u2009 ")


def to_decimal(raw: str, lang: Language) -> Decimal:
    """The number a token spells, by the language's marks:

    >>> to_decimal("6,000", SPANISH_POINT_DECIMAL), to_decimal("21.500", SPANISH_COMMA_DECIMAL)
    (Decimal('6000'), Decimal('21500'))
    >>> to_decimal("1,5", SPANISH_POINT_DECIMAL), to_decimal("1.111,11", SPANISH)
    (Decimal('1.5'), Decimal('1111.11'))
    """
    if raw in _VULGAR:
        return Decimal(format(unicodedata.numeric(raw), ".6g"))
    if lang.code != "es":
        return Decimal(raw.replace(",", ""))
    raw = raw.translate(_SPACES)
    marks = [ch for ch in raw if ch in ".,"]
    if not marks:
        return Decimal(raw)
    if len(set(marks)) == 2:  # "1.111,11", "1,111.11": the last mark is the decimal one
        decimal = marks[-1]
    elif len(marks) > 1:  # "1,234,567": only thousands repeat
        decimal = None
    else:
        grouped = len(raw) - raw.index(marks[0]) == 4  # three digits after the mark
        thousands = {None: marks[0], True: ".", False: ","}[lang.decimal_comma]
        # Nobody writes six as "6,000" or 80.5 as "80.500": a group of three ending in zero
        # groups thousands whatever the region's decimal mark.
        if grouped and (marks[0] == thousands or raw.endswith("0")):
            decimal = None
        else:
            decimal = marks[0]
    if decimal is None:
        return Decimal(raw.replace(".", "").replace(",", ""))
    raw = raw.replace("," if decimal == "." else ".", "")
    return Decimal(raw.replace(",", "."))


def tidy(d: Decimal) -> Decimal:
    """Drop exponents and trailing zeros: Decimal("1.5") * 10**6 -> Decimal("1500000")."""
    if d.adjusted() >= getcontext().prec:
        # A "number" longer than Decimal's precision (1,000 digits) cannot be quantized; it is
        # kept as it is, and extraction refuses to store it.
        return d
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def is_plural(word: str) -> bool:
    if word in IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


# -- scanner word lists ----------------------------------------------------------------------------

TIME_WORDS = {"am", "pm", "a.m.", "p.m."}
# Lower-case words that may hang a number off a hyphen: "minus-130", "sub-7", "now-18".
HYPHEN_PREFIXES = {"minus", "sub", "to", "now", "mid", "over", "under", "about", "nearly", "pre"}
FRACTION_DENOMINATORS = {2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128}
PRONOUN_ONE_BEFORE = {"the", "each", "any", "every", "no", "which", "this", "that", "same", "other"}
PRONOUN_ONE_AFTER = {"another", "day", "time", "way", "thing", "side"}
# Words that may sit between a change verb and its figure: "rose by nearly 5%", "cayó un 3%".
CHANGE_FILLERS = set(
    """by just only nearly about some further another sharply slightly roughly around almost over
    than more less under as much en un una casi cerca de alrededor""".split()
)
CHANGE_NOUNS = {
    **dict.fromkeys("increase rise gain jump growth boost hike".split(), INCREASE),
    **dict.fromkeys("decrease drop fall decline cut reduction".split(), DECREASE),
}
# Verbs that are a change only with "by" ("raised prices by 5%"): "raised $280 million" is money in.
CHANGE_WITH_BY = {
    **dict.fromkeys("raised raise raises boosted boost lifted".split(), INCREASE),
    **dict.fromkeys("lowered lower reduced reduce trimmed slashed".split(), DECREASE),
}
# "gave up 517 yards" and "set up 20 sites" are phrasal verbs, not changes.
PHRASAL_BEFORE_UP_DOWN = set(
    """give gives gave given giving set sets setting sign signs signed signing pick picks picked
    picking put puts putting take takes took taken taking make makes made making turn turns turned
    shut shuts back backed show shows showed showing come comes came coming hold holds held write
    writes wrote round rounded break breaks broke sum sums summed""".split()
)
# Singular nouns that make the next number a label, not an amount: "category 4", "page 5".
LABEL_WORDS = set(
    """category level phase stage grade page chapter section article number no room route highway
    game round season episode volume vol version tier gate platform flight channel row seat unit
    apartment suite floor exit lane district ward precinct
    artículo articulo fracción fraccion inciso capítulo capitulo número numero núm num página
    pagina párrafo parrafo sección seccion apartado cláusula clausula línea linea ruta carretera
    piso habitación nivel fase etapa temporada episodio vuelo jornada distrito casilla kilómetro
    expediente""".split()
)
# Words before a four-digit number that make it a year even when a plural noun follows.
YEAR_LEADS = set(
    """the a an in since by of from until till through before after during its their his her our
    my your this that last next early late mid en de del desde el la los las""".split()
)
RATE_DENOMINATORS = {
    "barrel",
    "ounce",
    "share",
    "gallon",
    "gram",
    "kilo",
    "night",
    "person",
    "head",
}


# -- formatter wording -----------------------------------------------------------------------------

HEDGE_TEMPLATES = {
    "en": {
        APPROX: "about {}",
        AT_LEAST: "at least {}",
        MORE_THAN: "more than {}",
        AT_MOST: "up to {}",
        LESS_THAN: "less than {}",
        RANGE: "between {} and {}",
    },
    "es": {
        APPROX: "alrededor de {}",
        AT_LEAST: "al menos {}",
        MORE_THAN: "más de {}",
        AT_MOST: "hasta {}",
        LESS_THAN: "menos de {}",
        RANGE: "entre {} y {}",
    },
}
PERIOD_WORDS = {
    "en": {
        "year": "a year",
        "month": "a month",
        "week": "a week",
        "day": "a day",
        "hour": "an hour",
    },
    "es": {
        "year": "al año",
        "quarter": "al trimestre",
        "month": "al mes",
        "week": "a la semana",
        "day": "al día",
        "hour": "por hora",
    },
}
VAGUE_WORDS = {
    "en": (
        (10**11, "hundreds of billions"),
        (10**10, "tens of billions"),
        (10**9, "billions"),
        (10**8, "hundreds of millions"),
        (10**7, "tens of millions"),
        (10**6, "millions"),
        (10**5, "hundreds of thousands"),
        (10**4, "tens of thousands"),
        (1000, "thousands"),
        (100, "hundreds"),
        (12, "dozens"),
        (10, "tens"),
    ),
    "es": (
        (10**8, "cientos de millones"),
        (10**7, "decenas de millones"),
        (10**6, "millones"),
        (10**5, "cientos de miles"),
        (10**4, "decenas de miles"),
        (1000, "miles"),
        (100, "cientos"),
        (12, "docenas"),
        (10, "decenas"),
    ),
}
# (size, singular, plural) for writing large figures in words: "$1.5 million", "1,5 millones".
BIG_NUMBER_WORDS = {
    "en": (
        (10**12, "trillion", "trillion"),
        (10**9, "billion", "billion"),
        (10**6, "million", "million"),
    ),
    "es": (
        (10**12, "billón", "billones"),
        (10**9, "mil millones", "mil millones"),
        (10**6, "millón", "millones"),
    ),
}
PERCENT_UNITS = {"percent", "per cent", "%", "por ciento", "pc"}
