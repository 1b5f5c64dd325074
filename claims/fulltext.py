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

POSTGRESQL_FORWARD = f"""
ALTER TABLE claims_claim ALTER COLUMN search_vector DROP EXPRESSION;

CREATE OR REPLACE FUNCTION claims_search_config(language text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE {_CASES} ELSE '{OTHER_CONFIG}' END $$;

CREATE OR REPLACE FUNCTION claims_claim_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    config text;
    names text;
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
    NEW.search_vector :=
        setweight(to_tsvector(config::regconfig, concat_ws(' ', NEW.quote, NEW.summary)), 'A')
        || setweight(to_tsvector(config::regconfig, coalesce(names, '')), 'B')
        || array_to_tsvector(array_remove(ARRAY[
            '~' || config,
            trim_scale(NEW.value)::text,
            trim_scale(NEW.value_low)::text,
            trim_scale(NEW.value_high)::text
        ], NULL));
    RETURN NEW;
END $$;

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
