"""The seed fixtures hold every figure of the two seed articles and load twice without duplicates.

Each quote is checked against the seed articles themselves when ../shared/seeds sits beside the
repository; a clone without that folder skips that one check (the articles are not committed
here), and every other test runs regardless.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from claims.figures.hedges import implied_interval
from claims.models import Claim, Hedge, Measure, Tag
from sources.models import Claimant, Publisher, Source

FIXTURES = sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
SEEDED_MODELS = (Publisher, Claimant, Source, Measure, Tag, Claim)


def load_fixtures():
    call_command("loaddata", *FIXTURES, verbosity=0)


def seed():
    """What `make seed` runs after migrating."""
    call_command("seed", verbosity=0)


def row_counts():
    counts = {model.__name__: model.objects.count() for model in SEEDED_MODELS}
    counts["claim tags"] = Claim.tags.through.objects.count()
    counts["claim history"] = Claim.history.count()
    return counts


@pytest.fixture
def seeded(db):
    load_fixtures()


def test_there_are_fixtures_to_load():
    assert len(FIXTURES) >= 2


@pytest.mark.parametrize(
    ("value", "hedge", "unit", "currency", "per"),
    [
        ("6000", Hedge.AT_MOST, "National Guard troops", "", ""),
        ("80500", Hedge.EXACT, "migrants deported", "", ""),
        ("1500", Hedge.EXACT, "active duty troops", "", ""),
        ("800", Hedge.MORE_THAN, "USD", "USD", "year"),
    ],
)
def test_the_figures_the_design_names_are_seeded(seeded, value, hedge, unit, currency, per):
    claim = Claim.objects.get(value=Decimal(value), unit=unit)
    assert (claim.hedge, claim.currency, claim.rate_period) == (hedge, currency, per)


def test_deportations_are_counted_since_december_2018(seeded):
    claim = Claim.objects.get(unit="migrants deported")
    assert claim.period_start == date(2018, 12, 1)
    assert claim.measure.cumulative


def test_the_first_seed_is_dated_june_2019_to_the_month(seeded):
    source = Source.objects.get(publisher__name="Left Voice")
    assert source.published_on == date(2019, 6, 1)
    assert source.date_precision == Source.DatePrecision.MONTH
    assert source.published_display == "June 2019"


def test_both_english_sources_translate_a_spanish_original(seeded):
    english = Source.objects.filter(language="en").select_related("translation_of")
    assert english.count() == 2
    for source in english:
        original = source.translation_of
        assert original is not None and original.language == "es"
        assert (original.published_on, original.date_precision) == (
            source.published_on,
            source.date_precision,
        )


def test_loading_twice_creates_no_duplicates(seeded):
    before = row_counts()
    load_fixtures()
    assert row_counts() == before
    assert before["Claim"] > 0


def test_every_claim_quotes_its_words_and_no_source_keeps_the_article(seeded):
    for claim in Claim.objects.all():
        assert claim.quote.strip(), claim
        assert len(claim.quote) < 500, "a quote is the sentence with the figure, not the article"
    assert not Source.objects.exclude(text="").exists()
    assert not Source.objects.exclude(text_sha256="").exists()


def test_every_fixture_claim_stores_the_interval_its_hedge_implies(seeded):
    # loaddata bypasses Claim.save(), so the fixtures must carry what save() would compute.
    for claim in Claim.objects.exclude(hedge__in=[Hedge.RANGE, Hedge.VAGUE]):
        stored = (claim.value_low, claim.value_high)
        assert stored == implied_interval(claim.value, claim.hedge), claim.quote


def test_vague_figures_span_one_order_of_magnitude_from_their_value(seeded):
    vague = Claim.objects.filter(hedge=Hedge.VAGUE)
    assert vague.exists()
    for claim in vague:
        assert (claim.value_low, claim.value_high) == (claim.value, claim.value * 10)


def test_every_fixture_row_passes_full_clean(seeded):
    for model in SEEDED_MODELS:
        for row in model.objects.all():
            row.full_clean()
    assert not Claim.objects.filter(claim_date__isnull=True).exists()
    assert set(Claim.objects.values_list("version", "origin")) == {(1, "manual")}


def test_claims_the_articles_assert_name_who_asserts_them(seeded):
    assert not Claim.objects.filter(attribution="asserted", claimant__isnull=True).exists()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_each_quote_is_copied_exactly_from_its_seed_article(seeded):
    articles = [path.read_text() for path in sorted(SEEDS.glob("*.txt"))]
    for source in Source.objects.filter(language="en"):
        [article] = [text for text in articles if source.title in text]
        for claim in source.claims.all():
            assert claim.quote in article, claim.quote


def test_seeding_twice_leaves_each_row_one_history_record(db):
    seed()
    seed()
    for model in SEEDED_MODELS:
        assert model.history.count() == model.objects.count() > 0, model.__name__
        assert not model.objects.exclude(pk__in=model.history.values("id")).exists()


def test_seeded_rows_start_their_history_with_a_creation_record(db):
    seed()
    assert set(Claim.history.values_list("history_type", flat=True)) == {"+"}
