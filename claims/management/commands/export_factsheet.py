"""Export a fact sheet: `manage.py export_factsheet SLUG --format pdf --output FILE [--version N]`.

Without --version the sheet's current draft is exported; with it, that published version,
rendered from its frozen context (byte-for-byte what the permalink serves).
"""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.factsheets.context import build_context
from claims.factsheets.render_cache import cached_render
from claims.factsheets.renderers import FORMATS, render
from claims.models import FactSheet

# C0 and C1 control characters (tab, newline and a CR ending a line excepted), and the Unicode
# controls that reorder text (bidi embeddings, overrides and isolates, and the marks).
TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)


def for_terminal(text: str) -> str:
    """`text` with what a terminal would act on written as visible escapes ("\\u202e")."""
    return TERMINAL_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


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
            text = body.decode("utf-8-sig")
            if self.stdout.isatty():
                # A quote can carry escape sequences or bidi overrides that would drive the
                # terminal or reorder what it shows; redirected to a file the export stays exact.
                text = for_terminal(text)
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_bytes(body)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        self.stderr.write(f"Wrote {len(body):,} bytes to {output}.")
