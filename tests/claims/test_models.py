"""A bad figure cannot be stored by any path: model validation and database constraints agree."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction

from claims.models import Claim, ConcurrentEditError, DeletionRefused, Hedge, Status
from tests import factories


def refused_by_database(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_up_to_stores_the_interval_it_implies(claim):
    claim.refresh_from_db()
    assert claim.value_low is None
    assert claim.value_high == Decimal("6000")


def test_claim_date_defaults_to_the_source_date(claim, source):
    assert claim.claim_date == source.published_on


def test_reversed_range_is_refused_by_validation(source):
    claim = Claim(
        source=source,
        quote="between 6,000 and 5,000",
        value=6000,
        hedge=Hedge.RANGE,
        value_low=6000,
        value_high=5000,
        unit="troops",
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "below the low end" in str(error.value)


def test_reversed_range_is_refused_by_the_database(claim):
    refused_by_database(
        lambda: Claim.objects.filter(pk=claim.pk).update(
            hedge=Hedge.RANGE, value_low=7000, value_high=5000
        )
    )


def test_range_without_bounds_is_refused_by_the_database(claim):
    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(hedge=Hedge.RANGE))


def test_quote_that_does_not_match_its_offsets_is_refused(source):
    claim = Claim(
        source=source,
        quote="up to 6,000 National Guard troops",
        quote_start=0,
        quote_end=10,
        value=6000,
        hedge=Hedge.AT_MOST,
        unit="troops",
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "not the quote" in str(error.value)


def test_quote_offsets_are_accepted_when_they_match(source):
    quote = "up to 6,000 National Guard troops"
    start = source.text.index(quote)
    claim = Claim(
        source=source,
        quote=quote,
        quote_start=start,
        quote_end=start + len(quote),
        value=6000,
        hedge=Hedge.AT_MOST,
        unit="troops",
    )
    claim.full_clean()


def test_end_offset_before_start_is_refused_by_the_database(claim):
    refused_by_database(
        lambda: Claim.objects.filter(pk=claim.pk).update(quote_start=10, quote_end=5)
    )


def test_one_offset_without_the_other_is_refused_by_the_database(claim):
    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(quote_start=10))


def test_status_outside_the_set_is_refused_by_validation(claim):
    claim.status = "probably"
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "status" in error.value.message_dict


def test_status_outside_the_set_is_refused_by_the_database(claim):
    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(status="probably"))


def test_hedge_outside_the_set_is_refused_by_the_database(claim):
    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(hedge="roughly"))


def test_empty_quote_is_refused_by_the_database(claim):
    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(quote=""))


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "1e309"])
def test_non_finite_values_are_refused_by_validation(source, bad):
    claim = Claim(source=source, quote="a figure", value=Decimal(bad), unit="troops")
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "value" in error.value.message_dict


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_values_never_reach_the_database(claim, bad):
    # Whatever the driver does with a non-finite Decimal, the column must not end up holding it.
    try:
        with transaction.atomic():
            Claim.objects.filter(pk=claim.pk).update(value=Decimal(bad))
    except Exception:  # noqa: BLE001 - any refusal (driver or constraint) is acceptable here
        pass
    claim.refresh_from_db()
    assert claim.value == Decimal("6000")


def test_value_beyond_the_column_bound_is_refused_by_the_database(claim):
    # PostgreSQL's numeric(24, 6) overflows before the check runs (DataError); SQLite stores
    # any number, so there the claim_value_finite check refuses it (IntegrityError).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(value=Decimal("1" + "0" * 17) * 10)
    claim.refresh_from_db()
    assert claim.value == Decimal("6000")


def test_period_ending_before_it_starts_is_refused_by_the_database(claim):
    refused_by_database(
        lambda: Claim.objects.filter(pk=claim.pk).update(
            period_start="2019-06-01", period_end="2018-12-01"
        )
    )


def test_claims_are_retracted_not_deleted(claim):
    with pytest.raises(DeletionRefused):
        claim.delete()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_each_save_bumps_the_version_and_records_history(claim):
    claim.status = Status.IN_REVIEW
    claim.save()
    assert claim.version == 2
    assert claim.history.count() == 2


def test_saving_a_stale_copy_is_refused(claim):
    first, second = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)
    first.summary = "first editor"
    first.save()
    second.summary = "second editor"
    with pytest.raises(ConcurrentEditError):
        second.save()
    claim.refresh_from_db()
    assert claim.summary == "first editor"
    assert claim.history.count() == 2


def test_source_url_is_unique_when_present(db):
    publisher = factories.publisher()
    factories.source(publisher=publisher, url=None, title="A")
    factories.source(publisher=publisher, url=None, title="B")
    factories.source(publisher=publisher, url="https://x.example/1", title="C")
    with pytest.raises(ValidationError):
        factories.source(publisher=publisher, url="https://x.example/1", title="D")


def test_source_keeps_the_sha256_of_its_text(source):
    import hashlib

    assert source.text_sha256 == hashlib.sha256(source.text.encode()).hexdigest()


def test_status_counts_for_the_dashboard_take_one_query(source, editor, django_assert_num_queries):
    factories.claim(source=source, assignee=editor)
    factories.claim(source=source, origin="extracted")
    factories.claim(source=source, status=Status.VERIFIED)
    with django_assert_num_queries(1):
        counts = Claim.objects.counts_by_status(editor)
    assert counts == {
        "unverified": {"total": 2, "mine": 1, "proposed": 1},
        "verified": {"total": 1, "mine": 0, "proposed": 0},
    }


def test_claims_on_the_same_measure_exclude_the_claim_itself(source):
    measure = factories.measure()
    claim = factories.claim(source=source, measure=measure)
    other = factories.claim(source=source, measure=measure, quote="6,500 troops", value=6500)
    factories.claim(source=source)
    assert list(Claim.objects.on_same_measure(claim)) == [other]
    assert not Claim.objects.on_same_measure(factories.claim(source=source)).exists()


def test_a_quote_longer_than_a_sentence_is_refused(source):
    claim = Claim(source=source, quote="x" * 5_001, value=6000, hedge=Hedge.EXACT, unit="troops")
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "at most 5,000 characters" in str(error.value)


def test_a_claim_dated_by_its_source_reads_with_the_source_precision(db):
    source = factories.source(published_on=datetime.date(2019, 6, 1), date_precision="month")
    claim = factories.claim(source=source)
    assert claim.claim_date_display == "June 2019"
    claim.claim_date = datetime.date(2019, 6, 7)
    assert claim.claim_date_display == "7 June 2019"


# The normalised figure: written with every save, on every path


def test_a_saved_claim_stores_its_figure_normalised(db):
    claim = factories.claim(unit="elementos de la Guardia Nacional", value=Decimal(6000))
    claim.refresh_from_db()
    assert claim.unit_family == "personnel"
    assert claim.value_normalised == 6000
    assert (claim.value_low_normalised, claim.value_high_normalised) == (None, 6000)
    assert claim.unit == "elementos de la Guardia Nacional"  # kept as stated, for display


def test_a_changed_figure_is_normalised_again(db):
    claim = factories.claim()
    claim.unit, claim.currency, claim.rate_period = "USD", "USD", "month"
    claim.value, claim.hedge = Decimal("66.67"), "exact"
    claim.full_clean()
    claim.save()
    claim.refresh_from_db()
    assert claim.unit_family == "USD"
    assert claim.value_normalised == Decimal("800.04")  # per year


def test_a_raw_save_as_loaddata_makes_is_normalised_too(db):
    from django.core.management import call_command

    call_command("seed", verbosity=0)
    assert not Claim.objects.filter(unit_family="").exists()
    assert Claim.objects.filter(unit_family="personnel").count() == 15  # every troop figure


def test_the_data_migration_fills_existing_claims(db):
    import importlib

    from django.apps import apps

    claim = factories.claim(unit="soldiers", value=Decimal(1500), hedge="exact")
    Claim.objects.filter(pk=claim.pk).update(unit_family="", value_normalised=0)
    migration = importlib.import_module("claims.migrations.0010_claim_normalised_figure")
    migration.fill(apps, SimpleNamespace(connection=connection))
    claim.refresh_from_db()
    assert (claim.unit_family, claim.value_normalised) == ("personnel", 1500)


def test_the_spanish_units_migration_renormalises_what_was_stored_as_words(db):
    import importlib

    from django.apps import apps

    km = factories.claim(quote="80 kilómetros", unit="kilómetros", value=Decimal(80), hedge="exact")
    words = factories.claim(quote="6,000 elementos", unit="elementos", value=Decimal(6000))
    before = Claim.objects.get(pk=words.pk)
    # As claims were stored before claims/figures/units.py knew the Spanish length names:
    Claim.objects.filter(pk=km.pk).update(unit_family="words:kilometros", value_normalised=80)
    migration = importlib.import_module("claims.migrations.0013_spanish_physical_units")
    migration.renormalise(apps, SimpleNamespace(connection=connection))
    km.refresh_from_db()
    assert km.unit_family == "[length]"
    assert km.value_normalised == 80_000  # metres, as "80 kilometers" is stored
    after = Claim.objects.get(pk=words.pk)
    assert (after.unit_family, after.value_normalised) == (
        before.unit_family,
        before.value_normalised,
    )


def test_normalised_figures_are_not_history(db):
    claim = factories.claim()
    record = claim.history.latest()
    assert not hasattr(record, "value_normalised")
