"""Export a fact sheet: `manage.py export_factsheet SLUG --format pdf --output FILE [--version N]
[--lang es] [--thousands mil]` (--lang and --thousands as the exports' ?lang= and ?thousands=).

Without --version the sheet's current draft is exported; with it, that published version,
rendered from its frozen context (byte-for-byte what the permalink serves).
"""

import re
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.factsheets.context import build_context
from claims.factsheets.render_cache import cached_render
from claims.factsheets.renderers import FORMATS, render
from claims.models import FactSheet
from factdb.languages import SHEET_LANGUAGES, THOUSANDS, figure_language, supported
from factdb.management.base import TranslatedCommand

# C0 and C1 control characters (tab, newline and a CR ending a line excepted), and the Unicode
# controls that reorder text (bidi embeddings, overrides and isolates, and the marks).
TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)


def for_terminal(text: str) -> str:
    """`text` with what a terminal would act on written as visible escapes ("\\u202e")."""
    return TERMINAL_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Export a fact sheet (or a published version): html, md, pdf, csv, json or jsonld."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version here is the sheet's published version; Django's own --version gives way.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug", help=_("The sheet's slug, as in its URL."))
        parser.add_argument("--format", dest="fmt", default="pdf", help=", ".join(FORMATS))
        parser.add_argument("--output", "-o", help=_("File to write; '-' or nothing for stdout."))
        parser.add_argument("--version", dest="number", type=int, help=_("A published version."))
        parser.add_argument(
            "--lang",
            default="en",
            help=_(
                "The language it is written in: %(languages)s (es: Mexico's numbers, "
                "es-ES: Spain's). Default: en, as the sheet's permalink."
            )
            % {"languages": ", ".join(SHEET_LANGUAGES)},
        )
        parser.add_argument(
            "--thousands",
            help=_(
                'How Mexican Spanish writes round thousands: "mil" ("6 mil elementos") or '
                '"digits" ("6,000"); default: FACTDB_SPANISH_THOUSANDS. As ?thousands= of the '
                'sheet\'s exports: Spain (es-ES) always writes "6.000", English ignores it.'
            ),
        )

    def handle(self, *args, slug, fmt, output=None, number=None, lang="en", **options):
        if fmt not in FORMATS:
            raise CommandError(
                _("Unknown format %(format)r; use one of: %(formats)s.")
                % {"format": fmt, "formats": ", ".join(FORMATS)}
            )
        lang = sheet_language(lang, options.get("thousands"))
        sheet = FactSheet.objects.filter(slug=slug).first()
        if sheet is None:
            known = ", ".join(
                FactSheet.objects.order_by("slug").values_list("slug", flat=True)[:20]
            )
            raise CommandError(
                _("No fact sheet with slug %(slug)r (known: %(known)s).")
                % {"slug": slug, "known": known or _("none")}
            )
        if number is None:
            body = render(build_context(sheet), fmt, lang)
        else:
            version = sheet.versions.filter(number=number).first()
            if version is None:
                published = ", ".join(
                    str(n) for n in sheet.versions.values_list("number", flat=True)
                )
                raise CommandError(
                    _("%(slug)r has no version %(number)s (published: %(published)s).")
                    % {"slug": slug, "number": number, "published": published or _("none")}
                )
            body = cached_render(version.context, fmt, lang)
        if output in (None, "-"):
            if fmt == "pdf":
                raise CommandError(_("A PDF is binary: give --output FILE."))
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
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": output, "error": error.strerror}
            ) from None
        self.stderr.write(
            _("Wrote %(size)s bytes to %(file)s.") % {"size": f"{len(body):,}", "file": output}
        )


def sheet_language(lang: str, thousands: str | None) -> str:
    """The tag to render in, as the exports' ?lang= and ?thousands= give it ("es-MX-x-mil")."""
    if lang not in SHEET_LANGUAGES:
        raise CommandError(
            _("--lang: unknown language %(lang)r; use one of: %(known)s.")
            % {"lang": lang, "known": ", ".join(SHEET_LANGUAGES)}
        )
    if thousands is not None and thousands not in THOUSANDS:
        raise CommandError(
            _("--thousands: unknown way to write thousands %(value)r; use one of: %(known)s.")
            % {"value": thousands, "known": ", ".join(THOUSANDS)}
        )
    if thousands is not None and supported(lang) == "es":
        return figure_language(lang, thousands=thousands)
    return lang
