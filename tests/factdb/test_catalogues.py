"""The Spanish catalogue is complete, and the check that says so can fail (issue 20)."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from factdb.catalogues import SCANNED, parse, problems

ROOT = Path(settings.BASE_DIR)

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: claims/models.py
msgid "Verified"
msgstr "Verificada"

#: claims/admin/desk.py
#, fuzzy
msgid "Verdict"
msgstr "Veredictos"

#: claims/admin/desk.py
msgid "A new line"
msgstr ""

#: claims/admin/desk.py
msgid "%(count)d claim"
msgid_plural "%(count)d claims"
msgstr[0] "%(count)d afirmación"
msgstr[1] ""

#~ msgid "Old"
#~ msgstr "Viejo"
"""


def test_a_catalogue_is_read_entry_by_entry():
    entries = parse(PO)
    assert [e.msgid for e in entries] == ["Verified", "Verdict", "A new line", "%(count)d claim"]
    assert entries[0].msgstr == {"": "Verificada"} and "fuzzy" in entries[1].flags
    assert entries[3].msgid_plural == "%(count)d claims"


def test_empty_fuzzy_and_half_translated_plurals_are_problems():
    found = problems(parse(PO))
    assert len(found) == 3
    assert found[0].startswith("fuzzy") and "'Verdict'" in found[0]
    assert "untranslated: 'A new line'" in found[1]
    assert "untranslated: '%(count)d claim'" in found[2]


def test_a_string_gone_from_the_code_is_a_problem_too():
    committed = parse(PO)
    fresh = committed[:1]  # makemessages no longer finds "Verdict" and the rest
    found = problems(fresh, committed[:2])
    assert found == ["no longer in the code: 'Verdict' [claims/admin/desk.py]"]


def test_the_problems_are_listed_in_the_site_language():
    committed = parse(PO)
    with translation.override("es"):
        found = problems(committed[:1], committed[:2])
    assert found == ["ya no está en el código: 'Verdict' [claims/admin/desk.py]"]


def test_every_string_in_the_code_has_its_spanish_translation():
    call_command("check_translations")


@pytest.fixture
def project_copy(tmp_path):
    copy = tmp_path / "project"
    for name in [*SCANNED, "locale"]:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, copy / name)
    return copy


def test_the_check_fails_on_a_new_english_string(project_copy):
    (project_copy / "claims" / "untranslated_example.py").write_text(
        "from django.utils.translation import gettext as _\n\n\n"
        "def shown():\n"
        '    return _("A sentence nobody has translated yet")\n'
    )
    with pytest.raises(CommandError) as refused:
        call_command("check_translations", root=str(project_copy))
    message = str(refused.value)
    assert "untranslated: 'A sentence nobody has translated yet'" in message
    assert "claims/untranslated_example.py" in message
    assert "make messages" in message


def test_the_check_fails_on_a_new_template_string(project_copy):
    template = project_copy / "claims" / "templates" / "admin" / "claims" / "example.html"
    template.write_text('{% load i18n %}<p>{% translate "A heading nobody translated" %}</p>\n')
    with pytest.raises(CommandError, match="A heading nobody translated"):
        call_command("check_translations", root=str(project_copy))


def test_the_check_passes_once_the_new_string_is_translated(project_copy):
    (project_copy / "claims" / "untranslated_example.py").write_text(
        "from django.utils.translation import gettext as _\n\nSHOWN = _('Review queue')\n"
    )
    call_command("check_translations", root=str(project_copy))
