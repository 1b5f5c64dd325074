"""The change stamp: a number that moves on at every write to what a claim's API answer is read
from, kept by database triggers, so that no write path (the ORM, the admin, a command, raw SQL
in a shell) can change an answer without moving it. Conditional reads digest it into their
ETags (factdb/api/conditional.py, settings.FACTDB_CHANGE_STAMP), so a 304 reads no row.

The stamp is the sum of claims_change_stamp's rows. On PostgreSQL a statement bumps the row of
its connection's shard (the backend's pid modulo SHARDS): writers on different connections
rarely wait on one another's bump (a single row would serialise every write transaction from
its first write to its commit), and every commit still makes the sum grow. SQLite serialises
its writers anyway: one row, bumped by row triggers.

auth_user counts only for its username (a claim shows its author's): a login, which writes
last_login, changes no answer.

On SQLite a later migration that rebuilds a table drops its triggers with it: post_migrate puts
them back (ensure(), claims/apps.py), as it does for the search index's.
"""

from factdb.db.triggers import Triggers

MIGRATION = ("claims", "0015_change_stamps")
TABLE = (
    "CREATE TABLE IF NOT EXISTS claims_change_stamp "
    "(shard integer PRIMARY KEY, value bigint NOT NULL)"
)
SHARDS = 16
TABLES = (
    "claims_claim",
    "claims_claim_tags",
    "claims_tag",
    "claims_verificationnote",
    "claims_measure",
    "sources_source",
    "sources_publisher",
    "sources_claimant",
)
USERS = "auth_user"

EVERY = "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
BUMPS = "FOR EACH STATEMENT EXECUTE FUNCTION claims_bump_change_stamp()"
POSTGRESQL = [
    TABLE,
    f"INSERT INTO claims_change_stamp SELECT s, 0 FROM generate_series(0, {SHARDS - 1}) s "
    "ON CONFLICT DO NOTHING",
    f"""
    CREATE OR REPLACE FUNCTION claims_bump_change_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE claims_change_stamp SET value = value + 1
        WHERE shard = pg_backend_pid() % {SHARDS};
        RETURN NULL;
    END $$
    """,
    *(
        f"CREATE OR REPLACE TRIGGER claims_change_stamp {EVERY} ON {table} {BUMPS}"
        for table in TABLES
    ),
    f"CREATE OR REPLACE TRIGGER claims_change_stamp "
    f"AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF username ON {USERS} {BUMPS}",
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS claims_change_stamp ON {table}" for table in (*TABLES, USERS)),
    "DROP FUNCTION claims_bump_change_stamp()",
    "DROP TABLE claims_change_stamp",
]

BUMP = "BEGIN UPDATE claims_change_stamp SET value = value + 1; END"
SQLITE = [
    TABLE,
    "INSERT OR IGNORE INTO claims_change_stamp VALUES (0, 0)",
    *(
        f"CREATE TRIGGER IF NOT EXISTS claims_change_stamp_{table}_{event.split()[0].lower()} "
        f"AFTER {event} ON {table} {BUMP}"
        for table in TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    *(
        f"CREATE TRIGGER IF NOT EXISTS claims_change_stamp_{USERS}_{event.split()[0].lower()} "
        f"AFTER {event} ON {USERS} {BUMP}"
        for event in ("INSERT", "UPDATE OF username", "DELETE")
    ),
]
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS claims_change_stamp_{table}_{event}"
        for table in (*TABLES, USERS)
        for event in ("insert", "update", "delete")
    ),
    "DROP TABLE claims_change_stamp",
]


TRIGGERS = Triggers(MIGRATION, POSTGRESQL, POSTGRESQL_REVERSE, SQLITE, SQLITE_REVERSE)
install, uninstall, ensure = TRIGGERS.install, TRIGGERS.uninstall, TRIGGERS.ensure
