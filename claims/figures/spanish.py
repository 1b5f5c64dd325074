"""Spanish numbers written in words, for :mod:`claims.figures.parsing`. Pure, no Django.

``read_words(words, i)`` reads the longest number spelled out from ``words[i]`` (lower-case tokens
as ``tokenize`` produces them) and returns ``(value, next index, fraction)`` or None::

    "dos mil trescientos cuarenta y siete"   -> 2347
    "tres millones y medio"                 -> 3500000
    "medio millón"                          -> 500000
    "tres billones" (long scale)            -> 3 * 10**12; "mil millones" is 10**9
    "dos tercios", "cinco octavos"          -> 0.666..., 0.625 (fraction=True)
    "uno con un cuarto", "doscientos coma cero tres" -> 1.25, 200.03

The grammar is the written one: hundreds, then tens, "y", units inside each group of three digits,
groups joined by "mil", "millones", "billones". A word that cannot continue the number ends it, so
"dos tres" is two numbers.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal


def _plain(word: str) -> str:
    """Without accents: newsroom copy and the specs write "veintitres" as often as "veintitrés"."""
    return "".join(
        ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn"
    )


UNITS = {
    "cero": 0,
    "uno": 1,
    "una": 1,
    "un": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
}
TEENS = {
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "veintiun": 21,
    "veintiuno": 21,
    "veintiuna": 21,
    "veintidos": 22,
    "veintitres": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiseis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
}
TENS = {
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
}
HUNDREDS = {
    "cien": 100,
    "ciento": 100,
    "doscientos": 200,
    "trescientos": 300,
    "cuatrocientos": 400,
    "quinientos": 500,
    "seiscientos": 600,
    "setecientos": 700,
    "ochocientos": 800,
    "novecientos": 900,
}
HUNDREDS.update({w[:-2] + "as": n for w, n in HUNDREDS.items() if w.endswith("os")})
BIG = {"millon": 10**6, "millones": 10**6, "billon": 10**12, "billones": 10**12}
# Denominators of fractions: "dos tercios", "tres cuartos", "un quinto", "cien milésimas".
DENOMINATORS = {
    "medio": 2,
    "medios": 2,
    "media": 2,
    "medias": 2,
    "tercio": 3,
    "tercios": 3,
    "cuarto": 4,
    "cuartos": 4,
    "quinto": 5,
    "sexto": 6,
    "septimo": 7,
    "octavo": 8,
    "noveno": 9,
    "decimo": 10,
    "centesimo": 100,
    "milesimo": 1000,
    "millonesimo": 10**6,
    "billonesimo": 10**12,
}
for _word, _n in list(DENOMINATORS.items()):
    if _word.endswith("o") and _n > 4:
        DENOMINATORS.update({_word + "s": _n, _word[:-1] + "a": _n, _word[:-1] + "as": _n})
# Nouns that make "un"/"una" a count rather than an article: "un año", "una milla", "un yen".
# Time words are left out: "un día antes", "hace un año" say when, not how much.
UNIT_NOUNS = frozenset(
    """milla millas kilómetro kilómetros metro metros centímetro centímetros pie pies pulgada
    pulgadas libra libras onza onzas galón galones kilo kilos kilogramo kilogramos gramo gramos
    tonelada toneladas litro litros hectárea hectáreas yen dólar dólares dolar dolares euro euros
    peso pesos franco francos""".split()
)
# Every word that can start or continue a number; the scanner asks before calling ``read_words``.
NUMBER_WORDS = frozenset({*UNITS, *TEENS, *TENS, *HUNDREDS, "mil", *BIG, "medio", "media", "mitad"})
plain = _plain


_AFTER_DECIMALS = {"por", "%", ".", ",", ";"}


def _small(word: str) -> int | None:
    for table in (UNITS, TEENS, TENS, HUNDREDS):
        if word in table:
            return table[word]
    return None


def _avos(word: str) -> int | None:
    """Denominators built on a number: "onceavos", "veintiunavos", "dosmilésimos" (2,000)."""
    for suffix in ("avos", "avo", "avas", "ava"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            ends = (stem, stem + "e", stem + "o", stem + "a", stem[:-1] if stem[-1:] == "n" else "")
            for candidate in ends:
                value = _compound(candidate)
                if value and value > 4:
                    return value
    for suffix in ("milesimos", "milesimo", "milesimas", "milesima"):
        if word.endswith(suffix) and len(word) > len(suffix):
            value = _compound(word[: -len(suffix)])
            if value:
                return value * 1000
    return None


def _compound(stem: str) -> int | None:
    """A number written as one word: "veintiun", "ciento", "doscientos", "cientocinco"."""
    value = _small(stem)
    if value is not None:
        return value
    for head, n in HUNDREDS.items():
        if stem.startswith(head) and _small(stem[len(head) :]):
            return n + (_small(stem[len(head) :]) or 0)
    return None


def denominator(word: str) -> int | None:
    word = _plain(word)
    return DENOMINATORS.get(word) or _avos(word)


def _group(words: list[str], i: int) -> tuple[int, int] | None:
    """One group below a thousand: "trescientos cuarenta y siete" -> (347, next index)."""
    n, value, j, last = len(words), 0, i, None  # last: the place just filled (100, 10, 1)
    while j < n:
        w = _plain(words[j])
        if w in HUNDREDS and last is None:
            value, last, j = value + HUNDREDS[w], 100, j + 1
        elif w in TENS and last in (None, 100):
            value, last, j = value + TENS[w], 10, j + 1
            if j + 1 < n and words[j] == "y" and _plain(words[j + 1]) in UNITS:
                if _plain(words[j + 1]) != "cero":
                    value, last, j = value + UNITS[_plain(words[j + 1])], 1, j + 2
        elif w in TEENS and last in (None, 100):
            value, last, j = value + TEENS[w], 1, j + 1
        elif w in UNITS and last in (None, 100) and not (w == "cero" and last):
            value, last, j = value + UNITS[w], 1, j + 1
        else:
            break
    return (value, j) if last is not None else None


def read_words(words: list[str], i: int) -> tuple[Decimal, int, bool] | None:
    """The number spelled out from ``words[i]``: (value, next index, is a fraction)."""
    n = len(words)
    total, current, j, seen = 0, 0, i, False
    if words[i] == "mitad" and i and words[i - 1] == "la":
        return Decimal("0.5"), i + 1, True  # "la mitad de la clase"
    if _plain(words[i]) in {"medio", "media"} and i + 1 < n:
        following = _plain(words[i + 1])
        if following in BIG:
            return Decimal(BIG[following] // 2), i + 2, False  # "medio millón"
        if following == "docena":
            return Decimal(6), i + 2, False
        return None
    while j < n:
        w = _plain(words[j])
        group = _group(words, j)
        if group is not None and (not seen or current % 1000 == 0):
            current, j, seen = current + group[0], group[1], True
            if j < n and _plain(words[j]) not in {"mil", *BIG}:
                break
            continue
        if w == "mil" and (current % 1000 or not seen or current == 0):
            current = current - current % 1000 + max(current % 1000, 1) * 1000
            j, seen = j + 1, True
            continue
        if w in BIG and (current or not seen):
            scale = BIG[w]
            if total and total < scale * max(current, 1):
                break  # "un millón un billón" is two numbers
            total, current, j, seen = total + max(current, 1) * scale, 0, j + 1, True
            continue
        break
    if not seen:
        return None
    value = Decimal(total + current)
    if j < n and words[j] in {"docena", "docenas"}:
        value, j = value * 12, j + 1  # "tres docenas"
    if j + 2 < n and words[j] == "y" and words[j + 2] in {"docena", "docenas"}:
        dozens = read_words(words, j + 1)
        if dozens is not None and dozens[1] == j + 3:
            return value + dozens[0], dozens[1], False  # "dos mil y cuatro docenas"
    # "tres millones y medio", "cinco y medio", "dos mil y cuatro docenas"
    if j + 1 < n and words[j] == "y" and _plain(words[j + 1]) in {"medio", "media"}:
        last_scale = 10**6 if _plain(words[j - 1]) in BIG else 1000 if words[j - 1] == "mil" else 1
        return value + Decimal(last_scale) / 2, j + 2, False
    if j + 2 < n and words[j] in {"con", "y"}:
        part = read_words(words, j + 1)
        if part is not None and part[2]:
            return value + part[0], part[1], False  # "uno con un cuarto", "cien con tres cuartos"
    if j + 1 < n and words[j] == "con" and _plain(words[j + 1]) in NUMBER_WORDS - {"un", "una"}:
        part = read_words(words, j + 1)
        # "siete con cincuenta" is 7.50 when nothing is counted after it ("siete con cincuenta
        # heridos" is two figures)
        if part is not None and not part[2] and (part[1] == n or words[part[1]] in _AFTER_DECIMALS):
            places = len(str(int(part[0])))
            return value + part[0] / Decimal(10) ** places, part[1], False
    if j + 1 < n and words[j] == "coma":
        digits, k = "", j + 1
        while k < n and _plain(words[k]) in UNITS and _plain(words[k]) not in {"un", "una"}:
            digits, k = digits + str(UNITS[_plain(words[k])]), k + 1
        if digits:
            return value + Decimal("0." + digits), k, False  # "doscientos coma cero tres"
    if j < n and value:
        den = denominator(words[j])
        if den and (value == 1 or not _plain(words[j]).endswith(("o", "a")) or den == 2):
            # "dos tercios", "un quinto"; "cinco medios" is 2.5; "el quinto" stays an ordinal
            return value / den, j + 1, True
    return value, j, False
