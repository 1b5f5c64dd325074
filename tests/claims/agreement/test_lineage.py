"""claims.agreement.lineage: pure comparisons, no database."""

import datetime
from decimal import Decimal

from claims.agreement import lineage as L
from claims.agreement.lineage import Appearance

JUNE_7 = datetime.date(2019, 6, 7)


def appearance(
    claim_id,
    value,
    *,
    hedge="exact",
    source=None,
    on=JUNE_7,
    precision="day",
    language="en",
    unit="troops",
    family="personnel",
    factor=1,
    quote="",
    **kw,
):
    value = Decimal(value)
    return Appearance(
        claim_id=claim_id,
        source_id=source if source is not None else claim_id,
        published_on=on,
        date_precision=precision,
        language=language,
        value=value,
        value_normalised=value * Decimal(factor),
        unit_family=family,
        unit=unit,
        hedge=hedge,
        quote=quote or f"Mexico sends {value} National Guard troops to the border",
        **kw,
    )


def test_about_6000_and_6500_are_one_figure_rounded():
    assert L.same_figure(appearance(1, 6500), appearance(2, 6000, hedge="approx"))
    assert L.relation(appearance(1, 6500), appearance(2, 6000, hedge="approx")) == L.ROUNDED


def test_650_is_not_a_rounding_of_600():
    assert not L.same_figure(appearance(1, 650), appearance(2, 600))


def test_ten_thousand_is_not_taken_for_a_rounding_of_six_thousand():
    assert not L.same_figure(appearance(1, 6000), appearance(2, 10000))


def test_another_unit_family_is_another_figure():
    assert not L.same_figure(appearance(1, 6000), appearance(2, 6000, family="people"))


def test_up_to_6000_becoming_6000_is_a_hedge_change():
    first = appearance(1, 6000, hedge="at_most")
    assert L.relation(first, appearance(2, 6000)) == L.HEDGE_CHANGED
    assert L.drift(first, appearance(2, 6000)) == ""


def test_up_to_becoming_more_than_is_drift():
    first = appearance(1, 6000, hedge="at_most")
    assert L.drift(first, appearance(2, 6000, hedge="more_than")) == "“up to” became “more than”"


def test_figures_allowing_no_common_value_drift():
    assert L.drift(appearance(1, 6000, hedge="less_than"), appearance(2, 6000, hedge="exact")) == ""
    assert "no value in common" in L.drift(appearance(1, 170), appearance(2, 500))


def test_spanish_appearance_is_translated():
    first = appearance(1, 6000, hedge="at_most")
    spanish = appearance(2, 6000, hedge="at_most", language="es-MX", unit="elementos")
    assert L.relation(first, spanish) == L.TRANSLATED


def test_miles_to_kilometres_is_a_unit_change():
    miles = appearance(1, 50, unit="miles", family="[length]", factor="1609.344")
    km = appearance(2, 80, unit="kilometers", family="[length]", factor=1000)
    assert L.same_figure(miles, km)
    assert L.relation(miles, km) == L.UNIT_CHANGED


def test_80500_written_as_80_5k_is_rescaled():
    first = appearance(1, 80500, quote="Mexico has deported 80,500 migrants", unit="migrants")
    other = appearance(2, 80500, quote="Mexico deported 80.5k migrants", unit="migrants")
    assert L.relation(first, other) == L.RESCALED
    assert L.relation(first, appearance(3, 80500, quote=first.quote)) == L.SAME


def test_a_june_source_is_not_earlier_than_one_of_7_june():
    june = appearance(1, 6000, on=datetime.date(2019, 6, 1), precision="month")
    seventh = appearance(2, 6000)
    assert L.lineage([june, seventh]).first.claim_id == 2


def test_a_source_of_1_june_is_earlier_than_one_of_june():
    june = appearance(1, 6000, on=datetime.date(2019, 6, 1), precision="month")
    first_of_june = appearance(2, 6000, on=datetime.date(2019, 6, 1))
    assert L.lineage([june, first_of_june]).first.claim_id == 2


def test_a_may_source_is_earlier_than_one_of_7_june():
    may = appearance(1, 6000, on=datetime.date(2019, 5, 1), precision="month")
    assert L.lineage([appearance(2, 6000), may]).first.claim_id == 1


def test_a_translation_never_precedes_its_original_on_the_same_day():
    original = appearance(1, 6000, source=10)
    spanish = appearance(2, 6000, source=11, language="es", translation_of_id=10)
    view = L.lineage([spanish, original])
    assert [e.appearance.claim_id for e in view.entries] == [1, 2]
    assert [e.relation for e in view.entries] == [L.FIRST, L.TRANSLATED]


def test_one_figure_needs_different_sources_and_a_shared_context():
    a = appearance(1, 6000, quote="Mexico will send 6,000 National Guard troops to its border")
    b = appearance(2, 6000, quote="The border deal puts 6,000 National Guard troops in place")
    unrelated = appearance(3, 6000, quote="A marathon drew 6,000 runners on Sunday")
    assert L.one_figure(a, b)
    assert not L.one_figure(a, unrelated)
    assert not L.one_figure(a, appearance(4, 6000, source=1, quote=a.quote))


def test_other_languages_need_a_measure_or_a_translation_link():
    english = appearance(1, 6000, source=10)
    spanish = appearance(2, 6000, source=11, language="es", quote="enviará 6 mil elementos")
    assert not L.one_figure(english, spanish)
    linked = appearance(2, 6000, source=11, language="es", quote="6 mil", translation_of_id=10)
    assert L.one_figure(english, linked)
    assert L.one_figure(
        appearance(1, 6000, measure_id=7), appearance(2, 6000, language="es", measure_id=7)
    )


def test_claims_months_apart_are_not_proposed_as_one_figure():
    later = appearance(2, 6000, on=JUNE_7 + datetime.timedelta(days=90))
    assert not L.one_figure(appearance(1, 6000), later)


def test_stated_periods_must_overlap():
    june = dict(period_start=datetime.date(2019, 6, 1), period_end=datetime.date(2019, 6, 30))
    july = dict(period_start=datetime.date(2019, 7, 1), period_end=datetime.date(2019, 7, 31))
    assert L.periods_compatible(appearance(1, 5, **june), appearance(2, 5, **june))
    assert not L.periods_compatible(appearance(1, 5, **june), appearance(2, 5, **july))


def test_translation_pairs_are_one_to_one_nearest_first():
    miles = appearance(1, 50, unit="miles", family="[length]", factor="1609.344", source=10)
    km = appearance(2, 80, unit="kilometers", family="[length]", factor=1000, source=10)
    people = appearance(3, 5, unit="people", family="people", source=10)
    es_km = appearance(4, 80, unit="kilómetros", family="[length]", factor=1000, source=11)
    es_mi = appearance(5, 50, unit="millas", family="[length]", factor="1609.344", source=11)
    es_people = appearance(6, 5, unit="personas", family="people", source=11)
    pairs = L.translation_pairs([miles, km, people], [es_people, es_km, es_mi])
    assert [(o.claim_id, t.claim_id) for o, t in pairs] == [(1, 5), (2, 4), (3, 6)]


def test_rounding_half_reads_the_figure_as_stated():
    assert L.rounding_half(Decimal("6000")) == 500
    assert L.rounding_half(Decimal("170")) == 5
    assert L.rounding_half(Decimal("167")) == Decimal("0.5")
    assert L.rounding_half(Decimal("6.5")) == Decimal("0.05")
    assert L.rounding_half(Decimal("10000")) == 1000  # capped at a tenth


def test_an_empty_lineage_has_no_first():
    assert L.lineage([]).first is None
