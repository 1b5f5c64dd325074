"""Back up the whole database to one file: `python manage.py backup [--output FILE]`.

PostgreSQL: `pg_dump -Fc` (custom format, restored with pg_restore). SQLite: SQLite's online
backup API, which copies a consistent snapshot even while the server is writing.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factdb.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Back up the database (pg_dump -Fc on PostgreSQL, a consistent file copy on SQLite)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help=_("File to write (default: backups/factdb-<time>.*)"))

    def handle(self, *args, output=None, **options):
        vendor = connection.vendor
        if output is None:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            suffix = "dump" if vendor == "postgresql" else "sqlite3"
            output = Path(settings.BASE_DIR) / "backups" / f"factdb-{stamp}.{suffix}"
        output = Path(output)
        output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        private_file(output)
        if vendor == "postgresql":
            run_pg(["pg_dump", "--format=custom", "--no-owner", f"--file={output}"])
        elif vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(output) as target:
                connection.connection.backup(target)
            target.close()
        else:
            raise CommandError(_("Backups are not implemented for %(vendor)s") % {"vendor": vendor})
        self.stdout.write(
            _("Backed up the %(vendor)s database to %(file)s") % {"vendor": vendor, "file": output}
        )


def private_file(path: Path) -> None:
    """Create `path` empty and readable by its owner only, before pg_dump or SQLite write it (both
    keep an existing file's mode): a backup holds every password hash and API token."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through os.open


def run_pg(command: list[str]) -> None:
    """Run a PostgreSQL client tool against the configured database (password via env)."""
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    try:
        result = subprocess.run([*command, *args], env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise CommandError(
            _("%(tool)s is not installed (Debian: postgresql-client)") % {"tool": command[0]}
        ) from None
    if result.returncode != 0:
        raise CommandError(
            _("%(tool)s failed: %(error)s") % {"tool": command[0], "error": result.stderr.strip()}
        )
