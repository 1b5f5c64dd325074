"""Load the seed fixtures (sources and claims from the two seed articles, the demo fact sheet).

`--if-empty` loads them only into a database without sources, so restarting `make run` or the
container never reverts an editor's work on a seed claim (loaddata overwrites rows it finds by
natural key, and raw loads write no history). After loading, every row that has no history yet
gets its first record, so the seed data's history starts like any other row's.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factdb.history.m2m import bulk_history_with_m2m
from factdb.management.base import TranslatedCommand
from sources.models import Source


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Load fixtures/*.json (idempotent: natural keys) and give seeded rows their history."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help=_("Do nothing when the database has sources.")
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Source.objects.exists():
            self.stdout.write(_("Seed data not loaded: the database already has sources."))
            return
        fixture_dir = Path(settings.BASE_DIR) / "fixtures"
        fixtures = sorted(str(path) for path in fixture_dir.glob("*.json"))
        # Raw loads write no history except for tag changes; leave it all to the pass below so
        # every seeded row starts with one "+" record.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", *fixtures, verbosity=options["verbosity"])
        created = record_missing_history()
        # Loaded rows skip extraction, which proposes each figure's lineage (claims' command).
        call_command("propose_lineages", verbosity=options["verbosity"])
        if options["verbosity"]:
            self.stdout.write(
                _("Seed data loaded; %(count)s rows got their first history record.")
                % {"count": created}
            )


def record_missing_history() -> int:
    """Give each tracked row without any history a first '+' record (populate_history --auto
    works per model, so it would skip rows added after the model's first record)."""
    created, now = 0, timezone.now()
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "bulk_history_create"):
            continue
        pk_name = model._meta.pk.attname
        recorded = model.history.model.objects.values(pk_name)
        missing = list(model.objects.exclude(pk__in=recorded))
        if missing:
            # With the tags a seeded claim has, so its first change lists no tags it never touched.
            bulk_history_with_m2m(model, missing, default_date=now)
            created += len(missing)
    return created
