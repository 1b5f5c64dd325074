"""Every command speaks the site's language (issue 20): under Spanish, its --help (the
command's description and each argument's), its refusals (CommandError) and its progress lines
are Spanish. In process under translation.override("es"), which is what FACTDB_LANGUAGE=es makes
the default; tests/claims/management/test_command_language.py runs some as an operator does,
under FACTDB_LANGUAGE=es."""

import io

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.db import connection
from django.utils import translation

from claims.models import Claim
from tests import factories

# command: (its app, words of its description in Spanish, words of one argument's help)
HELP = {
    "backup": ("factdb", "Respalda la base de datos", "Archivo que se escribe"),
    "restore": ("factdb", "Reemplaza el contenido de la base de datos", "Confirma que se"),
    "export_factsheet": ("claims", "Exporta una hoja de datos", "Cómo escribe el español"),
    "poll_feeds": ("sources", "Pone en cola una importación", "Solo este medio"),
    "create_demo_users": ("factdb", "Crea las cuentas de demostración", "HOST:PUERTO"),
    "revoke_tokens": ("factdb", "Revoca los tokens de la API", "De quién se revocan"),
    "check_translations": ("factdb", "Falla si makemessages", "El catálogo que se revisa"),
    "seed": ("factdb", "Carga fixtures/*.json", "No hace nada si la base"),
    "extract_claims": ("claims", "Propone cada afirmación cuantitativa", "El id de la fuente"),
    "propose_lineages": ("claims", "Propone las afirmaciones que aún", "quien propone"),
    "withdraw_source": ("claims", "Retira una fuente", "Por qué se retira (obligatorio)"),
    "import_source": ("claims", "Importa una URL", "Reemplaza el título del documento"),
}


def help_text(name: str) -> str:
    app = HELP[name][0]
    command = load_command_class(app, name)
    return " ".join(command.create_parser("manage.py", name).format_help().split())


@pytest.mark.parametrize("name", sorted(HELP))
def test_help_is_in_spanish(name):
    _app, description, argument = HELP[name]
    with translation.override("es"):
        text = help_text(name)
    assert description in text
    assert argument in text


def test_and_in_english_by_default():
    assert "Back up the database" in help_text("backup")
    assert "File to write" in help_text("backup")


def refusal(*args, **options) -> str:
    with translation.override("es"), pytest.raises(CommandError) as refused:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO(), **options)
    return str(refused.value)


def output(*args, **options) -> str:
    out = io.StringIO()
    with translation.override("es"):
        call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


@pytest.mark.django_db
def test_restore_refuses_in_spanish(tmp_path):
    missing = tmp_path / "none.sqlite3"
    assert refusal("restore", str(missing), "--yes") == f"{missing}: no existe el archivo"
    empty = tmp_path / "empty.dump"
    empty.write_bytes(b"")
    assert refusal("restore", str(empty)) == (
        "Restaurar reemplaza cada registro de la base de datos: agrega --yes"
    )
    assert refusal("restore", str(empty), "--yes") == (
        f"{empty}: el archivo está vacío, no es un respaldo; no se cambió nada"
    )
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert refusal("restore", str(other), "--yes").startswith(
        f"{other}: no es un respaldo de factdb (ni una base de datos SQLite"
    )


@pytest.mark.django_db(transaction=True)
def test_backup_reports_in_spanish(tmp_path):
    target = tmp_path / "factdb.backup"
    assert output("backup", "--output", str(target)).strip() == (
        f"Se respaldó la base de datos {connection.vendor} en {target}"
    )


@pytest.mark.django_db
def test_the_desk_commands_refuse_and_report_in_spanish(editor):
    assert refusal("revoke_tokens", "nadie") == "No existe el usuario: nadie. No se revocó nada."
    assert refusal("extract_claims", "999999") == "No hay una fuente con id 999999"
    assert refusal("withdraw_source", "999999", "--reason", "x") == (
        "No hay una fuente con id 999999"
    )
    assert refusal("poll_feeds", "--publisher", "Nadie") == (
        "--publisher: no hay un medio 'Nadie' con feed"
    )
    assert output("propose_lineages").strip() == "Se propusieron 0 apariciones en linajes."


@pytest.mark.django_db
def test_withdrawing_twice_is_refused_in_spanish(editor):
    claim = factories.claim()
    call_command("withdraw_source", str(claim.source_id), "--reason", "Retractada por el medio")
    assert Claim.objects.filter(source=claim.source).exists()
    assert refusal("withdraw_source", str(claim.source_id), "--reason", "otra vez") == (
        "Esta fuente ya se había retirado."
    )


def test_create_demo_users_refuses_in_spanish_when_debug_is_off(settings):
    settings.DEBUG = False
    assert refusal("create_demo_users") == (
        "Las cuentas de demostración son solo para uso local; DEBUG está desactivado."
    )
