"""'6 mil' for a Mexican reader (issue 20): round thousands in words when the tag asks (x-mil),
digits otherwise. No database."""

from claims.figures.formatting import format_figure, thousands_in_words
from claims.figures.hedges import AT_MOST, EXACT, MORE_THAN, RANGE

MIL = "es-MX-x-mil"


def test_round_thousands_read_as_mil():
    assert format_figure(6000, AT_MOST, "elementos", language=MIL) == "hasta 6 mil elementos"
    assert format_figure(80000, EXACT, "personas", language=MIL) == "80 mil personas"


def test_thousands_that_do_not_round_stay_digits():
    assert format_figure(1500, EXACT, "soldados", language=MIL) == "1,500 soldados"
    assert format_figure(80500, EXACT, "migrantes", language=MIL) == "80,500 migrantes"
    assert format_figure(999, EXACT, "casos", language=MIL) == "999 casos"


def test_millions_keep_their_words():
    assert format_figure(2500000, EXACT, "personas", language=MIL) == "2.5 millones de personas"
    assert format_figure(1234567, EXACT, "votos", language=MIL) == "1,234,567 votos"


def test_money_and_ranges_in_mil():
    assert format_figure(6000, EXACT, "USD", language=MIL) == "6 mil dólares"
    assert format_figure(800, MORE_THAN, "USD", per="year", language=MIL) == (
        "más de 800 dólares al año"
    )
    assert format_figure(5000, RANGE, "tropas", low=5000, high=6000, language=MIL) == (
        "entre 5 mil y 6 mil tropas"
    )


def test_percentages_are_never_words():
    assert format_figure(4000, EXACT, "%", language=MIL) == "4,000%"


def test_without_the_subtag_mexico_writes_digits():
    assert format_figure(6000, AT_MOST, "elementos", language="es-MX") == "hasta 6,000 elementos"


def test_spain_and_english_ignore_mil():
    assert format_figure(6000, EXACT, "elementos", language="es-ES-x-mil") == "6.000 elementos"
    assert format_figure(6000, EXACT, "troops", language="en-x-mil") == "6,000 troops"
    assert not thousands_in_words("es-ES-x-mil")
    assert thousands_in_words("es-mx-x-mil")
    assert not thousands_in_words("es-MX")
