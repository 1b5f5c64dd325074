"""Import each new item of every publisher's feed (Publisher.feed_url), once.

    python manage.py poll_feeds [--publisher NAME] [--user U] [--no-extract]

Each new item becomes an import request that a worker (`manage.py db_worker`) fetches, reads
and proposes claims from; an item already imported, queued or running is skipped, so running
this twice adds nothing. Schedule it with cron, e.g. every 15 minutes:

    */15 * * * *  cd /srv/factdb && .venv/bin/python manage.py poll_feeds --user feeds
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factdb.history.attribution import command_user
from factdb.management.base import TranslatedCommand
from sources.models import Publisher
from sources.services import feed_poll


class Command(TranslatedCommand):
    help = gettext_lazy("Queue an import for each new item of each publisher's RSS/Atom feed.")

    def add_arguments(self, parser):
        parser.add_argument("--publisher", help=_("Only this publisher (by name)"))
        parser.add_argument("--user", default=None, help=_("Username recorded in the history"))
        parser.add_argument("--no-extract", action="store_true", help=_("Do not propose claims"))

    def handle(self, *args, **options):
        user = command_user(options["user"])
        publishers = Publisher.objects.exclude(feed_url="").order_by("name")
        if options["publisher"]:
            publishers = publishers.filter(name=options["publisher"])
            if not publishers.exists():
                name = options["publisher"]
                raise CommandError(
                    _("--publisher: no publisher %(name)r with a feed") % {"name": name}
                )
        failed = 0
        for publisher in publishers:
            poll = feed_poll(publisher=publisher, user=user, extract=not options["no_extract"])
            if poll.error:
                failed += 1
                self.stderr.write(f"{publisher}: {poll.error}")
                continue
            self.stdout.write(
                _("%(publisher)s: %(queued)s new item(s) queued, %(known)s already known.")
                % {"publisher": publisher, "queued": len(poll.queued), "known": poll.known}
            )
        if failed:
            raise CommandError(_("%(count)s feed(s) could not be read") % {"count": failed})
