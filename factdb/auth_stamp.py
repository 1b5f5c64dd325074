"""The auth stamp: a value that changes at every write to who may do what, kept by database
triggers, so that a token's reader (its user and permissions, factdb/api/authentication.py) can be
kept between requests and still be refused at the next request after any change.

What counts: tokens (made, rotated, revoked), users (all but last_login, which a login writes),
their groups and permissions, the groups' permissions, and the permissions and content types
that name them. No write path (the ORM, the admin, a command, raw SQL in a shell) can change any
of them without changing the stamp in the same transaction, so a statement that reads the stamp
equal to the one a reader was read at sees the same token, user and permissions.

Equal must mean unchanged, so the stamp is never a count that a rollback could bring back to a
value it had before a different change:
- PostgreSQL: each write statement sets its connection's shard (the backend's pid modulo SHARDS,
  as claims/change_stamps.py does, so writers rarely wait on one another) to the next value of a
  sequence, which a rollback does not give back; the stamp is all the shards' values in order.
  The sequence starts at a random value, so two databases do not start with the same stamp.
- SQLite (one writer at a time): one row, set to a random 64-bit number by row triggers.

On SQLite a later migration that rebuilds one of these tables drops its triggers with it:
post_migrate puts them back (ensure(), factdb/apps.py).
"""

from factdb.db.triggers import Triggers

MIGRATION = ("factdb", "0002_auth_stamp")
TABLE = (
    "CREATE TABLE IF NOT EXISTS factdb_auth_stamp "
    "(shard integer PRIMARY KEY, value bigint NOT NULL)"
)
SHARDS = 16
TABLES = (
    "authtoken_token",
    "auth_user_groups",
    "auth_user_user_permissions",
    "auth_group",
    "auth_group_permissions",
    "auth_permission",
    "django_content_type",
)
USERS = "auth_user"
# Every column of auth_user but last_login, which each admin login writes.
USER_COLUMNS = (
    "id, password, is_superuser, username, first_name, last_name, email, is_staff, is_active, "
    "date_joined"
)

# The stamp as one value, read in the statement that reads (or would have read) the reader.
STAMP = {
    "postgresql": "(SELECT string_agg(value::text, '.' ORDER BY shard) FROM factdb_auth_stamp)",
    "sqlite": "(SELECT value FROM factdb_auth_stamp)",
}

EVERY = "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
BUMPS = "FOR EACH STATEMENT EXECUTE FUNCTION factdb_bump_auth_stamp()"
POSTGRESQL = [
    TABLE,
    "CREATE SEQUENCE IF NOT EXISTS factdb_auth_stamp_values",
    "SELECT setval('factdb_auth_stamp_values', 1 + (random() * 1e15)::bigint) "
    "WHERE NOT EXISTS (SELECT 1 FROM factdb_auth_stamp)",
    f"INSERT INTO factdb_auth_stamp SELECT s, nextval('factdb_auth_stamp_values') "
    f"FROM generate_series(0, {SHARDS - 1}) s ON CONFLICT DO NOTHING",
    f"""
    CREATE OR REPLACE FUNCTION factdb_bump_auth_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE factdb_auth_stamp SET value = nextval('factdb_auth_stamp_values')
        WHERE shard = pg_backend_pid() % {SHARDS};
        RETURN NULL;
    END $$
    """,
    *(
        f"CREATE OR REPLACE TRIGGER factdb_auth_stamp {EVERY} ON {table} {BUMPS}"
        for table in TABLES
    ),
    f"CREATE OR REPLACE TRIGGER factdb_auth_stamp "
    f"AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF {USER_COLUMNS} ON {USERS} {BUMPS}",
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS factdb_auth_stamp ON {table}" for table in (*TABLES, USERS)),
    "DROP FUNCTION IF EXISTS factdb_bump_auth_stamp()",
    "DROP TABLE IF EXISTS factdb_auth_stamp",
    "DROP SEQUENCE IF EXISTS factdb_auth_stamp_values",
]

BUMP = "BEGIN UPDATE factdb_auth_stamp SET value = random(); END"
EVENTS = {"insert": "INSERT", "update": "UPDATE", "delete": "DELETE"}
SQLITE = [
    TABLE,
    "INSERT OR IGNORE INTO factdb_auth_stamp VALUES (0, random())",
    *(
        f"CREATE TRIGGER IF NOT EXISTS factdb_auth_stamp_{table}_{name} "
        f"AFTER {event} ON {table} {BUMP}"
        for table in TABLES
        for name, event in EVENTS.items()
    ),
    *(
        f"CREATE TRIGGER IF NOT EXISTS factdb_auth_stamp_{USERS}_{name} "
        f"AFTER {event} ON {USERS} {BUMP}"
        for name, event in {**EVENTS, "update": f"UPDATE OF {USER_COLUMNS}"}.items()
    ),
]
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS factdb_auth_stamp_{table}_{name}"
        for table in (*TABLES, USERS)
        for name in EVENTS
    ),
    "DROP TABLE IF EXISTS factdb_auth_stamp",
]


TRIGGERS = Triggers(MIGRATION, POSTGRESQL, POSTGRESQL_REVERSE, SQLITE, SQLITE_REVERSE)
install, uninstall, ensure = TRIGGERS.install, TRIGGERS.uninstall, TRIGGERS.ensure


def read(connection):
    """The stamp now (for tests and the shell; a request reads it in its token's statement)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {STAMP[connection.vendor]}")
        return cursor.fetchone()[0]
