"""Put figures stated in different units on one scale, or say that they cannot be compared.

Pure functions, no database. A figure normalises to a magnitude in its family's base unit and a
``comparable_key``; two figures compare only when their keys are equal. Worked examples::

    normalise(6000, "National Guard troops")        -> 6000 personnel
    normalise(6000, "elementos de la Guardia Nacional") -> 6000 personnel (same key)
    normalise(80500, "migrants deported")           -> 80500 deportations
    normalise(800, "USD", "USD", "year")            -> 800 USD per year
    normalise(Decimal("66.67"), "USD", "USD", "month") -> 800.04 USD per year
    normalise(3, "miles")                           -> 4828.032 m (pint, dimension [length])
    normalise(1500, "troops") == normalise(Decimal("1.5E+3"), "troops")  (Decimals: by value)

Rules:

* Count nouns go to a small vocabulary of families (personnel, people, deaths, deportations,
  arrests, jobs); a word naming an event (deported, killed) wins over one naming who it happened
  to, so "people killed" counts deaths, not people.
* Money compares only within one currency: no exchange rate is invented, so USD vs MXN is
  incomparable (never a conflict).
* Rates are restated per year; a rate never compares with a one-off total.
* Physical units go through pint (miles vs km, tonnes vs kg, °F vs °C).
* Anything else compares only with the same words (lower-cased, plurals folded).

What a claim stores (``stored_figure``) and a query asks for (``family_of_query``) use the same
rules, so ``unit=troops`` finds "elementos de la Guardia Nacional"::

    stored_figure(6000, None, 6000, "National Guard troops")
        -> StoredFigure(family="personnel", value=6000, low=None, high=6000)
    stored_figure(800, 800, None, "USD", "USD", "year")   -> family "USD", value 800 (per year)
    stored_figure(3, 3, 3, "miles")                       -> family "[length]", value 4828.032 (m)
    family_of_query("troops") == family_of_query("personnel") == "personnel"

Figures are rounded when stated: ``rounding_slack`` gives half a unit in the last decimal place
stated ("66.67" is 66.665 to 66.675), so "$800 a year" and "$66.67 a month" (800.04 a year, give
or take 0.06) compare as equal while "6,000" and "6,001" do not. Conversions run in Decimal
(pint with ``non_int_type=Decimal``), so exact factors such as 12 or 1,609.344 add no error.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Context, Decimal

import pint

FAMILIES = {
    "deaths": """death deaths dead killed fatality fatalities died casualty casualties
        muerto muertos muerte muertes fallecido fallecidos""",
    "deportations": """deportation deportations deported deportee deportees removal removals
        removed expelled expulsion expulsions deportado deportados deportacion deportaciones
        deportación repatriated repatriation repatriations""",
    "arrests": """arrest arrests arrested apprehension apprehensions apprehended detention
        detentions detained detenido detenidos detencion detenciones detención""",
    "personnel": """troop troops soldier soldiers agent agents officer officers personnel element
        elements elemento elementos guardsman guardsmen marine marines sailor sailors airman
        airmen servicemember servicemembers police policeman policemen soldado soldados agente
        agentes efectivo efectivos tropa tropas militar militares""",
    "people": """migrant migrants people person persons child children asylum-seeker
        asylum-seekers refugee refugees immigrant immigrants individual individuals resident
        residents adult adults minor minors citizen citizens men women persona personas migrante
        migrantes niño niños nino ninos menor menores refugiado refugiados""",
    "jobs": "job jobs empleo empleos",
}
# Event words are checked first: "migrants deported" is a count of deportations.
FAMILY_ORDER = ["deaths", "deportations", "arrests", "personnel", "people", "jobs"]
PHRASES = {
    ("asylum", "seekers"): "asylum-seekers",
    ("asylum", "seeker"): "asylum-seeker",
    ("service", "members"): "servicemembers",
    ("solicitantes", "de", "asilo"): "migrantes",
}
_WORD_FAMILY = {w: fam for fam, words in FAMILIES.items() for w in words.split()}

PERCENT_WORDS = {"%", "percent", "per cent", "pct", "por ciento", "porciento"}
POINT_WORDS = {"percentage points", "percentage point", "points", "point", "puntos"}

PINT_ALIASES = {
    "degrees celsius": "degC",
    "degree celsius": "degC",
    "°c": "degC",
    "celsius": "degC",
    "degrees fahrenheit": "degF",
    "degree fahrenheit": "degF",
    "°f": "degF",
    "fahrenheit": "degF",
    "sq km": "km**2",
    "sq m": "m**2",
    "sq ft": "ft**2",
    "km / h": "km/h",
    "km / hr": "km/h",
    "kms": "km",
    "kgs": "kg",
    "lbs": "lb",
    "hrs": "hour",
    "mins": "minute",
    "secs": "second",
    # Spanish names of the physical units pint knows only in English.
    "kilómetros": "km",
    "kilometros": "km",
    "kilómetro": "km",
    "kilometro": "km",
    "kilómetros cuadrados": "km**2",
    "millas": "miles",
    "milla": "mile",
    "metros": "m",
    "kilogramos": "kg",
    "kilos": "kg",
    "toneladas": "tonnes",
    "tonelada": "tonne",
    "litros": "litres",
    "hectáreas": "hectares",
    "hectareas": "hectares",
}
# Only these go to pint: it reads almost any word as some unit ("shots", "cups", "bars").
PHYSICAL_UNITS = set(
    """mile miles km kilometre kilometres kilometer kilometers metre metres meter meters m cm mm
    ft feet foot inch inches yard yards kg g mg lb pound pounds ounce ounces oz ton tons tonne
    tonnes litre litres liter liters l ml gallon gallons barrel barrels mph kph km/h acre acres
    hectare hectares km**2 m**2 ft**2 degC degF second seconds minute minutes hour hours day days
    week weeks month months year years decade decades watt watts""".split()
    + [
        "square miles",
        "square kilometres",
        "square kilometers",
        "square metres",
        "square meters",
        "square feet",
        "cubic metres",
        "cubic meters",
        "cubic feet",
    ]
)

# Rate period -> (pint unit, how many of them): pint's own "quarter" is a mass.
RATE_PERIODS = {
    "hour": ("hour", 1),
    "day": ("day", 1),
    "week": ("week", 1),
    "month": ("month", 1),
    "quarter": ("month", 3),
    "year": ("year", 1),
}
ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Normalised:
    """A figure on its family's scale: ``magnitude`` is None when no value was given."""

    magnitude: Decimal | None
    dimension: str
    comparable_key: tuple
    scale_unit: str  # what ``magnitude`` is counted in: "personnel", "USD per year", "meter"
    convert: Callable[[Decimal], Decimal] = field(repr=False, compare=False)

    def scale(self, value: Decimal | None) -> Decimal | None:
        """Another figure stated in the same unit (an interval's end), on this scale."""
        return None if value is None else self.convert(Decimal(value))


