"""Restore a backup made by `manage.py backup`: `python manage.py restore FILE --yes`.

Replaces the current database's contents with the backup's, history included — but only a file
that is a factdb backup for this database: it is read and checked first (its format, its tables,
the migrations it records), and anything else is refused with the current data untouched.

- SQLite: the current database is copied aside, the backup copied in and checked; if anything
  fails the copy aside is put back. It is removed once the restore has succeeded.
- PostgreSQL: `pg_restore --single-transaction`, so a dump that fails half-way leaves the
  database as it was (the transaction is the copy aside).
"""

import re
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factdb.management.base import TranslatedCommand
from factdb.management.commands.backup import run_pg

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
# A file without these is not a factdb backup, whatever else it holds.
CORE_TABLES = {"django_migrations", "auth_user", "sources_source", "claims_claim"}


class Command(TranslatedCommand):
    help = gettext_lazy("Replace the database's contents with a backup (asks for --yes).")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("A file written by manage.py backup"))
        parser.add_argument("--yes", action="store_true", help=_("Confirm replacing all data"))

    def handle(self, *args, file, yes, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("%(path)s: no such file") % {"path": path})
        if not yes:
            raise CommandError(_("Restoring replaces every row in the database: add --yes"))
        vendor = connection.vendor
        if vendor not in ("postgresql", "sqlite"):
            raise CommandError(_("Restore is not implemented for %(vendor)s") % {"vendor": vendor})
        kind = backup_kind(path)
        if kind != vendor:
            raise CommandError(
                _(
                    "%(path)s: a %(kind)s backup, and this database is %(vendor)s; "
                    "nothing was changed"
                )
                % {"path": path, "kind": kind, "vendor": vendor}
            )
        if vendor == "postgresql":
            tables, migrations = read_pg_dump(path)
        else:
            tables, migrations = read_sqlite_backup(path)
        missing_migrations = check_schema(path, tables, migrations)
        if vendor == "postgresql":
            connection.close()
            run_pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    "--exit-on-error", str(path)])  # fmt: skip
        else:
            restore_sqlite(path)
        self.stdout.write(
            _("Restored the %(vendor)s database from %(path)s") % {"vendor": vendor, "path": path}
        )
        if missing_migrations:
            self.stdout.write(
                _("The backup predates %(count)s migration(s): run `manage.py migrate` now.")
                % {"count": len(missing_migrations)}
            )


def backup_kind(path: Path) -> str:
    """Which database wrote the file, from its first bytes (refusing empty or other files)."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if not head:
        raise CommandError(
            _("%(path)s: the file is empty, not a backup; nothing was changed") % {"path": path}
        )
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    raise CommandError(
        _(
            "%(path)s: not a factdb backup (neither an SQLite database nor a pg_dump "
            "custom-format archive); nothing was changed"
        )
        % {"path": path}
    )


def read_sqlite_backup(path: Path) -> tuple[set[str], set[tuple[str, str]]]:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = source.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise CommandError(
                    _("%(path)s: the SQLite file is damaged (%(check)s); nothing was changed")
                    % {"path": path, "check": check}
                )
            tables = {
                row[0]
                for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            migrations = set()
            if "django_migrations" in tables:
                migrations = set(source.execute("SELECT app, name FROM django_migrations"))
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise CommandError(
            _("%(path)s: not a readable SQLite backup (%(error)s); nothing was changed")
            % {"path": path, "error": error}
        ) from None
    return tables, migrations


# `pg_restore --list` lines: "215; 1259 16385 TABLE public claims_claim factdb".
_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ")


def read_pg_dump(path: Path) -> tuple[set[str], set[tuple[str, str]]]:
    listing = _pg_restore_output(path, ["--list"])
    tables = {
        match.group(2)
        for line in listing.splitlines()
        if (match := _TOC_TABLE.match(line)) and match.group(1) == "public"
    }
    migrations = set()
    if "django_migrations" in tables:
        # The table's rows as pg_restore would load them: COPY … FROM stdin, tab-separated.
        data = _pg_restore_output(path, ["--data-only", "--table=django_migrations", "--file=-"])
        rows = data.split("FROM stdin;\n", 1)[-1].split("\n\\.", 1)[0]
        for row in rows.splitlines():
            fields = row.split("\t")
            if len(fields) >= 3:
                migrations.add((fields[1], fields[2]))
    return tables, migrations


def _pg_restore_output(path: Path, options: list[str]) -> str:
    # Reads the archive only (no --dbname): nothing touches the database.
    try:
        result = subprocess.run(["pg_restore", *options, str(path)], capture_output=True, text=True)
    except FileNotFoundError:
        raise CommandError(
            _("%(tool)s is not installed (Debian: postgresql-client)") % {"tool": "pg_restore"}
        ) from None
    if result.returncode != 0:
        raise CommandError(
            _("%(path)s: not a readable pg_dump archive (%(error)s); nothing was changed")
            % {"path": path, "error": result.stderr.strip()}
        )
    return result.stdout


def check_schema(path: Path, tables: set[str], migrations: set[tuple[str, str]]) -> set:
    """Refuse a backup that is not factdb's or is newer than this code; return the migrations
    this code has that the backup predates (``migrate`` applies them after the restore)."""
    missing = sorted(CORE_TABLES - tables)
    if missing:
        raise CommandError(
            _("%(path)s: not a factdb backup (no %(tables)s table); nothing was changed")
            % {"path": path, "tables": ", ".join(missing)}
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    ours = {app for app, _ in known}
    unknown = sorted(f"{app}.{name}" for app, name in migrations - known if app in ours)
    if unknown:
        raise CommandError(
            _(
                "%(path)s: made by a newer factdb (migrations %(migrations)s are not in this "
                "code); upgrade first. Nothing was changed"
            )
            % {"path": path, "migrations": ", ".join(unknown[:5])}
        )
    predates = known - migrations
    if not predates:
        # Same schema: every table the models use must be there.
        expected = {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
        absent = sorted(expected - tables)
        if absent:
            raise CommandError(
                _("%(path)s: the backup lacks tables %(tables)s; nothing was changed")
                % {"path": path, "tables": ", ".join(absent[:5])}
            )
    return predates


def restore_sqlite(path: Path) -> None:
    """Copy the backup in, keeping the current database aside until the copy is checked."""
    connection.ensure_connection()
    live = connection.connection
    folder = Path(connection.settings_dict["NAME"]).parent
    folder = folder if folder.is_dir() else Path(tempfile.gettempdir())
    with tempfile.NamedTemporaryFile(
        dir=folder, prefix=".factdb-before-restore-", suffix=".sqlite3"
    ) as aside_file:
        aside = sqlite3.connect(aside_file.name)
        try:
            live.backup(aside)
            try:
                source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                try:
                    source.backup(live)
                finally:
                    source.close()
                verify_restored()
            except Exception as error:
                aside.backup(live)
                raise CommandError(
                    _("Restoring %(path)s failed (%(error)s); the database was put back as it was")
                    % {"path": path, "error": error}
                ) from error
        finally:
            aside.close()


def verify_restored() -> None:
    """The restored database answers the queries factdb makes first."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA quick_check")
        (check,) = cursor.fetchone()
        if check != "ok":
            raise CommandError(_("the restored database is damaged (%(check)s)") % {"check": check})
        cursor.execute("SELECT count(*) FROM django_migrations")
        cursor.execute("SELECT count(*) FROM claims_claim")
