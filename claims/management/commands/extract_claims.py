"""Propose claims from a source's text: `python manage.py extract_claims SOURCE_ID`."""

from django.core.management.base import BaseCommand, CommandError

from claims.management.progress import ProgressLines
from claims.services import claims_propose
from factdb.history.attribution import acting_as, command_user
from sources.models import Source


class Command(BaseCommand):
    help = "Propose every quantitative claim in a source's text (running it twice adds nothing)."

    def add_arguments(self, parser):
        parser.add_argument("source_id", type=int)
        parser.add_argument("--user", default=None, help="Username recorded as creator")

    def handle(self, *args, source_id, user, **options):
        source = Source.objects.filter(pk=source_id).first()
        if source is None:
            raise CommandError(f"No source with id {source_id}")
        if not source.text:
            raise CommandError(f"Source {source_id} has no text snapshot to extract from")
        user = command_user(user)
        with acting_as(user):
            result = claims_propose(
                source=source, created_by=user, progress=ProgressLines(self.stderr)
            )
        created, skipped = result
        self.stdout.write(
            f"Proposed {len(created)} new claims from source {source_id} ({skipped} already known)."
        )
        for claim in created:
            self.stdout.write(f"  #{claim.pk}  {claim.figure}  «{claim.quote[:80]}»")
        if result.message:
            self.stdout.write(result.message)
