"""Import a web page, a PDF or a text file as a Source, optionally proposing its claims at once.

    python manage.py import_source https://example.org/story --extract --user editor
    python manage.py import_source report.pdf --publisher "Migration Policy Institute" --extract
    python manage.py import_source article.txt --title "…" --publisher "Left Voice" \\
        --published 2019-06 --language en [--url …] [--authors …] [--extract]

Metadata flags override what the document says; they are needed only when it says nothing.
The work runs in this process (a command has no request to keep short); the API and the admin
hand the same work to a background worker.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.lineage_services import lineages_propose
from claims.management.progress import ProgressLines
from factdb.history.attribution import command_user
from factdb.management.base import TranslatedCommand
from sources.intake import IntakeError
from sources.models import Source, SourceKind
from sources.services import read_input, read_report, source_import


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Import a URL, PDF, HTML or UTF-8 text file as a source (--extract: propose claims)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help=_("http(s) URL, or a PDF, HTML or UTF-8 text file"))
        parser.add_argument("--title", help=_("Overrides the document's title"))
        parser.add_argument("--publisher", help=_("Name; created if new"))
        parser.add_argument("--published", help=_("YYYY, YYYY-MM or YYYY-MM-DD"))
        parser.add_argument("--language", help=_("BCP-47 tag, e.g. en, es, es-MX"))
        parser.add_argument("--url", default=None, help=_("Where a file was published"))
        parser.add_argument("--authors", default=None, help=_("As the byline gives them"))
        parser.add_argument(
            "--kind", default=None, choices=SourceKind.values, help=_("The kind of document")
        )
        parser.add_argument(
            "--translation-of",
            type=int,
            default=None,
            metavar="SOURCE_ID",
            help=_("The source this one translates"),
        )
        parser.add_argument("--user", default=None, help=_("Username recorded in the history"))
        parser.add_argument(
            "--extract", action="store_true", help=_("Propose claims from the text")
        )

    def handle(self, *args, **options):
        user = command_user(options["user"])
        translation_of = None
        if options["translation_of"] is not None:
            translation_of = Source.objects.filter(pk=options["translation_of"]).first()
            if translation_of is None:
                raise CommandError(
                    _("--translation-of: no source with id %(id)s")
                    % {"id": options["translation_of"]}
                )
        overrides = {
            name: options[name]
            for name in ("title", "publisher", "published", "language", "authors", "kind", "url")
        }
        target = options["source"]
        try:
            if target.lower().startswith(("http://", "https://")):
                self.stderr.write(_("Fetching %(url)s") % {"url": target})
                document = read_input(url=target)
            else:
                document = read_input(data=read_file(Path(target)), filename=target)
            self.stderr.write(read_report(document, extract=options["extract"]))
            outcome = source_import(
                document=document,
                overrides=overrides,
                user=user,
                extract=options["extract"],
                progress=ProgressLines(self.stderr),
            )
        except IntakeError as error:
            flag = {"url": target, "file": target}.get(error.field, f"--{error.field}")
            if error.message.startswith(flag):
                raise CommandError(error.message) from None  # it names the URL already
            raise CommandError(f"{flag}: {error.message}") from None
        source = outcome.source
        if translation_of is not None and source.translation_of_id != translation_of.pk:
            source.translation_of = translation_of
            source.full_clean()
            source.save()
            # Proposed before the link was known: pair them with the original's claims now.
            lineages_propose(claims=source.claims.select_related("source"), user=user)
        verb = _("Imported source") if outcome.created else _("Known source")
        self.stdout.write(f"{verb} {source.pk}: {source}")
        if not outcome.created:
            self.stdout.write(outcome.outcome)
        if options["extract"]:
            self.stdout.write(
                _("Proposed %(count)s claims (unverified, origin 'extracted').")
                % {"count": len(outcome.claims)}
            )


def read_file(path: Path) -> bytes:
    if not path.is_file():
        raise CommandError(_("%(path)s: no such file") % {"path": path})
    from django.conf import settings

    size = path.stat().st_size
    if size > settings.FACTDB_FETCH_MAX_BYTES:
        raise CommandError(
            _("%(file)s: %(size)s bytes is over the %(limit)s-byte limit (FACTDB_FETCH_MAX_BYTES)")
            % {"file": path, "size": f"{size:,}", "limit": f"{settings.FACTDB_FETCH_MAX_BYTES:,}"}
        )
    return path.read_bytes()