@functools.cache
def registry() -> pint.UnitRegistry:
    return pint.UnitRegistry(non_int_type=Decimal)


def normalise(value, unit: str, currency: str = "", rate_period: str = "") -> Normalised:
    """``value`` (as stated, in ``unit``) on a common scale, with a key naming what it counts."""
    dimension, convert, scale_unit = _dimension(unit or "", (currency or "").strip().upper())
    per = (rate_period or "").strip().lower()
    if per:
        if per not in RATE_PERIODS:
            raise ValueError(f"Unknown rate period {rate_period!r}")
        name, count = RATE_PERIODS[per]
        per_year = registry().Quantity(Decimal(1), "year").to(name).magnitude / count
        convert = _then_multiply(convert, Decimal(per_year))
        key = (dimension, "per year")
        scale_unit += " per year"
    else:
        key = (dimension,)
    magnitude = None if value is None else convert(Decimal(value))
    return Normalised(magnitude, dimension, key, scale_unit, convert)


def comparable(a: Normalised, b: Normalised) -> bool:
    return a.comparable_key == b.comparable_key


def rounding_slack(value) -> Decimal:
    """Half a unit in the last decimal place stated; whole numbers are taken as exact.

    Stored values carry six decimal places, so trailing zeros are not precision: 66.670000 was
    stated as 66.67. Whole numbers get none, because "6,000" would otherwise cover 5,500-6,500.
    """
    if value is None:
        return Decimal(0)
    exponent = Decimal(value).normalize().as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return Decimal(0)
    return Decimal(5) * Decimal(10) ** (exponent - 1)


def _dimension(unit: str, currency: str) -> tuple[str, Callable[[Decimal], Decimal], str]:
    if not currency and ISO_CURRENCY.match(unit.strip()):
        currency = unit.strip()
    if currency:
        return f"money:{currency}", _identity, currency
    words = _words(unit)
    text = " ".join(words)
    if text in PERCENT_WORDS:
        return "percent", _identity, "percent"
    if text in POINT_WORDS:
        return "percentage points", _identity, "percentage points"
    for family in FAMILY_ORDER:
        if any(_WORD_FAMILY.get(w) == family for w in words):
            return family, _identity, family
    physical = _pint(text)
    if physical:
        return physical
    return "words:" + " ".join(_singular(w) for w in words), _identity, unit.strip()


