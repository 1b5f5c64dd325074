"""The full-text index of claims, on both databases: what it holds and how the database keeps it.

A claim is found by the words of its quote and summary, its source's title, its publisher's and
its claimant's names, and by its figure written as digits (6,000 and "6 mil" are both "6000"),
so a number typed without separators finds it. The database keeps the index current with
triggers, on every write path (admin, API, commands, loaddata, a psql session) and when a source,
publisher or claimant it names is renamed:

- PostgreSQL: `claims_claim.search_vector`, a tsvector with a GIN index, written by a BEFORE
  trigger. Each claim is stemmed in its source's language (`es*` Spanish, `en*` English, other
  languages unstemmed, "simple") and carries a marker lexeme for that configuration ("~spanish"),
  so that claims.selectors.search_claims can ask each language's question of its own claims only.
- SQLite: an FTS5 table, `claims_claim_fts` (rowid = the claim's id), written by AFTER triggers;
  Porter stemming (English) with diacritics folded.

SQLite drops a table's triggers when Django rebuilds the table, and refuses to rebuild a table
another table's trigger names; so no trigger exists while migrations run (`drop_sqlite_triggers`,
on pre_migrate) and `ensure_sqlite_index` runs after every `migrate` and puts back what is
missing, rebuilding the index if it had to.
"""

# The migration that creates the index.
MIGRATION_APP, MIGRATION = "claims", "0011_search_everything_people_type"

# The PostgreSQL text-search configuration for a BCP-47 language; the query side asks in each.
CONFIGS = {"es": "spanish", "en": "english"}
OTHER_CONFIG = "simple"
SEARCH_CONFIGS = [*CONFIGS.values(), OTHER_CONFIG]

_CASES = " ".join(
    f"WHEN split_part(lower(language), '-', 1) = '{code}' THEN '{config}'"
    for code, config in CONFIGS.items()
)


def vector_function(*, word_pairs: bool) -> str:
    """The trigger function that writes a claim's search_vector: the words of its quote and
    summary (weight A) and of its source's title, publisher and claimant (B), in its source's
    language; the marker of that language; its figure in digits; and, from migration 0016, each
    pair of adjacent words as a pair lexeme (claims_word_pair), which a phrase query asks the
    GIN index for (search_condition), so that it rechecks few claims besides the phrase's."""
    words = "words || claims_word_pairs(words)" if word_pairs else "words"
    return f"""
CREATE OR REPLACE FUNCTION claims_claim_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    config text;
    names text;
    words tsvector;
BEGIN
    SELECT claims_search_config(s.language), concat_ws(' ', s.title, p.name)
        INTO config, names
        FROM sources_source s LEFT JOIN sources_publisher p ON p.id = s.publisher_id
        WHERE s.id = NEW.source_id;
    config := coalesce(config, '{OTHER_CONFIG}');
    IF NEW.claimant_id IS NOT NULL THEN
        names := concat_ws(' ', names,
            (SELECT name FROM sources_claimant WHERE id = NEW.claimant_id));
    END IF;
    words := setweight(to_tsvector(config::regconfig, concat_ws(' ', NEW.quote, NEW.summary)), 'A')
        || setweight(to_tsvector(config::regconfig, coalesce(names, '')), 'B');
    NEW.search_vector := {words}
        || array_to_tsvector(array_remove(ARRAY[
            '~' || config,
            trim_scale(NEW.value)::text,
            trim_scale(NEW.value_low)::text,
            trim_scale(NEW.value_high)::text
        ], NULL));
    RETURN NEW;
END $$;
"""


