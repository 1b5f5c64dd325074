"""`manage.py export_factsheet SLUG --format F --output FILE [--version N]`."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.factsheets.services import sheet_publish, version_render
from claims.models import Claim

from .conftest import pdf_text


def export(*args):
    out = StringIO()
    call_command("export_factsheet", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_exports_the_draft_as_pdf_to_a_file(seed_sheet, tmp_path):
    target = tmp_path / "sheet.pdf"
    export(seed_sheet.slug, "--format", "pdf", "--output", str(target))
    assert "up to 6,000 National Guard troops" in pdf_text(target.read_bytes())


def test_exports_a_published_version_exactly_as_published(seed_sheet, editor, tmp_path):
    version = sheet_publish(sheet=seed_sheet, user=editor)
    Claim.objects.filter(unit="migrants").update(unit="people")
    target = tmp_path / "v1.pdf"
    export(seed_sheet.slug, "--format", "pdf", "--output", str(target), "--version", "1")
    assert target.read_bytes() == version_render(version, "pdf")


def test_text_formats_can_go_to_stdout(seed_sheet):
    assert "## 1. up to 6,000 National Guard troops \\[1\\]" not in export(
        seed_sheet.slug, "--format", "md"
    )
    assert "# Border deployments, June 2019" in export(seed_sheet.slug, "--format", "md")


@pytest.mark.parametrize(
    "args, message",
    [
        (["no-such-sheet"], "No fact sheet with slug 'no-such-sheet'"),
        (["{slug}", "--format", "docx"], "Unknown format 'docx'; use one of: html, md, pdf"),
        (["{slug}", "--version", "7", "--format", "html"], "has no version 7 (published: none)"),
        (["{slug}", "--format", "pdf"], "A PDF is binary: give --output FILE."),
        (["{slug}", "--format", "csv", "--output", "/no/such/dir/x.csv"], "Cannot write"),
    ],
)
def test_mistakes_get_a_clear_error(seed_sheet, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        export(*(arg.format(slug=seed_sheet.slug) for arg in args))


class Terminal(StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_control_characters_and_bidi_overrides_reach_a_terminal_escaped(seed_sheet, fmt):
    claim = seed_sheet.items.first().claim
    hostile = "up to 6,000 \x1b]0;owned\x07 \u202eevil\u202c \x1b[2J troops"
    Claim.objects.filter(pk=claim.pk).update(quote=hostile)
    terminal, file = Terminal(), StringIO()

    call_command("export_factsheet", seed_sheet.slug, "--format", fmt, stdout=terminal)
    call_command("export_factsheet", seed_sheet.slug, "--format", fmt, stdout=file)

    shown = terminal.getvalue()
    assert not any(c in shown for c in "\x1b\x07\u202e\u202c"), shown[:500]
    assert "\\u202eevil" in shown and "\\u001b" in shown  # visible, as escapes
    # Redirected to a file (not a terminal) the export is exact: the same as another export but
    # for the draft's clock, which the two exports may read a second apart.
    assert without_clock(file.getvalue()) == without_clock(export(seed_sheet.slug, "--format", fmt))


def without_clock(text: str) -> str:
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z)", "<now>", text)


def test_thousands_mil_writes_round_thousands_in_words_as_the_exports_do(seed_sheet):
    spanish = export(seed_sheet.slug, "--format", "md", "--lang", "es", "--thousands", "mil")
    assert "hasta 6 mil National Guard troops" in spanish
    digits = export(seed_sheet.slug, "--format", "md", "--lang", "es", "--thousands", "digits")
    assert "hasta 6,000 National Guard troops" in digits


def test_spain_and_english_ignore_thousands(seed_sheet):
    spain = export(seed_sheet.slug, "--format", "md", "--lang", "es-ES", "--thousands", "mil")
    assert "hasta 6.000 National Guard troops" in spain
    english = export(seed_sheet.slug, "--format", "md", "--thousands", "mil")
    assert "up to 6,000 National Guard troops" in english


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--thousands", "miles"],
            "--thousands: unknown way to write thousands 'miles'; use one of: digits, mil.",
        ),
        (["--lang", "fr"], "--lang: unknown language 'fr'; use one of: en, es, es-MX, es-ES."),
    ],
)
def test_a_bad_thousands_or_lang_is_named(seed_sheet, args, message):
    with pytest.raises(CommandError) as refused:
        export(seed_sheet.slug, "--format", "md", *args)
    assert str(refused.value) == message
