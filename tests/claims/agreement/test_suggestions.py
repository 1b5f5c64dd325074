"""Suggested claims for a measure: same unit family, close wording, place and time."""

import datetime
from decimal import Decimal

import pytest

from claims.agreement.suggestions import containment, suggest_claims, words
from claims.models import Hedge, Status
from tests import factories

JUNE = datetime.date(2019, 6, 10)


def claim(quote, unit="National Guard troops", measure=None, **fields):
    fields.setdefault("claim_date", JUNE)
    fields.setdefault("value", Decimal(6000))
    fields.setdefault("hedge", Hedge.EXACT)
    return factories.claim(quote=quote, unit=unit, measure=measure, **fields)


@pytest.fixture
def deployment(db):
    measure = factories.measure(
        label="Mexican National Guard troops deployed to the southern border, 2019"
    )
    claim(
        "Mexico agreed to mobilize up to 6,000 National Guard troops to its southern border",
        measure=measure,
        hedge=Hedge.AT_MOST,
        place="southern border",
    )
    return measure


def suggested(measure):
    return [s.claim for s in suggest_claims(measure)]


def test_a_claim_worded_like_the_measure_is_suggested_with_its_reasons(deployment):
    match = claim(
        "Mexico will send 6,000 National Guard troops to the southern border",
        place="Southern border",
    )
    (suggestion,) = suggest_claims(deployment)
    assert suggestion.claim == match
    assert "counts personnel" in suggestion.reasons
    assert "same place (Southern border)" in suggestion.reasons
    assert "dated near the measure's claims" in suggestion.reasons


def test_troops_match_elementos_through_the_unit_family(deployment):
    match = claim(
        "National Guard troops deployed: 6,500 elementos on the southern border",
        unit="elementos",
    )
    assert suggested(deployment) == [match]


def test_a_claim_counting_another_unit_family_is_not_suggested(deployment):
    claim(
        "National Guard troops on the southern border deported 80,500 migrants",
        unit="migrants deported",
    )
    assert suggested(deployment) == []


def test_claims_already_on_a_measure_or_retracted_are_not_suggested(deployment):
    other = factories.measure(label="Another measure")
    claim("Mexico will send 6,000 National Guard troops to the southern border", measure=other)
    claim(
        "Mexico will send 6,000 National Guard troops to the southern border",
        status=Status.RETRACTED,
    )
    assert suggested(deployment) == []


def test_unrelated_wording_is_not_suggested(deployment):
    claim("Officials counted 6,000 officers at the annual police parade in Ohio")
    assert suggested(deployment) == []


def test_a_claim_from_years_away_scores_lower_than_one_from_the_same_week(deployment):
    quote = "Mexico will send 6,000 National Guard troops to the southern border"
    near = claim(quote)
    far = claim(quote, claim_date=datetime.date(2023, 1, 1))
    scores = {s.claim: s.score for s in suggest_claims(deployment)}
    assert scores[near] > scores.get(far, 0)


def test_a_measure_with_only_a_default_unit_still_filters_by_family(db):
    measure = factories.measure(label="National Guard troops at the border", default_unit="troops")
    troops = claim("6,000 National Guard troops sent to the border")
    claim("6,000 National Guard troops at the border cost USD 100", unit="USD", currency="USD")
    assert suggested(measure) == [troops]


def test_words_drop_stopwords_and_fold_plurals():
    assert words("The troops of the National Guard") == {"troop", "national", "guard"}


def test_containment_is_the_share_of_the_profile_found():
    assert containment("National Guard troops", "6,000 national guard soldiers") == pytest.approx(
        2 / 3
    )
