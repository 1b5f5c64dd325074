"""Full-text search over what people type: the tsvector on PostgreSQL, FTS5 on SQLite; the same
everyday questions (words, phrases, OR, -word, numbers, names) get the same answers on both."""

from decimal import Decimal

from django.db import connection

from claims.models import Claim, Hedge
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


def test_postgresql_uses_the_stored_vector_and_sqlite_its_fts5_index(db):
    sql = str(search_claims(Claim.objects.all(), "troops").query)
    if connection.vendor == "postgresql":
        # The words, the language's marker and (for a phrase) its pairs: each its own condition.
        assert '"search_vector" @@ websearch_to_tsquery(' in sql
        assert "\"search_vector\" @@ '''~english'''::tsquery" in sql
        assert "claims_phrase_pairs" not in sql
        phrase = search_claims(Claim.objects.all(), '"national guard"', phrase_ids=None)
        assert '"search_vector" @@ claims_phrase_pairs(' in str(phrase.query)
        # On the claims' own column, not a semi-join of the table with itself (planning cost).
        assert "IN (SELECT" not in sql
    else:
        assert "claims_claim_fts MATCH" in sql and "LIKE" not in sql


def test_quotes_and_operators_in_the_query_are_data_not_sql(db):
    factories.claim(quote="up to 6,000 National Guard troops")
    assert found("'; DROP TABLE claims_claim; --") == set()
    assert found('"national guard" -army') == {"up to 6,000 National Guard troops"}
    assert found('"; DROP TABLE claims_claim_fts; --') == set()
    assert found("troops NEAR/2 guard*") == set()  # FTS5 syntax is only words here
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


def test_a_phrase_must_appear_as_written(db):
    factories.claim(quote="troops reached Eagle Pass on Monday")
    factories.claim(quote="an eagle flew over the pass")
    assert found('"Eagle Pass"') == {"troops reached Eagle Pass on Monday"}
    assert len(found("eagle pass")) == 2


def test_or_and_minus_work_on_both_databases(db):
    factories.claim(quote="6,000 troops")
    factories.claim(quote="1,000 soldiers")
    factories.claim(quote="500 army soldiers")
    assert found("troops OR soldiers") == {"6,000 troops", "1,000 soldiers", "500 army soldiers"}
    assert found("soldiers -army") == {"1,000 soldiers"}
    assert found("-army") == {"6,000 troops", "1,000 soldiers"}
    assert found("500 troops OR army") == {"500 army soldiers"}


def test_source_title_publisher_and_claimant_are_searched(db):
    left_voice = factories.publisher(name="Left Voice")
    claimant = factories.claimant(name="Marcelo Ebrard")
    source = factories.source(publisher=left_voice, title="The Re-Colonization of Mexico")
    factories.claim(source=source, quote="up to 6,000 troops")
    factories.claim(quote="1,500 troops", claimant=claimant)
    assert found("Left Voice") == {"up to 6,000 troops"}
    assert found("recolonization OR colonization") == {"up to 6,000 troops"}
    assert found("ebrard troops") == {"1,500 troops"}


def test_a_renamed_publisher_or_claimant_is_found_by_its_new_name(db):
    publisher = factories.publisher(name="Old Name")
    claimant = factories.claimant(name="Someone")
    factories.claim(source=factories.source(publisher=publisher), claimant=claimant)
    publisher.name = "Frontera Noticias"
    publisher.save()
    claimant.name = "Secretaría de Marina"
    claimant.save()
    assert found("frontera") == {"up to 6,000 National Guard troops"}
    assert found("secretaría marina") == {"up to 6,000 National Guard troops"}
    assert found('"old name"') == set()


def test_a_number_typed_without_separators_finds_the_figure(db):
    factories.claim(quote="up to 6,000 National Guard troops")
    spanish = factories.source(language="es-MX")
    factories.claim(
        source=spanish, quote="hasta 6 mil elementos", unit="elementos", value=Decimal(6000)
    )
    factories.claim(quote="80,500 migrants", value=Decimal(80500), hedge=Hedge.EXACT)
    assert found("6000") == {"up to 6,000 National Guard troops", "hasta 6 mil elementos"}
    assert found("6,000") == {"up to 6,000 National Guard troops"}
    assert found("80500") == {"80,500 migrants"}


def test_spanish_claims_are_stemmed_as_spanish_on_postgresql(db):
    spanish = factories.source(language="es")
    factories.claim(source=spanish, quote="hasta 6 mil elementos desplegados en la frontera")
    factories.claim(quote="troops deployed at the border")
    expected = {"hasta 6 mil elementos desplegados en la frontera"}
    # Spanish stemming reads "desplegará" and "desplegados" as one word; English does not.
    assert found("desplegará") == (expected if connection.vendor == "postgresql" else set())
    assert found("desplegados frontera") == expected
    assert found("deploy") == {"troops deployed at the border"}


def test_a_phrase_finds_the_same_claims_looked_up_first_or_in_one_query(db, monkeypatch):
    """On PostgreSQL a phrase with few matches is looked up first and its claims read by id
    (claims.selectors._few_phrase_matches); one with more keeps the one query. Both answer
    alike, and alike on SQLite."""
    from claims import selectors

    factories.claim(quote="troops reached Eagle Pass on Monday")
    factories.claim(quote="Eagle Pass again, said the mayor of Eagle Pass")
    factories.claim(quote="an eagle flew over the pass")
    factories.claim(quote="troops in Eagle Pass, not the army", summary="army")
    expected = {
        "troops reached Eagle Pass on Monday",
        "Eagle Pass again, said the mayor of Eagle Pass",
        "troops in Eagle Pass, not the army",
    }
    questions = {
        '"Eagle Pass"': expected,
        '"eagle pass" -army': expected - {"troops in Eagle Pass, not the army"},
        '"pass eagle"': set(),
        '"mayor" OR "eagle pass"': expected,
        '"flew over" OR "reached eagle"': {
            "an eagle flew over the pass",
            "troops reached Eagle Pass on Monday",
        },
    }
    for limit in (100, 2, 0):  # all matches found first; more than the limit; none allowed
        monkeypatch.setattr(selectors, "PHRASE_PROBE_LIMIT", limit)
        for text, quotes in questions.items():
            assert found(text) == quotes, (limit, text)
    if connection.vendor == "postgresql":
        monkeypatch.setattr(selectors, "PHRASE_PROBE_LIMIT", 100)
        assert "unnest(" in str(search_claims(Claim.objects.all(), '"eagle pass"').query)
        monkeypatch.setattr(selectors, "PHRASE_PROBE_LIMIT", 2)
        sql = str(search_claims(Claim.objects.all(), '"eagle pass"').query)
        assert "unnest(" not in sql and '"search_vector" @@' in sql


def test_a_phrase_looked_up_first_still_combines_with_other_filters(db):
    factories.claim(quote="troops reached Eagle Pass on Monday", status="verified")
    factories.claim(quote="Eagle Pass again", status="unverified")
    claims = search_claims(Claim.objects.filter(status="verified"), '"eagle pass"')
    assert set(claims.values_list("quote", flat=True)) == {"troops reached Eagle Pass on Monday"}
    # As a subquery (the conflicts filter reads it so), the lookup's ids still apply.
    outer = Claim.objects.filter(pk__in=claims.values("pk"))
    assert set(outer.values_list("quote", flat=True)) == {"troops reached Eagle Pass on Monday"}
