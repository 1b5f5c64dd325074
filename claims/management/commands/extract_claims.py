"""Propose claims from a source's text: `python manage.py extract_claims SOURCE_ID`; its claims
not yet in a lineage are proposed as appearances of the figures they repeat."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.lineage_services import lineages_propose
from claims.management.progress import ProgressLines
from claims.services import claims_propose
from factdb.history.attribution import acting_as, command_user
from factdb.management.base import TranslatedCommand
from sources.models import Source


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Propose every quantitative claim in a source's text (running it twice adds nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source_id", type=int, help=_("The source's id"))
        parser.add_argument("--user", default=None, help=_("Username recorded as creator"))

    def handle(self, *args, source_id, user, **options):
        source = Source.objects.filter(pk=source_id).first()
        if source is None:
            raise CommandError(_("No source with id %(id)s") % {"id": source_id})
        if not source.text:
            raise CommandError(
                _("Source %(id)s has no text snapshot to extract from") % {"id": source_id}
            )
        user = command_user(user)
        with acting_as(user):
            result = claims_propose(
                source=source, created_by=user, progress=ProgressLines(self.stderr)
            )
            # Claims proposed before (say) the source was declared a translation join their
            # figures' lineages now; claims already in one stay where they are.
            lineages_propose(claims=source.claims.select_related("source"), user=user)
        created, skipped = result
        self.stdout.write(
            _("Proposed %(count)s new claims from source %(id)s (%(skipped)s already known).")
            % {"count": len(created), "id": source_id, "skipped": skipped}
        )
        for claim in created:
            self.stdout.write(f"  #{claim.pk}  {claim.figure}  «{claim.quote[:80]}»")
        if result.message:
            self.stdout.write(result.message)
