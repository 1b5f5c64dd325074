"""Import a document's text as a Source, optionally proposing its claims at once.

    python manage.py import_source article.txt --title "…" --publisher "Left Voice" \
        --published 2019-06 --language en [--url …] [--authors …] [--extract]
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from claims.extraction import save_proposals
from factdb.history.attribution import acting_as, command_user
from sources.models import Publisher, Source, SourceKind, parse_date_with_precision

MAX_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = "Import a UTF-8 text file as a source (and with --extract, propose its claims)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="UTF-8 text file with the document's full text")
        parser.add_argument("--title", required=True)
        parser.add_argument("--publisher", required=True, help="Name; created if new")
        parser.add_argument("--published", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
        parser.add_argument("--language", default="en", help="BCP-47 tag, e.g. en, es, es-MX")
        parser.add_argument("--url", default=None)
        parser.add_argument("--authors", default="")
        parser.add_argument("--kind", default=SourceKind.ARTICLE, choices=SourceKind.values)
        parser.add_argument("--translation-of", type=int, default=None, metavar="SOURCE_ID")
        parser.add_argument("--user", default=None, help="Username recorded in the history")
        parser.add_argument("--extract", action="store_true", help="Propose claims from the text")

    def handle(self, *args, **options):
        text = read_text(Path(options["file"]))
        try:
            published_on, precision = parse_date_with_precision(options["published"])
        except ValueError as error:
            raise CommandError(f"--published: {error}") from None
        user = command_user(options["user"])
        translation_of = None
        if options["translation_of"] is not None:
            translation_of = Source.objects.filter(pk=options["translation_of"]).first()
            if translation_of is None:
                raise CommandError(
                    f"--translation-of: no source with id {options['translation_of']}"
                )
        try:
            with transaction.atomic(), acting_as(user):
                publisher, _ = Publisher.objects.get_or_create(name=options["publisher"].strip())
                source = Source(
                    title=options["title"].strip(),
                    publisher=publisher,
                    url=options["url"] or None,
                    authors=options["authors"],
                    published_on=published_on,
                    date_precision=precision,
                    language=options["language"],
                    kind=options["kind"],
                    translation_of=translation_of,
                    text=text,
                    retrieved_at=timezone.now(),
                )
                source.full_clean()
                source.save()
                created, note = [], ""
                if options["extract"]:
                    result = save_proposals(source, created_by=user)
                    created, note = result[0], result.message
        except ValidationError as error:
            raise CommandError(describe(error)) from None
        self.stdout.write(f"Imported source {source.pk}: {source}")
        if options["extract"]:
            self.stdout.write(f"Proposed {len(created)} claims (unverified, origin 'extracted').")
            if note:
                self.stdout.write(note)


def read_text(path: Path) -> str:
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise CommandError(f"{path}: {len(data)} bytes is over the {MAX_BYTES}-byte limit")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    if "\x00" in text:
        raise CommandError(f"{path}: contains NUL bytes; this is not a text file")
    if not text.strip():
        raise CommandError(f"{path}: the file is empty")
    return text.replace("\r\n", "\n")


def describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)
