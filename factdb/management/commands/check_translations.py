"""`manage.py check_translations`: fail when a string the code marks has no translation.

Runs makemessages on a copy of the project (the catalogue in the checkout is not touched) and
reads what it wrote: any new string, fuzzy guess or string gone from the code fails, with
`make messages` as the fix. `--update` runs the same makemessages on the checkout itself: that
is `make messages`, after which a translator fills in the new msgstr lines.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factdb.catalogues import MAKEMESSAGES_OPTIONS, SCANNED, parse, problems
from factdb.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy("Fail if makemessages would leave an untranslated, fuzzy or stale string.")

    def add_arguments(self, parser):
        parser.add_argument("--locale", default="es", help=_("The catalogue to check (es)."))
        parser.add_argument("--root", help=_("The project to check (default: this one)."))
        parser.add_argument(
            "--update", action="store_true", help=_("Refresh the catalogue in place instead.")
        )

    def handle(self, *args, locale, root=None, update=False, **options):
        root = Path(root or settings.BASE_DIR).resolve()
        catalogue = Path("locale") / locale / "LC_MESSAGES" / "django.po"
        if update:
            makemessages(root, locale)
            self.stdout.write(
                _("Refreshed %(catalogue)s: translate its empty and fuzzy entries.")
                % {"catalogue": catalogue}
            )
            return
        if not (root / catalogue).is_file():
            raise CommandError(
                _("No catalogue at %(path)s: run `make messages`.") % {"path": root / catalogue}
            )
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "project"
            for name in [*SCANNED, "locale"]:
                source = root / name
                if source.is_dir():
                    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
                    shutil.copytree(source, copy / name, ignore=ignore)
                elif source.is_file():
                    copy.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, copy / name)
            makemessages(copy, locale)
            fresh = parse((copy / catalogue).read_text(encoding="utf-8"))
        committed = parse((root / catalogue).read_text(encoding="utf-8"))
        found = problems(fresh, committed)
        if found:
            listed = "\n  ".join(found)
            raise CommandError(
                _(
                    "%(count)s string(s) in %(catalogue)s need a translator:\n  %(listed)s\n"
                    "Run `make messages`, translate the new entries (drop any `fuzzy` flag once "
                    "checked), and commit the catalogue."
                )
                % {"count": len(found), "catalogue": catalogue, "listed": listed}
            )
        self.stdout.write(
            _("%(catalogue)s: all %(count)s strings translated.")
            % {"catalogue": catalogue, "count": len(fresh)}
        )


def makemessages(root: Path, locale: str) -> None:
    """makemessages in a separate process: it runs where `root`'s manage.py and settings are."""
    env = {**os.environ, "DEBUG": "1"}
    command = [sys.executable, "manage.py", "makemessages", "--locale", locale]
    done = subprocess.run(
        [*command, *MAKEMESSAGES_OPTIONS], cwd=root, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise CommandError(_("makemessages failed:\n%(error)s") % {"error": done.stderr.strip()})
