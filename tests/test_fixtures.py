"""The seed fixtures hold every figure of the two seed articles, and news reports on the same
troop measures, and load twice without duplicates.

Each quote is checked against the paragraphs of its article that hold the quotes, kept in
tests/data/seed_quotes.json with each article's URL (the articles themselves are not committed);
each source's text snapshot is exactly those paragraphs, marked as an excerpt. Where
../shared/seeds sits beside the clone, the two seed articles' paragraphs are checked against them.
"""

import hashlib
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from claims.admin.quote_context import quote_in_context
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


LEFT_VOICE = "The Re-Colonization of Mexico: Trump and AMLO Agree to Use Mexican National Guard"
OROPEZA = "A Communist Response to Trump’s Border Policies"
# Every figure of the two seed articles, as the fixtures must hold it: the source it is quoted
# from, value, hedge, unit, currency, rate period, and the interval (low, high) the hedge implies.
SEEDED_FIGURES = [
    (LEFT_VOICE, "6000", Hedge.AT_MOST, "National Guard troops", "", "", None, "6000"),
    (LEFT_VOICE, "10000", Hedge.VAGUE, "Central American migrants", "", "", "10000", "100000"),
    (LEFT_VOICE, "6", Hedge.AT_LEAST, "children", "", "", "6", None),
    (LEFT_VOICE, "15000", Hedge.AT_MOST, "children", "", "", None, "15000"),
    (LEFT_VOICE, "20", Hedge.AT_MOST, "years in prison", "", "", None, "20"),
    (LEFT_VOICE, "80500", Hedge.EXACT, "migrants deported", "", "", "80500", "80500"),
    (LEFT_VOICE, "3", Hedge.EXACT, "times as many as under Peña Nieto", "", "", "3", "3"),
    (LEFT_VOICE, "10", Hedge.EXACT, "years old", "", "", "10", "10"),
    (LEFT_VOICE, "800", Hedge.MORE_THAN, "USD", "USD", "year", "800", None),
    (LEFT_VOICE, "800000", Hedge.APPROX, "people", "", "", "800000", "800000"),
    (LEFT_VOICE, "200000", Hedge.AT_LEAST, "deaths", "", "", "200000", None),
    (OROPEZA, "1000", Hedge.VAGUE, "deaths and disappearances", "", "", "1000", "10000"),
    (OROPEZA, "6", Hedge.EXACT, "years", "", "", "6", "6"),
    (OROPEZA, "1500", Hedge.EXACT, "active duty troops", "", "", "1500", "1500"),
    (OROPEZA, "1000000", Hedge.VAGUE, "migrants", "", "", "1000000", "10000000"),
    (OROPEZA, "1000000", Hedge.VAGUE, "people", "", "", "1000000", "10000000"),
    (
        OROPEZA,
        "1000000",
        Hedge.VAGUE,
        "workers who entered illegally",
        "",
        "",
        "1000000",
        "10000000",
    ),
]


def decimal_or_none(text):
    return None if text is None else Decimal(text)


@pytest.mark.parametrize(
    ("title", "value", "hedge", "unit", "currency", "per", "low", "high"),
    SEEDED_FIGURES,
    ids=[f"{row[1]} {row[3]}" for row in SEEDED_FIGURES],
)
def test_every_figure_of_the_seed_articles_is_seeded_as_stated(
    seeded, title, value, hedge, unit, currency, per, low, high
):
    claims = Claim.objects.select_related("source").filter(source__title__startswith=title)
    claim = claims.get(value=Decimal(value), unit=unit)
    assert claim.source.title.startswith(title) and claim.source.language == "en"
    assert (claim.hedge, claim.currency, claim.rate_period) == (hedge, currency, per)
    assert (claim.value_low, claim.value_high) == (decimal_or_none(low), decimal_or_none(high))


SEED_PUBLISHERS = ["Left Voice", "Revolutionary Communists of America"]
# The news reports added beside the seed articles (fixtures/05_*, 06_*): one claim each.
NEWS_REPORTS = 13


def test_the_fixtures_hold_those_figures_and_no_others(seeded):
    from_the_articles = Claim.objects.filter(source__publisher__name__in=SEED_PUBLISHERS)
    assert from_the_articles.count() == len(SEEDED_FIGURES) == 17
    assert Claim.objects.count() == len(SEEDED_FIGURES) + NEWS_REPORTS


def test_deportations_are_counted_since_december_2018(seeded):
    claim = Claim.objects.get(unit="migrants deported")
    assert claim.period_start == date(2018, 12, 1)
    assert claim.measure.cumulative


