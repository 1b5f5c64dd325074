"""Load the seed fixtures (sources and claims from the two seed articles, the demo fact sheet).

`--if-empty` loads them only into a database without sources, so restarting `make run` or the
container never reverts an editor's work on a seed claim (loaddata overwrites rows it finds by
natural key, and raw loads write no history). After loading, every seeded row gets its initial
history record, attributed to no user.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from sources.models import Source


class Command(BaseCommand):
    help = "Load fixtures/*.json (idempotent: natural keys) and give seeded rows their history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database has sources."
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Source.objects.exists():
            self.stdout.write("Seed data not loaded: the database already has sources.")
            return
        fixture_dir = Path(settings.BASE_DIR) / "fixtures"
        fixtures = sorted(str(path) for path in fixture_dir.glob("*.json"))
        call_command("loaddata", *fixtures, verbosity=options["verbosity"])
        call_command("populate_history", auto=True, verbosity=0)
