"""What the claim form proposes from a pasted quote (claims/entry.py): the parser's figure, the
period, the claimant when the quote names one, and the measure the suggestions pick.

Quotes from the Left Voice seed article (tests/data/seed_quotes.json cites it)."""

import datetime

import pytest

from claims.entry import propose_from_quote
from sources.models import Claimant
from tests import factories

GUARD = (
    "As part of the negotiations, Mexico has agreed to mobilize up to 6,000 National Guard "
    "troops to prevent migrants from entering through the southern border of Mexico or crossing "
    "the country to the U.S."
)
DEPORTED = (
    "Since December, the Mexican government has deported 80,500 migrants—three times as many "
    "people than those deported during Peña Niesto’s government—many of whom are fleeing "
    "various forms of misery and violence which are the direct result of the implementation of "
    "neoliberal plans ordered by Washington, D.C."
)


@pytest.fixture
def june_source(db):
    return factories.source(published_on=datetime.date(2019, 6, 10), text="")


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            GUARD,
            {"value": "6000", "hedge": "at_most", "unit": "National Guard troops"},
        ),
        (
            DEPORTED,
            {
                "value": "80500",
                "hedge": "exact",
                "unit": "migrants",
                "period_start": "2018-12-01",
                "period_end": "2019-06-10",
            },
        ),
        (
            "some estimates showed that they would cost the American consumer more than $800 a "
            "year.",
            {"value": "800", "hedge": "more_than", "currency": "USD", "rate_period": "year"},
        ),
    ],
)
def test_the_first_figure_of_the_quote_is_proposed_field_by_field(june_source, quote, expected):
    figure = propose_from_quote(quote, source=june_source)["figures"][0]
    assert {name: figure[name] for name in expected} == expected


def test_the_claimant_the_quote_names_is_matched_to_a_stored_one_and_none_is_created(june_source):
    stored = factories.claimant(name="Mexican government", kind="organisation")
    count = Claimant.objects.count()
    figure = propose_from_quote(DEPORTED, source=june_source)["figures"][0]
    assert figure["claimant"] == {"id": stored.pk, "name": stored.name, "stored": True}
    assert Claimant.objects.count() == count


def test_a_claimant_nobody_stored_yet_is_proposed_by_name_only(june_source):
    figure = propose_from_quote(DEPORTED, source=june_source)["figures"][0]
    assert figure["claimant"] == {"id": None, "name": "the Mexican government", "stored": False}
    assert not Claimant.objects.exists()


def test_the_measure_whose_label_the_quote_reads_like_is_proposed(june_source):
    guard = factories.measure(
        label="Mexican National Guard troops deployed to the southern border",
        default_unit="troops",
    )
    factories.measure(label="Migrants deported by Mexico", default_unit="migrants")
    measures = propose_from_quote(GUARD, source=june_source)["measures"]
    assert [m["id"] for m in measures] == [guard.pk]


def test_a_quote_without_figures_proposes_none(june_source):
    assert propose_from_quote("No figure here.", source=june_source) == {
        "figures": [],
        "measures": [],
    }
