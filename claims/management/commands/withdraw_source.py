"""Withdraw a source: `python manage.py withdraw_source SOURCE_ID --reason "…" [--user U]`.

Its claims stay (with their history); each gets a correction that travels to the fact sheets
citing it and to the other appearances of its figure (claims.lineage_services.source_withdraw).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.lineage_services import source_withdraw
from factdb.history.attribution import acting_as, command_user
from factdb.management.base import TranslatedCommand
from sources.models import Source


class Command(TranslatedCommand):
    help = gettext_lazy("Withdraw a source: each of its claims gets a correction with the reason.")

    def add_arguments(self, parser):
        parser.add_argument("source_id", type=int, help=_("The source's id"))
        parser.add_argument("--reason", required=True, help=_("Why it is withdrawn (required)"))
        parser.add_argument("--user", default=None, help=_("Username recorded in the history"))

    def handle(self, *args, source_id, reason, user, **options):
        source = Source.objects.filter(pk=source_id).first()
        if source is None:
            raise CommandError(_("No source with id %(id)s") % {"id": source_id})
        user = command_user(user)
        try:
            with acting_as(user):
                corrections = source_withdraw(source=source, user=user, reason=reason)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            _("Withdrew source %(id)s; %(n)d claims corrected.")
            % {"id": source_id, "n": len(corrections)}
        )
