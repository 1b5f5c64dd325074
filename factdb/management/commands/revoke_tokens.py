"""Revoke users' API tokens at once: `manage.py revoke_tokens USERNAME …` (a lost laptop, a
leaked script). They ask /api/v1/auth/token/ for a new one with their password."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Revoke the API tokens of the given users; they stop working at once."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, usernames, **options):
        users = get_user_model().objects.filter(username__in=usernames)
        unknown = sorted(set(usernames) - {user.username for user in users})
        if unknown:
            raise CommandError(f"No such user: {', '.join(unknown)}. Nothing was revoked.")
        revoked, _ = Token.objects.filter(user__in=users).delete()
        self.stdout.write(f"Revoked {revoked} token(s) of {', '.join(sorted(usernames))}.")