POSTGRESQL_FORWARD = f"""
ALTER TABLE claims_claim ALTER COLUMN search_vector DROP EXPRESSION;

CREATE OR REPLACE FUNCTION claims_search_config(language text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE {_CASES} ELSE '{OTHER_CONFIG}' END $$;

{vector_function(word_pairs=False)}
CREATE TRIGGER claims_claim_search_vector
    BEFORE INSERT OR UPDATE OF quote, summary, source_id, claimant_id, value, value_low, value_high
    ON claims_claim FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector();

-- A renamed source, publisher or claimant: its claims' vectors are written again (the no-op
-- assignment fires the claims trigger above).
CREATE OR REPLACE FUNCTION claims_search_source_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claims_claim SET source_id = source_id WHERE source_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER claims_search_source_changed
    AFTER UPDATE OF title, language, publisher_id ON sources_source FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.language IS DISTINCT FROM NEW.language
          OR OLD.publisher_id IS DISTINCT FROM NEW.publisher_id)
    EXECUTE FUNCTION claims_search_source_changed();

CREATE OR REPLACE FUNCTION claims_search_publisher_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claims_claim c SET source_id = c.source_id
        FROM sources_source s WHERE s.id = c.source_id AND s.publisher_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER claims_search_publisher_changed
    AFTER UPDATE OF name ON sources_publisher FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION claims_search_publisher_changed();

CREATE OR REPLACE FUNCTION claims_search_claimant_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claims_claim SET claimant_id = claimant_id WHERE claimant_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER claims_search_claimant_changed
    AFTER UPDATE OF name ON sources_claimant FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION claims_search_claimant_changed();

UPDATE claims_claim SET source_id = source_id;
"""

# Back to migration 0002's generated column (its GIN index and 0007's statistics target kept).
POSTGRESQL_BACKWARD = """
DROP TRIGGER IF EXISTS claims_search_claimant_changed ON sources_claimant;
DROP TRIGGER IF EXISTS claims_search_publisher_changed ON sources_publisher;
DROP TRIGGER IF EXISTS claims_search_source_changed ON sources_source;
DROP TRIGGER IF EXISTS claims_claim_search_vector ON claims_claim;
DROP FUNCTION IF EXISTS claims_search_claimant_changed();
DROP FUNCTION IF EXISTS claims_search_publisher_changed();
DROP FUNCTION IF EXISTS claims_search_source_changed();
DROP FUNCTION IF EXISTS claims_claim_search_vector();
DROP FUNCTION IF EXISTS claims_search_config(text);
ALTER TABLE claims_claim DROP COLUMN search_vector;
ALTER TABLE claims_claim ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, coalesce(quote, '') || ' ' || coalesce(summary, ''))
    ) STORED;
CREATE INDEX claims_claim_search_vector_gin ON claims_claim USING gin (search_vector);
ALTER TABLE claims_claim ALTER COLUMN search_vector SET STATISTICS 1000;
"""


# A pair of adjacent words as one lexeme: a hash of the two, in one of 65,536 buckets
# ("~pair 3fa2"). Not the words themselves: nearly every pair of words in a million claims is
# new, and a GIN key per pair made the index six times its size (76 MB against 13 at 100k
# claims); in buckets the keys are few and their lists of claims compress. A bucket holds a few
# hundred claims at a million, and the phrase's own words, asked beside it, narrow those to the
# claims that hold both words and their pair's bucket. The space keeps it apart from any word
# the parser makes.
WORD_PAIR_FUNCTION = """
CREATE OR REPLACE FUNCTION claims_word_pair(first text, second text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT '~pair ' || left(md5(first || ' ' || second), 4) $$;
"""

# Every pair of adjacent words of a vector, as pair lexemes without positions. Positions count
# the words as the phrase operator does (a stop word leaves a gap, which makes no pair; the
# names follow the quote and summary, as they do in the joined vector).
WORD_PAIRS_FUNCTION = """
CREATE OR REPLACE FUNCTION claims_word_pairs(vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(
               array_agg(DISTINCT claims_word_pair(first.lexeme, second.lexeme))), ''::tsvector)
    FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) first
    JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) second
        ON second.position = first.position + 1
$$;
"""

# The pair lexemes a web-search query's phrases imply, as a query of their own: for
# '"border patrol" agents' ('border' <-> 'patrol' & 'agent'), the pair of border and patrol,
# which the GIN index finds in few claims besides those that hold the phrase. A pair is taken
# only where the query cannot match without it: two plain lexemes joined by <-> outside any
# parentheses and not negated, in a query with no OR; a query that implies none gets
# `otherwise` back. The query's text doubles a lexeme's quotes and backslashes, undone before
# the pair is hashed.
PHRASE_PAIRS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION claims_phrase_pairs(asked tsquery, otherwise tsquery)
    RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
    tokens text[];
    words text[];
    pairs text[] := ARRAY[]::text[];
    depth int := 0;
    lexeme text := $re$'(?:[^']|'')*'$re$;
    plain text := '^' || lexeme || '$';
