"""Phrases found through the index on PostgreSQL: every pair of adjacent words is a lexeme of the
claim's search_vector, and a phrase query asks for the pairs it implies (claims/fulltext.py,
migration 0016). The pairs must never change what a query finds, only what it reads."""

import hashlib
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection

from claims.fulltext import SEARCH_CONFIGS, search_condition
from claims.models import Claim
from claims.selectors import search_claims
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's FTS5 keeps word positions in its index"
)


def scalar(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def pair(first, second):
    """The pair lexeme of two adjacent words (claims_word_pair)."""
    return "~pair " + hashlib.md5(f"{first} {second}".encode()).hexdigest()[:4]


def pairs_in_vector(claim):
    sql = "SELECT lexeme FROM claims_claim, unnest(search_vector) WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [claim.pk])
        return {row[0] for row in cursor.fetchall() if row[0].startswith("~pair ")}


def test_adjacent_words_pair_and_a_stop_word_leaves_a_gap(db):
    vector = scalar(
        "SELECT claims_word_pairs(to_tsvector('english', %s))::text",
        "Border Patrol agents: the border of Texas",
    )
    # "the", "of": gaps, no pairs
    assert vector == " ".join(
        sorted(f"'{p}'" for p in [pair("border", "patrol"), pair("patrol", "agent")])
    )
    assert scalar("SELECT claims_word_pairs(to_tsvector('english', 'troops'))::text") == ""
    assert scalar("SELECT claims_word_pairs(''::tsvector)::text") == ""


@pytest.mark.parametrize(
    "text, pairs",
    [
        ('"border patrol"', "'{border patrol}'"),
        ('"border patrol agents" -troops', "'{border patrol}' & '{patrol agent}'"),
        ('"x y" "z w"', "'{x y}' & '{z w}'"),
        ('"6,000 troops"', "'{6 000}' & '{000 troop}'"),
        # No pair is implied: a stop word's gap, an OR, a negated phrase, no phrase at all.
        ('"border of the patrol"', "'otherwise'"),
        ('"border patrol" OR quokka', "'otherwise'"),
        ('-"border patrol" agents', "'otherwise'"),
        ("border patrol", "'otherwise'"),
    ],
)
def test_a_query_asks_for_the_pairs_its_phrases_imply_and_no_others(db, text, pairs):
    asked = scalar(
        "SELECT claims_phrase_pairs(websearch_to_tsquery('english', %s), 'otherwise')::text", text
    )
    assert asked == re.sub(r"\{(\S+) (\S+)\}", lambda m: pair(*m.groups()), pairs)


def test_the_trigger_writes_the_pairs_of_the_quote_summary_and_names(db):
    claimant = factories.claimant(name="Greg Abbott")
    claim = factories.claim(
        quote="Border Patrol agents stopped 80,500 migrants", summary="Texas", claimant=claimant
    )
    pairs = pairs_in_vector(claim)
    words = [("border", "patrol"), ("patrol", "agent"), ("migrant", "texa"), ("greg", "abbott")]
    assert {pair(*two) for two in words} <= pairs
    Claim.objects.filter(pk=claim.pk).update(quote="National Guard troops")
    assert pair("border", "patrol") not in pairs_in_vector(claim)
    assert pair("nation", "guard") in pairs_in_vector(claim)
    claimant.name = "Ken Paxton"
    claimant.save()
    assert pair("ken", "paxton") in pairs_in_vector(claim)
    assert pair("greg", "abbott") not in pairs_in_vector(claim)


QUOTES = [
    "Border Patrol agents apprehended 1,200 migrants",
    "agents of the border patrol said 300",
    "the patrol reached the border with 40 agents",
    "El Paso border patrol station held 6,000 people",
    "patrol border agents patrol border",
    "up to 6,000 National Guard troops on the border",
]
PHRASES = [
    '"border patrol"',
    '"patrol border"',
    '"border patrol agents"',
    '"border patrol" agents',
    '"border patrol" -agents',
    '"the border"',
    '"6,000 national guard"',
    '"6,000 people"',
    '"border patrol" OR troops',
    '-"border patrol" border',
    '"agents apprehended" "1,200 migrants"',
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_the_pairs_change_nothing_a_query_finds(db, phrase):
    for quote in QUOTES:
        factories.claim(quote=quote)
    # Each language's query against its own claims (their marker lexeme), as search_claims asks.
    found = set()
    for config in SEARCH_CONFIGS:
        ids = "SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM claims_claim WHERE "
        with_pairs = search_condition(config, phrase=True)
        without = search_condition(config, phrase=False)
        matched = scalar(ids + without, phrase)
        assert scalar(ids + with_pairs, phrase, phrase) == matched, (config, phrase)
        found.update(matched)
    assert set(search_claims(Claim.objects.all(), phrase).values_list("pk", flat=True)) == found


def rows_rechecked(phrase):
    """How many claims the index offered that the phrase's recheck turned away (the query as
    search_claims asks it when the phrase's matches are not looked up first)."""
    query = search_claims(Claim.objects.all(), phrase, phrase_ids=None).query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)

    def removed(node):
        own = node.get("Rows Removed by Index Recheck", 0)
        return own + sum(removed(child) for child in node.get("Plans", []))

    return removed(plan[0]["Plan"])


def test_the_index_offers_only_the_claims_that_hold_the_phrase(db):
    for n in range(30):
        factories.claim(quote=f"the patrol {n} reached the border")  # both words, no phrase
    factories.claim(quote="Border Patrol agents apprehended 1,200 migrants")
    assert search_claims(Claim.objects.all(), '"border patrol"').count() == 1
    assert rows_rechecked('"border patrol"') == 0
    assert rows_rechecked("border patrol") == 0  # no phrase: nothing to recheck either


@pytest.mark.django_db(transaction=True)
def test_the_migration_writes_the_pairs_and_takes_them_back():
    claim = factories.claim(quote="Border Patrol agents apprehended 1,200 migrants")
    try:
        call_command("migrate", "claims", "0015", verbosity=0)
        assert pairs_in_vector(claim) == set()
        assert scalar("SELECT to_regproc('claims_word_pairs') IS NULL")
        Claim.objects.filter(pk=claim.pk).update(quote="Border Patrol agents stopped them")
        assert pairs_in_vector(claim) == set()
    finally:
        call_command("migrate", "claims", verbosity=0)
    assert {pair("border", "patrol"), pair("agent", "stop")} <= pairs_in_vector(claim)
    assert search_claims(Claim.objects.all(), '"border patrol agents"').get() == claim


def test_a_lexeme_with_a_quote_or_a_backslash_is_paired_as_the_vector_pairs_it(db):
    # In a query's or a vector's text a lexeme's quotes and backslashes are doubled.
    odd = pair("it's", "a\\b")
    asked = scalar(r"SELECT claims_phrase_pairs($$'it''s' <-> 'a\\b'$$::tsquery, '')::text")
    assert asked == f"'{odd}'"
    vector = scalar(r"SELECT claims_word_pairs($$'it''s':1 'a\\b':2$$::tsvector)::text")
    assert vector == f"'{odd}'"
