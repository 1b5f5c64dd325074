"""claims.figures.parsing: the figures a sentence holds, how a figure reads back. No database."""

from decimal import Decimal

import pytest

from claims.figures.formatting import format_figure
from claims.figures.parsing import (
    APPROX,
    AT_LEAST,
    AT_MOST,
    DECREASE,
    EXACT,
    HEDGES,
    INCREASE,
    LESS_THAN,
    MORE_THAN,
    RANGE,
    VAGUE,
    find_quantities,
)


def figures(text, language="en"):
    """(value, hedge, unit, change, per) for each figure, the shape the tables below use."""
    return [(q.value, q.hedge, q.unit, q.change, q.per) for q in find_quantities(text, language)]


def D(x):
    return Decimal(str(x))


# -- what a sentence holds -------------------------------------------------------------------------

SENTENCES = [
    # digits, separators, decimals
    ("Ford has 13000 workers in the United Kingdom.", [(D(13000), EXACT, "workers", None, None)]),
    ("Mexico deported 2000 migrants in 2019.", [(D(2000), EXACT, "migrants", None, None)]),
    ("The deficit was 1,307,000.5 tonnes.", [(D("1307000.5"), EXACT, "tonnes", None, None)]),
    ("A yield of .001 per cent.", [(D("0.001"), EXACT, "percent", None, None)]),
    # number words
    ("Six children died.", [(D(6), EXACT, "children", None, None)]),
    ("They found twenty-five bodies.", [(D(25), EXACT, "bodies", None, None)]),
    ("He bought a dozen eggs.", [(D(12), EXACT, "eggs", None, None)]),
    ("It cost half a million dollars.", [(D(500000), EXACT, "USD", None, None)]),
    ("One hundred and twenty people came.", [(D(120), EXACT, "people", None, None)]),
    ("There were 4 hundred million people.", [(D(400000000), EXACT, "people", None, None)]),
    ("Nearly two-thirds of sales were CDs.", [(D("0.666667"), APPROX, "", None, None)]),
    (
        "One out of three Germans have housing problems.",
        [(D("0.333333"), EXACT, "Germans", None, None)],
    ),
    # scales
    ("The fund holds 1.5 million shares.", [(D(1500000), EXACT, "shares", None, None)]),
    ("A $2bn takeover.", [(D(2000000000), EXACT, "USD", None, None)]),
    ("They hired 5k runners.", [(D(5000), EXACT, "runners", None, None)]),
    ("There are 1 to 2 thousand people.", [(D(1000), RANGE, "people", None, None)]),
    # money
    ("It sold for €1,200.", [(D(1200), EXACT, "EUR", None, None)]),
    ("A £1,000 payment.", [(D(1000), EXACT, "GBP", None, None)]),
    ("It paid 80 pesos.", [(D(80), EXACT, "MXN", None, None)]),
    ("Sales reached US $7.2 billion.", [(D(7200000000), EXACT, "USD", None, None)]),
    ("Oil traded at $58.24 per barrel.", [(D("58.24"), EXACT, "USD per barrel", None, None)]),
    # percent
    ("Turnout was 33%.", [(D(33), EXACT, "percent", None, None)]),
    ("Turnout was 33 percent.", [(D(33), EXACT, "percent", None, None)]),
    ("Turnout was 33 per cent.", [(D(33), EXACT, "percent", None, None)]),
    # ranges
    ("between 5,000 and 6,000 troops", [(D(5000), RANGE, "troops", None, None)]),
    ("5,000-6,000 troops", [(D(5000), RANGE, "troops", None, None)]),
    ("5,000 to 6,000 troops", [(D(5000), RANGE, "troops", None, None)]),
    ("Over the past three or four years.", [(D(3), RANGE, "years", None, None)]),
    # hedges
    ("up to 6,000 troops", [(D(6000), AT_MOST, "troops", None, None)]),
    ("as many as 15,000 children", [(D(15000), AT_MOST, "children", None, None)]),
    ("no more than 40 guards", [(D(40), AT_MOST, "guards", None, None)]),
    ("at most 40 guards", [(D(40), AT_MOST, "guards", None, None)]),
    ("at least 200,000 deaths", [(D(200000), AT_LEAST, "deaths", None, None)]),
    ("more than 700 heart transplants", [(D(700), MORE_THAN, "heart transplants", None, None)]),
    ("over 35 GWh", [(D(35), MORE_THAN, "GWh", None, None)]),
    ("under 20 percent", [(D(20), LESS_THAN, "percent", None, None)]),
    ("fewer than 3.5 seconds", [(D("3.5"), LESS_THAN, "seconds", None, None)]),
    ("less than 10 miles", [(D(10), LESS_THAN, "miles", None, None)]),
    ("nearly 800,000 people", [(D(800000), APPROX, "people", None, None)]),
    ("almost 50 cars", [(D(50), APPROX, "cars", None, None)]),
    ("about 6,500 troops", [(D(6500), APPROX, "troops", None, None)]),
    ("approximately 300 songs", [(D(300), APPROX, "songs", None, None)]),
    ("around 600 people", [(D(600), APPROX, "people", None, None)]),
    ("roughly 8 billion people", [(D(8000000000), APPROX, "people", None, None)]),
    ("some seven miles", [(D(7), APPROX, "miles", None, None)]),
    # vague amounts
    ("tens of thousands of migrants", [(D(10000), VAGUE, "migrants", None, None)]),
    ("thousands of tests", [(D(1000), VAGUE, "tests", None, None)]),
    ("hundreds of miles", [(D(100), VAGUE, "miles", None, None)]),
    ("millions of Americans", [(D(1000000), VAGUE, "Americans", None, None)]),
    ("Dozens of people were killed.", [(D(12), VAGUE, "people", None, None)]),
    # change
    ("Shares jumped by 33%.", [(D(33), EXACT, "percent", INCREASE, None)]),
    ("Exports fell 5 percent.", [(D(5), EXACT, "percent", DECREASE, None)]),
    ("The debt rose by 2 million.", [(D(2000000), EXACT, "", INCREASE, None)]),
    ("Spending was cut by 10%.", [(D(10), EXACT, "percent", DECREASE, None)]),
    (
        "Prices dropped 7% to $2.3 billion.",
        [
            (D(7), EXACT, "percent", DECREASE, None),
            (D(2300000000), EXACT, "USD", None, None),
        ],
    ),
    ("Revenue rose to $7.36 billion.", [(D(7360000000), EXACT, "USD", None, None)]),
    ("Louisville gave up 517 rushing yards.", [(D(517), EXACT, "rushing yards", None, None)]),
    ("Dow +0.2%", [(D("0.2"), EXACT, "percent", INCREASE, None)]),
    # rates
    ("It costs $800 a year.", [(D(800), EXACT, "USD", None, "year")]),
    ("A $3500 a month mortgage.", [(D(3500), EXACT, "USD", None, "month")]),
    ("He earns $50,000 annually.", [(D(50000), EXACT, "USD", None, "year")]),
    ("Three thousand tests per day.", [(D(3000), EXACT, "tests", None, "day")]),
    ("We drink 2 litres each day.", [(D(2), EXACT, "litres", None, "day")]),
    ("Rent is $900/mo", [(D(900), EXACT, "USD", None, "month")]),
    # counted nouns stop at verbs and prepositions
    ("80,500 migrants deported since December", [(D(80500), EXACT, "migrants", None, None)]),
    ("20 years in prison", [(D(20), EXACT, "years", None, None)]),
    (
        "6,000 National Guard troops to prevent",
        [(D(6000), EXACT, "National Guard troops", None, None)],
    ),
    # "one" counts before a noun, never as a pronoun
    ("You have one solution that does it all.", [(D(1), EXACT, "solution", None, None)]),
    ("48 Years After the Military Coup", [(D(48), EXACT, "Years", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[s for s, _ in SENTENCES])
def test_sentence_holds_these_figures(text, expected):
    assert figures(text) == expected


SEED_SENTENCES = [
    ("Mexico has agreed to mobilize up to 6,000 National Guard troops", D(6000), AT_MOST),
    ("the Mexican government has deported 80,500 migrants", D(80500), EXACT),
    ("he has authorized the sending of 1,500 active duty troops to the border", D(1500), EXACT),
    ("they would cost the American consumer more than $800 a year", D(800), MORE_THAN),
    ("including as many as 15,000 children, are now being held", D(15000), AT_MOST),
    ("At least six, maybe more, young immigrant children have died", D(6), AT_LEAST),
    ("Scott Warren is facing up to 20 years in prison", D(20), AT_MOST),
    ("by the end of 2019 nearly 800,000 people will leave Central America", D(800000), APPROX),
    ("there have been at least 200,000  deaths since 2006.", D(200000), AT_LEAST),
    ("devastating to the tens of thousands of Central American migrants", D(10000), VAGUE),
    ("80,500 migrants—three times as many people than those deported", D(3), EXACT),
    ("just last month, a ten-year-old girl died in one of the centers", D(10), EXACT),
    ("Left Voice interviewed a 23-year-old immigrant, factory worker, and student", D(23), EXACT),
    ("48 Years After the Military Coup, Tens of Thousands in Argentina", D(48), EXACT),
    ("Tens of thousands of people took to the streets on March 24", D(10000), VAGUE),
    ("which resulted in thousands of deaths and disappearances", D(1000), VAGUE),
    ("his six-year term was still the most violent in the history", D(6), EXACT),
    ("help Border Patrol deport countless thousands of people", D(1000), VAGUE),
    (
        "the capitalists benefit from the arrival of millions under vulnerable conditions",
        D(10**6),
        VAGUE,
    ),
    ("the defensive mobilization of millions of workers who entered", D(10**6), VAGUE),
    ("the negotiations between the two countries", D(2), EXACT),
]


@pytest.mark.parametrize(
    ("text", "value", "hedge"), SEED_SENTENCES, ids=[s for s, *_ in SEED_SENTENCES]
)
def test_every_seed_article_figure_is_found(text, value, hedge):
    assert (value, hedge) in [(q.value, q.hedge) for q in find_quantities(text)]


NOT_FIGURES = [
    "AMLO took office in December 2018 on a platform",
    "It happened in 2019.",
    "Going into the 2020 elections, consumers are unhappy.",
    "In 2019 sales fell, and a 2017 study said so.",
    "They marched on March 24 to demand justice.",
    "They marched on 24 March to demand justice.",
    "Published 2019-06-07.",
    "Published June 7, 2019.",
    "died in ICE custody since September, 2018.",
    "The September 22 2019 game at 10:27 PM EDT.",
    "the 22nd amendment",
    "the first day and the third round",
    "We meet at 10:30 or at 3 p.m. or 5am.",
    "Call 555-1234.",
    "ISBN 978-3-16-148410-0",
    "the A320 fleet and the G20 summit",
    "COVID-19 tests and F-35 jets",
    "Facebook Instagram Twitter YouTube",
    "Facebook Twitter Share",
    "By Madeleine Freeman",
    "© 2019 Left Voice",
    "a girl died in one of the detention centers",
    "Mexico has one of the highest foreign debts in the region",
    "Each one they lose costs money, and no one knew.",
    "a one-sided commercial treaty",
    "The iPhone 11 Pro and the S&P 500 index",
    "The category 4 hurricane hit Game 7.",
    "Cuadrilla is the first company to frack since the 1990s.",
    "The office is at 575 Wilbraham Road.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_dates_times_codes_and_pronouns_are_not_proposed(text):
    assert [q.text for q in find_quantities(text)] == []


# -- offsets ---------------------------------------------------------------------------------------

SPANS = [
    (
        "Mexico will mobilize up to 6,000 National Guard troops to the border.",
        "up to 6,000 National Guard troops",
    ),
    ("It would cost more than $800 a year, they said.", "more than $800 a year"),
    ("He sent between 5,000 and 6,000 troops.", "between 5,000 and 6,000 troops"),
    ("Exports jumped by 33% last year.", "33%"),
    ("A $2bn deal.", "$2bn"),
    (
        "Devastating to tens of thousands of Central American migrants seeking asylum.",
        "tens of thousands of Central American migrants",
    ),
    ("Deported 80,500 migrants since December.", "80,500 migrants"),
]


@pytest.mark.parametrize(("text", "span"), SPANS, ids=[s for _, s in SPANS])
def test_span_covers_hedge_currency_number_unit_and_rate(text, span):
    [q] = find_quantities(text)
    assert text[q.start : q.end] == q.text == span


def test_offsets_point_into_the_original_text():
    text = "Mexico deported 80,500 migrants; up to 6,000 troops; more than $800 a year."
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text


# -- the interval each hedge implies ---------------------------------------------------------------


def test_up_to_means_at_most():
    [q] = find_quantities("up to 6,000 National Guard troops")
    assert (q.value, q.hedge, q.low, q.high) == (6000, AT_MOST, None, 6000)


def test_more_than_leaves_the_top_open():
    [q] = find_quantities("more than $800 a year")
    assert (q.low, q.high, q.currency, q.per) == (800, None, "USD", "year")


def test_exact_figure_is_its_own_interval():
    [q] = find_quantities("80,500 migrants")
    assert (q.low, q.high) == (80500, 80500)


def test_approx_implies_its_stated_value_as_the_model_does():
    [about] = find_quantities("about 6,500 troops")
    [nearly] = find_quantities("nearly 800,000 people")
    assert (about.low, about.high) == (6500, 6500)
    assert (nearly.low, nearly.high) == (800000, 800000)


def test_range_is_sorted_but_value_keeps_the_figure_stated_first():
    [q] = find_quantities("He slimmed down from 208 pounds to 193.")
    assert (q.value, q.low, q.high, q.hedge) == (208, 193, 208, RANGE)


def test_vague_amount_spans_an_order_of_magnitude():
    [q] = find_quantities("thousands of migrants")
    assert (q.value, q.low, q.high) == (1000, 1000, 10000)


def test_conversion_in_brackets_repeats_the_hedge_and_change():
    hp, kw, ps = find_quantities("It makes just under 296 hp (224 kW / 300 PS).")
    assert [hp.hedge, kw.hedge, ps.hedge] == [LESS_THAN] * 3
    c, f = find_quantities(
        "Temperatures dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)."
    )
    assert (c.change, f.change, f.low, f.high) == (DECREASE, DECREASE, D("1.8"), D("2.7"))


def test_hedge_constants_are_the_eight_names():
    assert HEDGES == (EXACT, APPROX, AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN, RANGE, VAGUE)


# -- Spanish ---------------------------------------------------------------------------------------

SPANISH = [
    ("México deportó a 80.500 migrantes.", [(D(80500), EXACT, "migrantes", None, None)]),
    ("Costó 1,5 millones.", [(D(1500000), EXACT, "", None, None)]),
    ("Costó 1,5 millones de pesos.", [(D(1500000), EXACT, "MXN", None, None)]),
    ("Enviará hasta 6 mil elementos.", [(D(6000), AT_MOST, "elementos", None, None)]),
    ("Llegaron más de 300 personas.", [(D(300), MORE_THAN, "personas", None, None)]),
    ("Murieron al menos seis niños.", [(D(6), AT_LEAST, "niños", None, None)]),
    ("Hay cerca de 200 casos.", [(D(200), APPROX, "casos", None, None)]),
    ("Hay alrededor de 40 casos.", [(D(40), APPROX, "casos", None, None)]),
    ("Hay unos 40 casos.", [(D(40), APPROX, "casos", None, None)]),
    ("Hay casi 40 casos.", [(D(40), APPROX, "casos", None, None)]),
    ("Hay menos de 40 casos.", [(D(40), LESS_THAN, "casos", None, None)]),
    ("Entre 5 y 10 por ciento.", [(D(5), RANGE, "percent", None, None)]),
    (
        "Llegaron veinte migrantes y cien soldados.",
        [
            (D(20), EXACT, "migrantes", None, None),
            (D(100), EXACT, "soldados", None, None),
        ],
    ),
    ("Un millón de personas.", [(D(1000000), EXACT, "personas", None, None)]),
    ("Miles de migrantes esperan.", [(D(1000), VAGUE, "migrantes", None, None)]),
    ("El precio subió un 5%.", [(D(5), EXACT, "percent", INCREASE, None)]),
    ("Pagan 800 dólares al año.", [(D(800), EXACT, "USD", None, "year")]),
    ("Ocurrió el 24 de marzo de 2019.", []),
    ("Ocurrió en 2019 y en marzo de 2020.", []),
]


@pytest.mark.parametrize(("text", "expected"), SPANISH, ids=[s for s, _ in SPANISH])
def test_spanish_reads_dots_as_thousands_and_commas_as_decimals(text, expected):
    assert figures(text, language="es") == expected


def test_regional_spanish_tags_use_spanish_rules():
    assert figures("80.500 migrantes", language="es-MX")[0][0] == 80500


def test_english_is_the_default():
    assert figures("80.500 migrants")[0][0] == D("80.5")


# -- formatting ------------------------------------------------------------------------------------

FORMATTED = [
    ((D(6000), AT_MOST, "National Guard troops"), {}, "up to 6,000 National Guard troops"),
    ((800, MORE_THAN, "USD"), {"per": "year"}, "more than $800 a year"),
    ((80500, EXACT, "migrants deported"), {}, "80,500 migrants deported"),
    ((5000, RANGE, "troops"), {"low": 5000, "high": 6000}, "between 5,000 and 6,000 troops"),
    ((6500, APPROX, "troops"), {}, "about 6,500 troops"),
    ((33, EXACT, "percent"), {}, "33%"),
    ((D(1500000), EXACT, "USD"), {}, "$1.5 million"),
    ((D("2.50"), EXACT, "miles"), {}, "2.5 miles"),
    ((D("13.6"), EXACT, "USD"), {}, "$13.60"),
    ((D(1000), VAGUE, "migrants"), {"low": 1000, "high": 10000}, "thousands of migrants"),
    ((D(10000), VAGUE, "migrants"), {}, "tens of thousands of migrants"),
    ((15, AT_LEAST, "children"), {}, "at least 15 children"),
    ((D(20), LESS_THAN, "percent"), {}, "less than 20%"),
    ((D("58.24"), EXACT, "USD per barrel"), {"currency": "USD"}, "$58.24 per barrel"),
    ((1200, EXACT, "EUR"), {"currency": "EUR"}, "€1,200"),
    ((D("2.2e9"), MORE_THAN, "users"), {}, "more than 2.2 billion users"),
    (("6000", AT_MOST, "elementos"), {"language": "es"}, "hasta 6.000 elementos"),
    ((D("1500000"), EXACT, "personas"), {"language": "es"}, "1,5 millones de personas"),
    ((D(1000), VAGUE, "migrantes"), {"language": "es"}, "miles de migrantes"),
    ((None, RANGE, "troops"), {"low": 5000, "high": 6000}, "between 5,000 and 6,000 troops"),
    ((None, None, None), {}, ""),
    ((7, "not-a-hedge", None), {}, "7"),
]


@pytest.mark.parametrize(("args", "kwargs", "expected"), FORMATTED, ids=[e for *_, e in FORMATTED])
def test_format_figure_reads_as_a_person_says_it(args, kwargs, expected):
    assert format_figure(*args, **kwargs) == expected


@pytest.mark.parametrize(
    "text",
    ["up to 6,000 troops", "more than $800 a year", "between 5,000 and 6,000 troops", "33%"],
)
def test_found_figures_format_back_to_their_words(text):
    [q] = find_quantities(text)
    rendered = format_figure(
        q.value, q.hedge, q.unit, low=q.low, high=q.high, currency=q.currency, per=q.per
    )
    assert rendered == text


# -- how numbers are written: one test per class (issue 16) ---------------------------------------
# Spanish sentences here are written for these tests (synthetic), not taken from any benchmark.


def values(text, language="en"):
    return [q.value for q in find_quantities(text, language)]


def test_mexican_spanish_writes_thousands_with_a_comma():
    assert values("El gobierno desplegó 6,000 efectivos.", "es-MX") == [D(6000)]
    assert figures("Llegaron alrededor de 21,000 elementos.", "es-419") == [
        (D(21000), APPROX, "elementos", None, None)
    ]
    assert values("Hay 144,000 solicitudes en trámite.", "es-US") == [D(144000)]


def test_a_decimal_comma_reads_as_a_decimal_in_every_spanish_region():
    for tag in ("es", "es-MX", "es-ES"):
        assert values("1,5 millones de personas", tag) == [D(1500000)], tag


def test_spain_writes_thousands_with_a_point():
    assert values("Llegaron 21.500 personas.", "es-ES") == [D(21500)]
    assert values("Subió 2.5 puntos.", "es-ES") == [D("2.5")]


def test_a_point_is_a_decimal_in_mexico_unless_the_group_ends_in_zero():
    assert values("La tasa fue de 3.141 por ciento.", "es-MX") == [D("3.141")]
    assert values("Llegaron 80.500 migrantes.", "es-MX") == [D(80500)]


def test_plain_spanish_decides_from_the_digit_groups():
    assert values("Más de 5,000 millas y 10,5 kilos.", "es") == [D(5000), D("10.5")]
    assert values("Costó 2.345,67 o 2,345.67 pesos.", "es") == [D("2345.67"), D("2345.67")]


def test_spanish_thousands_in_words_after_digits():
    assert figures("Se sumarán 6 mil 300 agentes y 3 mil 900 soldados.", "es-MX") == [
        (D(6300), EXACT, "agentes", None, None),
        (D(3900), EXACT, "soldados", None, None),
    ]
    assert values("2 mil millones de pesos", "es-MX") == [D(2000000000)]


def test_spanish_number_words_compose():
    assert values("Votaron tres mil cuatrocientos veintiocho socios.", "es") == [D(3428)]
    assert values("Detuvieron a cuarenta y siete personas.", "es-MX") == [D(47)]
    assert values("tres millones y medio de votos", "es") == [D(3500000)]
    assert values("medio millón de personas", "es") == [D(500000)]
    assert values("mil millones de dólares", "es") == [D(10**9)]
    assert values("tres billones", "es") == [D(3 * 10**12)]  # the long scale


def test_spanish_fractions_in_words():
    assert values("dos tercios de los votos", "es") == [D("0.666667")]
    assert values("tres cuartos del presupuesto", "es") == [D("0.75")]
    assert values("La mitad de la clase no vino.", "es") == [D("0.5")]


def test_un_and_una_are_articles_unless_a_unit_follows():
    assert values("Compró una vaca y un coche.", "es") == []
    assert values("La caja pesa una libra y cuesta un dólar.", "es") == [D(1), D(1)]
    assert values("Un día antes, hace un año, llegó.", "es") == []  # when, not how much
    assert values("Un millón de personas.", "es") == [D(1000000)]


def test_spanish_hedges():
    hedges = [q.hedge for q in find_quantities(
        "Hasta 10,000 efectivos, al menos 500 elementos, como máximo 200 vehículos, unos 800 "
        "migrantes, cerca de 1,200 personas, casi 6 millones de votos y más de 2,000 detenidos.",
        "es-MX",
    )]  # fmt: skip
    assert hedges == [AT_MOST, AT_LEAST, AT_MOST, APPROX, APPROX, APPROX, MORE_THAN]


def test_spanish_hedges_after_the_figure():
    assert [q.hedge for q in find_quantities("Llegarán 500 o más camiones.", "es")] == [AT_LEAST]
    assert [q.hedge for q in find_quantities("Llegan 100 como máximo.", "es")] == [AT_MOST]
    assert [q.hedge for q in find_quantities("Pesa 40 kilos por lo menos.", "es")] == [AT_LEAST]


def test_two_bounds_make_one_range():
    (q,) = find_quantities("Llegarán más de 100 y menos de 300 camiones.", "es")
    assert (q.hedge, q.low, q.high) == (RANGE, D(100), D(300))
    (q,) = find_quantities("Between more than 10 and less than 20 people.")
    assert (q.low, q.high) == (D(10), D(20))


def test_spanish_ranges_take_articles():
    (q,) = find_quantities("Entre el 10 y el 15 por ciento de los casos.", "es")
    assert (q.hedge, q.low, q.high, q.unit) == (RANGE, D(10), D(15), "percent")
    (q,) = find_quantities("Viajan desde 40 hasta 90 pasajeros.", "es")
    assert (q.low, q.high) == (D(40), D(90))


def test_spanish_changes():
    assert figures("La cifra aumentó 12% respecto al año anterior.", "es-MX")[0][3] == INCREASE
    assert figures("El peso cayó 1.5% frente al dólar.", "es-MX")[0][3] == DECREASE
    assert figures("La producción se redujo un 3,5%.", "es-ES")[0][3] == DECREASE


def test_spanish_dates_and_legal_references_are_not_figures():
    assert values("El 24 jun se publicó el decreto.", "es-MX") == []
    assert values("El plazo vence el 30 de junio.", "es-MX") == []
    assert values("Según el artículo 9 de la ley, hay 15 días.", "es-MX") == [D(15)]


def test_spanish_cents_join_the_amount():
    assert values("El boleto vale 12 euros con 40.", "es") == [D("12.4")]
    assert values("Pagó veinte euros y diez céntimos.", "es") == [D("20.1")]
    assert values("Pagó 5 euros y 20 personas esperaron.", "es") == [D(5), D(20)]


def test_scale_suffixes_glued_to_numbers_before_what_they_count():
    assert figures("The company shipped 1.2m tons of steel.") == [
        (D(1200000), EXACT, "tons", None, None)
    ]
    assert values("It sold 35m devices.") == [D(35000000)]
    assert values("There are 8 B people on Earth.") == [D(8000000000)]
    assert values("The deal is worth $2bn.") == [D(2000000000)]


def test_metres_stay_metres():
    assert figures("The 37m (121ft) skeleton.")[0][:3] == (D(37), EXACT, "m")
    assert figures("He won the 100m hurdles.")[0][:3] == (D(100), EXACT, "m")


def test_descending_ranges_keep_the_figure_stated_first():
    (q,) = find_quantities("Unemployment fell from 4.8 percent to 4.7 percent.")
    assert (q.value, q.low, q.high) == (D("4.8"), D("4.7"), D("4.8"))


def test_prices_joined_by_or_are_two_figures():
    assert [(q.value, q.currency) for q in find_quantities("It costs eight or nine euros.")] == [
        (D(8), "EUR"),
        (D(9), "EUR"),
    ]
    assert [(q.value, q.currency) for q in find_quantities("Tickets cost 8 or $9.")] == [
        (D(8), "USD"),
        (D(9), "USD"),
    ]
    assert [q.hedge for q in find_quantities("Over the past three or four years.")] == [RANGE]


def test_a_tied_score_is_one_figure_not_a_range():
    assert [(q.value, q.hedge) for q in find_quantities("The game ended 2-2.")] == [(D(2), EXACT)]


def test_a_signed_percent_is_a_change():
    assert figures("Nikkei -1.3% at noon.") == [(D("-1.3"), EXACT, "percent", DECREASE, None)]
    assert figures("Shares fell 12% on Monday.")[0][3] == DECREASE


def test_a_change_noun_after_the_figure_makes_it_a_change():
    assert figures("The index posted a 4.2 percent drop.")[0][3] == DECREASE
    assert figures("A 5% rise in prices.")[0][3] == INCREASE


def test_multiples_written_as_one_word():
    assert figures("Exports grew more than sixfold.") == [(D(6), MORE_THAN, "fold", INCREASE, None)]


def test_comparatives_are_bounds_and_a_bracketed_conversion_shares_them():
    assert [(q.value, q.hedge) for q in find_quantities("lower than 8.90 ksi (61.4 MPa)")] == [
        (D("8.90"), LESS_THAN),
        (D("61.4"), LESS_THAN),
    ]


def test_ordinal_fractions():
    assert values("One fourth of the budget went to defence.") == [D("0.25")]
    assert values("Two fifths of voters.") == [D("0.4")]
    assert values("The fourth quarter.") == []


def test_counted_nouns_after_more_keep_their_unit():
    (q,) = find_quantities("The Pentagon will send as many as 500 more troops.")
    assert (q.value, q.hedge, q.unit) == (D(500), AT_MOST, "troops")


def test_hyphened_adjectives_are_not_counts():
    assert values("A four-door sedan with a six-speed gearbox and a three-bed house.") == []
    assert figures("A ten-year-old girl walked a four-mile road.") == [
        (D(10), EXACT, "year-old", None, None),
        (D(4), EXACT, "mile", None, None),
    ]


def test_scientific_notation_and_vulgar_fractions():
    assert values("about 3e6 cells") == [D(3 * 10**6)]
    assert values("un factor de -15e-1", "es") == [D("-1.5")]
    assert values("Se llenó ⅓ del tanque y ½ del otro.", "es") == [D("0.333333"), D("0.5")]


def test_mexican_groups_run_across_scales():
    assert values("asciende a 63 millones 149 mil 245 litros", "es-MX") == [D(63149245)]
    assert values("gastó 27 mil 94 millones de pesos", "es-MX") == [D(27094000000)]
    assert values("317 mil 262 millones 816 mil 470.40 pesos", "es-MX") == [D("317262816470.4")]
    assert values("550 mil, 370 mil y 150 mil pesos", "es-MX") == [D(550000), D(370000), D(150000)]
    assert values("39 thousand 653 migrants were returned") == [D(39653)]
    assert values("2 million 300 people") == [D(2000000), D(300)]


def test_a_score_after_a_verb_of_winning_is_not_a_figure():
    assert values("El equipo ganó 3-1 ante 87 mil aficionados.", "es-MX") == [D(87000)]
    assert values("They beat Boston 4-2 on Sunday.") == []


def test_spanish_change_nouns_before_the_figure():
    assert figures("una caída de 0.3 por ciento", "es-MX")[0][3] == DECREASE
    assert figures("un aumento de 5%", "es-MX")[0][3] == INCREASE


def test_spanish_road_markers_are_labels():
    assert values("Ocurrió en el kilómetro 14 de la autopista.", "es-MX") == []


def test_exponents_that_make_no_claimable_number_leave_the_digits_alone():
    assert values("0^-1 y 9^999", "es") == [D(0), D(1), D(9), D(999)]


def test_mexican_money_abbreviations_carry_scale_and_currency():
    (q,) = find_quantities("La cantidad de 400 mdp derivó de un dato erróneo.", "es-MX")
    assert (q.value, q.currency) == (D(400000000), "MXN")
    assert [q.value for q in find_quantities("Invirtió 2.5 mmdd.", "es-MX")] == [D(2500000000)]


def test_day_ranges_before_a_month_are_dates():
    assert values("del 5 al 18 de marzo se recuperaron 484 mil 613 litros", "es-MX") == [D(484613)]
    assert values("From 5 to 18 March, 300 people left.") == [D(300)]


def test_a_capitalised_number_word_inside_a_name_is_not_a_count():
    assert values("la Refinería Olmeca en Dos Bocas, Tabasco", "es-MX") == []
    assert values("Llegaron dos barcos.", "es-MX") == [D(2)]


def test_a_bracketed_conversion_takes_a_bound_but_not_an_about():
    assert [q.hedge for q in find_quantities("some seven miles (11 km) long")] == [APPROX, EXACT]
    assert [q.hedge for q in find_quantities("just under 296 hp (224 kW)")] == [LESS_THAN] * 2


def test_spanish_ratios_and_articles_inside_bounds():
    assert values("La probabilidad es uno sobre cuatro", "es") == [D("0.25")]
    (q,) = find_quantities("Los precios suben entre el cinco y el ocho por ciento.", "es")
    assert (q.low, q.high) == (D(5), D(8))
    (q,) = find_quantities("Un valor más alto que el dos pero más bajo que el nueve.", "es")
    assert (q.hedge, q.low, q.high) == (RANGE, D(2), D(9))
