"""Create the demo `editor`, `journalist` and `admin` accounts for a local try-out.

Passwords are generated once, kept in var/demo-passwords.txt (git-ignored) and printed on every
run, so `make run` always shows the credentials that work. Refused when DEBUG is off: demo
accounts do not belong on a production server.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factdb.management.base import TranslatedCommand

ACCOUNTS = [
    ("editor", "Editors", False),
    ("journalist", "Journalists", False),
    ("admin", None, True),
]


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Create demo editor/journalist/admin accounts and print their passwords (DEBUG only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help=_(
                "HOST:PORT the server listens on, for the links printed (`make run` passes its)."
            ),
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("Demo accounts are for local use only; DEBUG is off."))
        store = Path(settings.BASE_DIR) / "var" / "demo-passwords.txt"
        passwords = read_passwords(store)
        User = get_user_model()
        for username, group, is_admin in ACCOUNTS:
            password = passwords.setdefault(username, secrets.token_urlsafe(9))
            user, _created = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = is_admin
            user.set_password(password)
            user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
        store.parent.mkdir(exist_ok=True)
        store.write_text("".join(f"{name} {pw}\n" for name, pw in passwords.items()))
        self.stdout.write("\n" + _("Demo accounts (from var/demo-passwords.txt):"))
        for username, password in passwords.items():
            self.stdout.write(
                f"  {username:<11} " + _("password: %(password)s") % {"password": password}
            )
        base = f"http://{options['address']}"
        self.stdout.write(
            _("Admin: %(admin)s   API: %(api)s   Sheets: %(sheets)s")
            % {"admin": f"{base}/admin/", "api": f"{base}/api/v1/", "sheets": f"{base}/sheets/"}
            + "\n"
        )


def read_passwords(store: Path) -> dict[str, str]:
    if not store.exists():
        return {}
    pairs = (line.split(" ", 1) for line in store.read_text().splitlines() if " " in line)
    return {name: password for name, password in pairs}