BEGIN
    SELECT array_agg(m[1]), array_agg(regexp_replace(
               substr(m[1], 2, greatest(length(m[1]) - 2, 0)), $re$(['\\])\1$re$, '\1', 'g'))
        INTO tokens, words
        FROM regexp_matches(asked::text,
            '(' || lexeme || $re$(?::[*A-D]+)?|<->|<[0-9]+>|[&|!()])$re$, 'g') m;
    IF tokens IS NULL OR '|' = ANY(tokens) THEN
        RETURN otherwise;
    END IF;
    FOR i IN 1 .. cardinality(tokens) - 2 LOOP
        IF tokens[i] = '(' THEN
            depth := depth + 1;
        ELSIF tokens[i] = ')' THEN
            depth := depth - 1;
        ELSIF depth = 0 AND tokens[i + 1] = '<->' AND tokens[i] ~ plain
                AND tokens[i + 2] ~ plain AND (i = 1 OR tokens[i - 1] <> '!') THEN
            pairs := pairs || quote_literal(claims_word_pair(words[i], words[i + 2]));
        END IF;
    END LOOP;
    IF cardinality(pairs) = 0 THEN
        RETURN otherwise;
    END IF;
    RETURN array_to_string(pairs, ' & ')::tsquery;
END $fn$;
"""

# Migration 0016: the pairs, written into every claim's vector with the GIN index dropped and
# built again afterwards (cheaper than a million index updates).
WORD_PAIRS_FORWARD = f"""
{WORD_PAIR_FUNCTION}
{WORD_PAIRS_FUNCTION}
{PHRASE_PAIRS_FUNCTION}
{vector_function(word_pairs=True)}
DROP INDEX IF EXISTS claims_claim_search_vector_gin;
UPDATE claims_claim SET search_vector = search_vector || claims_word_pairs(search_vector);
CREATE INDEX claims_claim_search_vector_gin ON claims_claim USING gin (search_vector);
"""

WORD_PAIRS_BACKWARD = f"""
{vector_function(word_pairs=False)}
UPDATE claims_claim SET search_vector = ts_delete(search_vector,
    ARRAY(SELECT lexeme FROM unnest(search_vector) WHERE starts_with(lexeme, '~pair ')));
DROP FUNCTION IF EXISTS claims_phrase_pairs(tsquery, tsquery);
DROP FUNCTION IF EXISTS claims_word_pairs(tsvector);
DROP FUNCTION IF EXISTS claims_word_pair(text, text);
"""


def search_condition(
    config: str, column: str = '"search_vector"', *, parse="websearch_to_tsquery", phrase=False
) -> str:
    """The SQL condition that a claim stemmed in `config` matches a query read by `parse`. Its
    %s are the query's text: once, or twice for a `phrase` web-search query, whose implied word
    pairs are asked too (migration 0016).

    The query, the language's marker lexeme and the pairs are each a condition of their own on
    the index, not lexemes ANDed into one query: as its own scan key a rare word or pair lets
    the GIN index skip through the long lists of common words and of the marker (a third of all
    claims), which inside one query it decoded whole. At a million claims 'quokka' & '~english'
    took 30 ms as one query and 1.2 ms as two conditions; at 100k, "border patrol" with its pair
    2.5 ms per language inside the query, 0.7 beside it.

    A phrase's pairs are rarer still: the claims that hold them are a few hundred at a million
    claims, and skipping through the marker's list to check each one cost more than the rest of
    the lookup (at a million claims "border patrol" took 7.1 ms with the marker on the index,
    3.5 with it checked on the rows the pairs found). So when the query implies pairs, the
    marker is asked of those rows only (coalesce() keeps it off the index; it is true exactly
    when the marker matches). A phrase query that implies none (claims_phrase_pairs then gives
    back the marker) keeps it on the index."""
    query = f"{parse}('{config}'::regconfig, %s)"
    marker = f"'''~{config}'''::tsquery"
    if not phrase:
        return f"({column} @@ {query} AND {column} @@ {marker})"
    return (
        f"({column} @@ {query} AND coalesce({column} @@ {marker}, false)"
        f" AND {column} @@ claims_phrase_pairs({query}, {marker}))"
    )


def is_phrase_query(text: str) -> bool:
    """Whether a web-search query holds a phrase, which PostgreSQL looks up first."""
    return '"' in text


def search_sql(
    text: str, column: str = '"search_vector"', *, parse="websearch_to_tsquery", phrase=False
) -> tuple[str, tuple]:
    """The SQL that a claim matches `text` in its own language, and its params: one question
    per language, each against the claims stemmed in it (search_condition); a query of stop
    words only is empty, and then matches nothing rather than every claim."""
    questions = " OR ".join(
        f"(numnode({parse}('{c}'::regconfig, %s)) > 0 AND "
        f"{search_condition(c, column, parse=parse, phrase=phrase)})"
        for c in SEARCH_CONFIGS
    )
    return f"({questions})", (text,) * questions.count("%s")


SQLITE_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS claims_claim_fts USING fts5(
    quote, summary, names, numbers, tokenize = 'porter unicode61 remove_diacritics 2'
)
"""


def _row(claim: str) -> str:
    """The index row of the claim `claim` (NEW, or a table alias), as a SELECT list."""
    return f"""{claim}.id, {claim}.quote, {claim}.summary,
        coalesce((SELECT s.title || ' ' || coalesce(p.name, '') FROM sources_source s
                  LEFT JOIN sources_publisher p ON p.id = s.publisher_id
                  WHERE s.id = {claim}.source_id), '')
        || ' ' || coalesce((SELECT name FROM sources_claimant WHERE id = {claim}.claimant_id), ''),
        CAST({claim}.value AS TEXT) || ' ' || coalesce(CAST({claim}.value_low AS TEXT), '')
        || ' ' || coalesce(CAST({claim}.value_high AS TEXT), '')"""


_INSERT = "INSERT INTO claims_claim_fts (rowid, quote, summary, names, numbers)"


def _reindex(where: str) -> str:
    """Statements that write again the index rows of the claims matching `where` (alias c)."""
    return f"""
    DELETE FROM claims_claim_fts WHERE rowid IN (SELECT c.id FROM claims_claim c WHERE {where});
    {_INSERT} SELECT {_row("c")} FROM claims_claim c WHERE {where};"""


SQLITE_TRIGGERS = {
    "claims_claim_fts_insert": f"""
        AFTER INSERT ON claims_claim BEGIN {_INSERT} SELECT {_row("NEW")}; END""",
    "claims_claim_fts_update": f"""
        AFTER UPDATE OF quote, summary, source_id, claimant_id, value, value_low, value_high
        ON claims_claim BEGIN
            DELETE FROM claims_claim_fts WHERE rowid = OLD.id;
            {_INSERT} SELECT {_row("NEW")};
        END""",
    "claims_claim_fts_delete": """
        AFTER DELETE ON claims_claim BEGIN
            DELETE FROM claims_claim_fts WHERE rowid = OLD.id;
        END""",
    "claims_claim_fts_source": f"""
        AFTER UPDATE OF title, publisher_id ON sources_source BEGIN
            {_reindex("c.source_id = NEW.id")}
        END""",
    "claims_claim_fts_publisher": f"""
        AFTER UPDATE OF name ON sources_publisher BEGIN
            {_reindex("c.source_id IN (SELECT id FROM sources_source WHERE publisher_id = NEW.id)")}
        END""",
    "claims_claim_fts_claimant": f"""
        AFTER UPDATE OF name ON sources_claimant BEGIN
            {_reindex("c.claimant_id = NEW.id")}
        END""",
}


def create_sqlite_index(cursor) -> None:
    """The FTS5 table and its triggers, filled from the claims there are."""
    cursor.execute(SQLITE_TABLE)
    for name, body in SQLITE_TRIGGERS.items():
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    cursor.execute("DELETE FROM claims_claim_fts")
    cursor.execute(f"{_INSERT} SELECT {_row('c')} FROM claims_claim c")


def drop_sqlite_index(cursor) -> None:
    for name in SQLITE_TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    cursor.execute("DROP TABLE IF EXISTS claims_claim_fts")


def drop_sqlite_triggers(connection) -> None:
    """Before migrations run on SQLite: the index's triggers go (its table stays)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def ensure_sqlite_index(connection) -> bool:
    """Put back the FTS5 table or triggers a table rebuild dropped; True if it had to."""
    if connection.vendor != "sqlite":
        return False
    from django.db.migrations.recorder import MigrationRecorder

    if (MIGRATION_APP, MIGRATION) not in MigrationRecorder(connection).applied_migrations():
        return False  # not migrated this far, or migrated back before the index
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
        if "claims_claim_fts" in tables and present >= set(SQLITE_TRIGGERS):
            return False
        create_sqlite_index(cursor)
    return True