def _words(unit: str) -> list[str]:
    tokens = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*|%|°[cf]|\*\*\d|/", unit.lower())
    out, i = [], 0
    while i < len(tokens):
        for phrase, replacement in PHRASES.items():
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                out.append(replacement)
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _singular(word: str) -> str:
    if word in _WORD_FAMILY or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _pint(text: str) -> tuple[str, Callable[[Decimal], Decimal], str] | None:
    spec = PINT_ALIASES.get(text, text)
    if spec not in PHYSICAL_UNITS:
        return None
    ureg = registry()
    try:
        units = ureg.parse_units(spec)
    except (pint.errors.PintError, ValueError):
        return None
    dimensionality = ureg.Quantity(Decimal(1), units).dimensionality
    if not dimensionality:
        return None
    base = ureg.Quantity(Decimal(1), units).to_base_units().units

    def convert(value: Decimal) -> Decimal:
        return Decimal(ureg.Quantity(value, units).to(base).magnitude)

    return str(dimensionality), convert, str(base)


def _identity(value: Decimal) -> Decimal:
    return value


def _then_multiply(convert, factor: Decimal):
    return lambda value: convert(value) * factor


# The stored normalised columns: numeric(40, 10). Ten places keep a milligram (1e-6 kg) and a
# cent a month per hour; thirty whole digits keep the largest figure a claim may state (1e18)
# after the largest factor here (per hour -> per year, km² -> m²).
STORED_DIGITS, STORED_PLACES = 40, 10
STORED_LIMIT = Decimal(10) ** (STORED_DIGITS - STORED_PLACES)
_QUANTUM = Decimal(1).scaleb(-STORED_PLACES)
_STORE_CONTEXT = Context(prec=STORED_DIGITS + 1)


@dataclass(frozen=True)
class StoredFigure:
    """A claim's figure in its family's base unit (per year for rates), as the claim stores it."""

    family: str
    value: Decimal
    low: Decimal | None
    high: Decimal | None


def family(normalised: Normalised) -> str:
    """The name a family is stored and asked for by: "personnel", "USD", "[length]", …

    Money is its ISO code alone (upper case, so no count or word can collide with it); unknown
    words keep their "words:" prefix, so "words:personnel" could never pass for the family.
    """
    return normalised.dimension.removeprefix("money:")


def stored_figure(value, low, high, unit: str, currency: str = "", rate_period: str = ""):
    """The figure and its interval's ends on the family's scale, rounded to what is stored.

    Raises ValueError when the figure, once normalised, is too large to store.
    """
    normalised = normalise(value, unit, currency, rate_period)
    ends = [_stored(normalised.scale(v)) for v in (value, low, high)]
    return StoredFigure(family(normalised), *ends)


def family_of_query(word: str) -> str:
    """The family a unit typed in a query stands for: a family's own name ("personnel", "USD",
    "[length]") or any unit of it ("troops", "elementos", "miles"); unknown words by their
    folded form ("Vehicles" -> "words:vehicle")."""
    text = (word or "").strip()
    if text.lower() in _FAMILY_NAMES:
        return text.lower()
    if text.startswith("[") or text.startswith("words:"):
        return text  # a stored family, as the API shows it (pint's "[length]", "[mass]", …)
    return family(normalise(None, text))


def query_scale(unit: str, per: str = "") -> Callable[[Decimal], Decimal]:
    """How a bound typed with ``unit`` (and ``per``, a rate period) reads on the stored scale:
    ``query_scale("USD", "month")(60) == 720`` (dollars a year). Raises ValueError for a bound
    that would be too large to store."""
    if unit.strip().startswith(("[", "words:")):
        convert = _identity  # a family by name: bounds are already in its base unit
        if per:
            convert = normalise(None, "", "", per).convert
        return lambda value: _stored(convert(Decimal(value)))
    normalised = normalise(None, unit, "", per)
    return lambda value: _stored(normalised.scale(value))


_FAMILY_NAMES = {*FAMILY_ORDER, "percent", "percentage points"}


def _stored(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if not abs(value) < STORED_LIMIT:
        raise ValueError(f"{value:.3e} is too large to store once normalised")
    return value.quantize(_QUANTUM, context=_STORE_CONTEXT)
