"""Propose every claim on the record that is in no lineage yet as an appearance of the figure it
repeats: `python manage.py propose_lineages`. Extraction does this for the claims it proposes;
rows loaded by `loaddata` (the seed data) skip extraction, so `seed` runs this after loading."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.lineage_services import lineages_propose
from claims.models import Claim, Status
from factdb.history.attribution import acting_as, command_user
from factdb.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Propose the claims in no lineage yet as appearances of the figures they repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", default=None, help=_("Username recorded as proposer"))

    def handle(self, *args, user, **options):
        user = command_user(user)
        claims = (
            Claim.objects.exclude(status__in=Status.OFF_RECORD)
            .filter(appearance__isnull=True)
            .select_related("source")
            .order_by("claim_date", "pk")
        )
        with acting_as(user):
            added = lineages_propose(claims=claims, user=user)
        if options["verbosity"]:
            self.stdout.write(_("Proposed %(count)s lineage appearances.") % {"count": len(added)})
