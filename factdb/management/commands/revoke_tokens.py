"""Revoke users' API tokens at once: `manage.py revoke_tokens USERNAME …` (a lost laptop, a
leaked script). They ask /api/v1/auth/token/ for a new one with their password."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.authtoken.models import Token

from factdb.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy("Revoke the API tokens of the given users; they stop working at once.")

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+", help=_("Whose tokens to revoke"))

    def handle(self, *args, usernames, **options):
        users = get_user_model().objects.filter(username__in=usernames)
        unknown = sorted(set(usernames) - {user.username for user in users})
        if unknown:
            raise CommandError(
                _("No such user: %(users)s. Nothing was revoked.") % {"users": ", ".join(unknown)}
            )
        revoked, _by_model = Token.objects.filter(user__in=users).delete()
        self.stdout.write(
            _("Revoked %(count)s token(s) of %(users)s.")
            % {"count": revoked, "users": ", ".join(sorted(usernames))}
        )
