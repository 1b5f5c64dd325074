"""Normalisation: figures in different words and units land on one scale, or are kept apart."""

from decimal import Decimal

import pytest

from claims.figures.units import (
    comparable,
    family_of_query,
    normalise,
    query_scale,
    rounding_slack,
    stored_figure,
)


def test_troops_and_elementos_are_the_same_family():
    troops = normalise(Decimal("6000"), "National Guard troops")
    elementos = normalise(Decimal("6000"), "elementos de la Guardia Nacional")
    assert troops.dimension == "personnel"
    assert comparable(troops, elementos)
    assert troops.magnitude == elementos.magnitude == 6000


@pytest.mark.parametrize(
    "unit", ["soldiers", "agents", "officers", "personnel", "Border Patrol agents"]
)
def test_uniformed_counts_are_personnel(unit):
    assert normalise(1, unit).dimension == "personnel"


@pytest.mark.parametrize(
    "unit", ["migrants", "people", "persons", "children", "asylum-seekers", "asylum seekers"]
)
def test_counts_of_people_are_people(unit):
    assert normalise(1, unit).dimension == "people"


def test_an_event_word_wins_over_who_it_happened_to():
    assert normalise(80500, "migrants deported").dimension == "deportations"
    assert normalise(3, "people killed").dimension == "deaths"
    assert normalise(3, "dead").dimension == "deaths"


def test_people_and_personnel_are_not_comparable():
    assert not comparable(normalise(1, "troops"), normalise(1, "migrants"))


def test_one_and_a_half_thousand_equals_fifteen_hundred():
    # "1.5k" reaches the model as a Decimal; its exponent must not matter.
    a = normalise(Decimal("1.5E+3"), "troops")
    b = normalise(Decimal("1500.000000"), "troops")
    assert comparable(a, b)
    assert a.magnitude == b.magnitude


def test_a_yearly_rate_and_a_monthly_rate_compare_per_year():
    yearly = normalise(Decimal("800"), "USD", "USD", "year")
    monthly = normalise(Decimal("66.67"), "USD", "USD", "month")
    assert comparable(yearly, monthly)
    assert monthly.magnitude == Decimal("800.04")
    # 66.67 was rounded to the cent: 66.665 to 66.675 a month, 799.98 to 800.10 a year.
    slack = rounding_slack(Decimal("66.670000")) * 12
    assert monthly.magnitude - slack <= yearly.magnitude <= monthly.magnitude + slack


def test_a_rate_is_not_comparable_with_a_total():
    assert not comparable(normalise(800, "USD", "USD", "year"), normalise(800, "USD", "USD"))


def test_currencies_compare_only_with_themselves():
    usd = normalise(100, "dollars", "USD")
    mxn = normalise(100, "pesos", "MXN")
    assert not comparable(usd, mxn)
    assert comparable(usd, normalise(5, "USD"))  # a bare ISO code as the unit is a currency


def test_miles_and_kilometres_meet_through_pint():
    miles = normalise(3, "miles")
    km = normalise(Decimal("4.828032"), "km")
    assert comparable(miles, km)
    assert miles.magnitude == km.magnitude == Decimal("4828.032")


def test_fahrenheit_and_celsius_convert_with_their_offset():
    assert normalise(212, "°F").magnitude == normalise(100, "degrees Celsius").magnitude


def test_words_pint_would_misread_stay_words():
    # pint reads "shots" as a volume and "points" as a typographic length.
    assert normalise(3, "shots").dimension == "words:shot"
    assert normalise(3, "points").dimension == "percentage points"


def test_unknown_units_compare_by_their_words_with_plurals_folded():
    assert comparable(normalise(1, "vehicle"), normalise(2, "Vehicles"))
    assert not comparable(normalise(1, "vehicles"), normalise(1, "trucks"))


def test_percent_spellings_agree():
    assert comparable(normalise(5, "%"), normalise(5, "per cent"))


def test_the_interval_ends_scale_like_the_value():
    monthly = normalise(Decimal("10"), "USD", "USD", "month")
    assert monthly.scale(Decimal("20")) == 240
    assert monthly.scale(None) is None


def test_whole_numbers_have_no_rounding_slack():
    assert rounding_slack(Decimal("6000.000000")) == 0
    assert rounding_slack(Decimal("66.670000")) == Decimal("0.005")


def test_an_unknown_rate_period_is_refused():
    with pytest.raises(ValueError, match="fortnight"):
        normalise(1, "USD", "USD", "fortnight")


# What a claim stores and what a query asks for (the unit= and value filters read these).


@pytest.mark.parametrize(
    "unit",
    [
        "troops",
        "National Guard troops",
        "soldiers",
        "elementos",
        "efectivos de la Guardia Nacional",
        "tropas",
        "soldados",
    ],
)
def test_spanish_and_english_troops_are_stored_as_personnel(unit):
    assert stored_figure(6000, 6000, 6000, unit).family == "personnel"
    assert family_of_query(unit) == "personnel"


def test_a_family_is_asked_for_by_its_own_name_or_by_any_of_its_units():
    assert family_of_query("personnel") == family_of_query("Troops") == "personnel"
    assert family_of_query("miles") == family_of_query("[length]") == "[length]"
    assert family_of_query("USD") == "USD"


def test_unknown_words_are_a_family_of_their_folded_form():
    assert family_of_query("Vehicles") == stored_figure(1, 1, 1, "vehicle").family
    assert family_of_query("Vehicles") == "words:vehicle"


def test_a_stored_rate_is_per_year_and_its_interval_scales_with_it():
    stored = stored_figure(Decimal("66.67"), Decimal("66.67"), None, "USD", "USD", "month")
    assert stored.family == "USD"
    assert stored.value == Decimal("800.04")
    assert (stored.low, stored.high) == (Decimal("800.04"), None)


def test_physical_units_are_stored_in_their_base_unit():
    assert stored_figure(3, None, 3, "miles").value == Decimal("4828.032")
    assert stored_figure(2, 2, 2, "tonnes").family == "[mass]"
    assert stored_figure(2, 2, 2, "tonnes").value == 2000


def test_a_bound_per_month_reads_per_year():
    assert query_scale("USD", "month")(60) == 720
    assert query_scale("troops")(1000) == 1000
    assert query_scale("miles")(1) == Decimal("1609.344")
    assert query_scale("[length]")(5) == 5  # a family by name: already its base unit


def test_a_figure_too_large_to_store_once_normalised_is_refused():
    with pytest.raises(ValueError, match="too large"):
        stored_figure(Decimal("1E+30"), None, None, "troops")


def test_spanish_physical_units_are_on_the_same_scale_as_english_ones():
    km = stored_figure(Decimal(80), None, None, "kilómetros")
    assert km.family == stored_figure(Decimal(80), None, None, "kilometers").family == "[length]"
    assert km.value == Decimal(80000)
    assert stored_figure(Decimal(50), None, None, "millas").value == Decimal("80467.2")
