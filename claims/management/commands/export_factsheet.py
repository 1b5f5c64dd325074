"""Export a fact sheet: `manage.py export_factsheet SLUG --format pdf --output FILE [--version N]`.

Without --version the sheet's current draft is exported; with it, that published version,
rendered from its frozen context (byte-for-byte what the permalink serves).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.factsheets.context import build_context
from claims.factsheets.render_cache import cached_render
from claims.factsheets.renderers import FORMATS, render
from claims.models import FactSheet


class Command(BaseCommand):
    help = "Export a fact sheet (or a published version): html, md, pdf, csv, json or jsonld."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version here is the sheet's published version; Django's own --version gives way.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The sheet's slug, as in its URL.")
        parser.add_argument("--format", dest="fmt", default="pdf", help=", ".join(FORMATS))
        parser.add_argument("--output", "-o", help="File to write; '-' or nothing for stdout.")
        parser.add_argument("--version", dest="number", type=int, help="A published version.")

    def handle(self, *args, slug, fmt, output=None, number=None, **options):
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}; use one of: {', '.join(FORMATS)}.")
        sheet = FactSheet.objects.filter(slug=slug).first()
        if sheet is None:
            known = ", ".join(
                FactSheet.objects.order_by("slug").values_list("slug", flat=True)[:20]
            )
            raise CommandError(f"No fact sheet with slug {slug!r} (known: {known or 'none'}).")
        if number is None:
            body = render(build_context(sheet), fmt)
        else:
            version = sheet.versions.filter(number=number).first()
            if version is None:
                published = ", ".join(
                    str(n) for n in sheet.versions.values_list("number", flat=True)
                )
                raise CommandError(
                    f"{slug!r} has no version {number} (published: {published or 'none'})."
                )
            body = cached_render(version.context, fmt)
        if output in (None, "-"):
            if fmt == "pdf":
                raise CommandError("A PDF is binary: give --output FILE.")
            self.stdout.write(body.decode("utf-8-sig"), ending="")
            return
        try:
            Path(output).write_bytes(body)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        self.stderr.write(f"Wrote {len(body):,} bytes to {output}.")
