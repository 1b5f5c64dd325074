"""Restore a backup made by `manage.py backup`: `python manage.py restore FILE --yes`.

Replaces the current database's contents with the backup's, history included.
"""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from factdb.management.commands.backup import run_pg


class Command(BaseCommand):
    help = "Replace the database's contents with a backup (asks for --yes)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="Confirm replacing all data")

    def handle(self, *args, file, yes, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if not yes:
            raise CommandError("Restoring replaces every row in the database: add --yes")
        vendor = connection.vendor
        if vendor == "postgresql":
            connection.close()
            run_pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    str(path)])  # fmt: skip
        elif vendor == "sqlite":
            restore_sqlite(path)
        else:
            raise CommandError(f"Restore is not implemented for {vendor}")
        self.stdout.write(f"Restored {vendor} database from {path}")


def restore_sqlite(path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        source.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path}: not an SQLite backup ({error})") from None
    connection.ensure_connection()
    with source:
        source.backup(connection.connection)
    source.close()
