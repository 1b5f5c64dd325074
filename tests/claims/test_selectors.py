"""Full-text search over quote and summary: the stored tsvector on PostgreSQL, a word-by-word
substring match on SQLite; the same everyday questions get the same answers on both."""

from django.db import connection

from claims.models import Claim
from claims.selectors import search_claims
from tests import factories


def found(text):
    return set(search_claims(Claim.objects.all(), text).values_list("quote", flat=True))


def test_every_word_must_appear_in_the_quote_or_the_summary(db):
    factories.claim(quote="up to 6,000 National Guard troops", summary="Mexico's deployment")
    factories.claim(quote="1,500 active duty troops")
    assert found("guard troops") == {"up to 6,000 National Guard troops"}
    assert found("troops") == {"up to 6,000 National Guard troops", "1,500 active duty troops"}
    assert found("mexico troops") == {"up to 6,000 National Guard troops"}
    assert found("marines") == set()


def test_case_does_not_matter(db):
    factories.claim(quote="up to 6,000 National Guard troops")
    assert found("NATIONAL guard") == {"up to 6,000 National Guard troops"}


def test_a_blank_query_filters_nothing(db):
    factories.claim()
    assert search_claims(Claim.objects.all(), "   ").count() == 1


def test_postgresql_uses_the_stored_vector_and_sqlite_a_substring_match(db):
    sql = str(search_claims(Claim.objects.all(), "troops").query)
    if connection.vendor == "postgresql":
        assert '"search_vector" @@ websearch_to_tsquery' in sql
    else:
        assert "LIKE" in sql and "search_vector" not in sql


def test_quotes_and_operators_in_the_query_are_data_not_sql(db):
    factories.claim(quote="up to 6,000 National Guard troops")
    assert found("'; DROP TABLE claims_claim; --") == set()
    assert found('"national guard" -army') == (
        {"up to 6,000 National Guard troops"} if connection.vendor == "postgresql" else set()
    )
    assert Claim.objects.count() == 1


def found_as_typed(text):
    claims = search_claims(Claim.objects.all(), text, as_typed=True)
    return set(claims.values_list("quote", flat=True))


def test_as_typed_the_last_word_may_be_unfinished(db):
    factories.claim(quote="up to 6,000 National Guard troops")
    factories.claim(quote="1,500 active duty troops")
    assert found_as_typed("national guar") == {"up to 6,000 National Guard troops"}
    assert found_as_typed("tro") == {
        "up to 6,000 National Guard troops",
        "1,500 active duty troops",
    }
    assert found_as_typed("guard marin") == set()


def test_as_typed_query_syntax_is_only_words(db):
    factories.claim(quote="up to 6,000 National Guard troops")
    assert found_as_typed("guard & !(troops:*") == {"up to 6,000 National Guard troops"}
    assert found_as_typed("&|!():*") == set()