def test_the_first_seed_is_dated_june_2019_to_the_month(seeded):
    source = Source.objects.get(publisher__name="Left Voice")
    assert source.published_on == date(2019, 6, 1)
    assert source.date_precision == Source.DatePrecision.MONTH
    assert source.published_display == "June 2019"


def test_both_english_seed_articles_translate_a_spanish_original(seeded):
    english = Source.objects.filter(language="en", publisher__name__in=SEED_PUBLISHERS)
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
    # A source keeps only the paragraphs that hold its quotes, and says so.
    paragraphs = seed_paragraphs()
    kept = Source.objects.exclude(text="")
    assert kept.count() == len(paragraphs) == 2 + NEWS_REPORTS
    for source in kept:
        assert source.text_is_excerpt, source
        assert source.text == "\n\n".join(paragraphs[source.title]["paragraphs"]), source
        assert source.text_sha256 == hashlib.sha256(source.text.encode()).hexdigest(), source
    # The Spanish originals are not kept at all, so they claim no excerpt either.
    assert not Source.objects.filter(text="").exclude(text_sha256="", text_is_excerpt=False)


def test_every_quote_is_anchored_in_its_source_text(seeded):
    claims = Claim.objects.select_related("source").exclude(source__text="")
    assert claims.count() == Claim.objects.filter(source__language="en").count() == 30
    for claim in claims:
        assert claim.quote_start is not None, claim.quote
        assert claim.source.text[claim.quote_start : claim.quote_end] == claim.quote


def test_a_seed_claim_page_shows_its_quote_highlighted_in_its_paragraph(seeded):
    claim = Claim.objects.get(source__publisher__name="Left Voice", value=6000)
    html = quote_in_context(claim.source.text, claim.quote, claim.quote_start, claim.quote_end)
    assert html.startswith("<mark>As part of the negotiations, Mexico has agreed to mobilize up")
    assert "to the U.S.</mark> The National Guard will in effect be tasked" in html
    assert html.endswith("had come to months ago.")  # the paragraph, not the whole excerpt


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


def seed_paragraphs() -> dict[str, dict]:
    """The seed articles' paragraphs that hold a quote (tests/data/seed_quotes.json), by title."""
    data = json.loads((Path(__file__).parent / "data" / "seed_quotes.json").read_text())
    return {source["title"]: source for source in data["sources"]}


def test_each_quote_is_copied_exactly_from_its_seed_article(seeded):
    # The articles' own paragraphs, kept with the tests and cited by URL, so CI checks this too.
    paragraphs = seed_paragraphs()
    checked = 0
    for source in Source.objects.filter(language="en").select_related("publisher"):
        cited = paragraphs[source.title]
        assert cited["publisher"] == source.publisher.name
        assert cited["url"] == (source.url or cited["url"])
        for claim in source.claims.all():
            assert any(claim.quote in paragraph for paragraph in cited["paragraphs"]), claim.quote
            checked += 1
    assert checked == len(SEEDED_FIGURES) + NEWS_REPORTS


def test_every_news_report_is_cited_by_its_url(seeded):
    reports = Source.objects.filter(language="en").exclude(publisher__name__in=SEED_PUBLISHERS)
    assert reports.count() == NEWS_REPORTS
    cited = seed_paragraphs()
    for source in reports:
        assert source.url and source.url == cited[source.title]["url"], source


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_the_kept_paragraphs_are_the_articles_own_words():
    # Where the articles themselves sit beside the clone, the kept paragraphs are checked against
    # them (CI has no copy; the check above runs there on the kept paragraphs).
    articles = [path.read_text() for path in sorted(SEEDS.glob("*.txt"))]
    checked = 0
    for title, cited in seed_paragraphs().items():
        if cited["publisher"] not in SEED_PUBLISHERS:
            continue  # a news report: its page is cited by URL, not kept beside the clone
        [article] = [text for text in articles if title in text]
        for paragraph in cited["paragraphs"]:
            assert paragraph in article
        checked += 1
    assert checked == 2


def test_seeding_twice_leaves_each_row_one_history_record(db):
    seed()
    seed()
    for model in SEEDED_MODELS:
        assert model.history.count() == model.objects.count() > 0, model.__name__
        assert not model.objects.exclude(pk__in=model.history.values("id")).exists()


def test_seeded_rows_start_their_history_with_a_creation_record(db):
    seed()
    assert set(Claim.history.values_list("history_type", flat=True)) == {"+"}
