"""Commands speak the site's language, FACTDB_LANGUAGE (issue 20): run as an operator runs them,
a refused import_source is explained in Spanish under FACTDB_LANGUAGE=es, in English without;
so are restore's refusals and export_factsheet's --help (each command's own strings are checked
in process: tests/factdb/management/test_command_language.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def manage(tmp_path, *args, **environment) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **environment,
    }
    if "FACTDB_LANGUAGE" not in environment:
        env.pop("FACTDB_LANGUAGE", None)  # the default: settings.LANGUAGE_CODE is "en"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def import_source(tmp_path, **environment):
    missing = tmp_path / "no-such-report.pdf"
    done = manage(tmp_path, "import_source", str(missing), **environment)
    assert done.returncode == 1, done.stderr
    return done.stderr.strip(), missing


def test_a_refused_import_is_explained_in_spanish_under_factdb_language_es(tmp_path):
    message, missing = import_source(tmp_path, FACTDB_LANGUAGE="es")
    assert message == f"CommandError: {missing}: no existe el archivo"


def test_and_in_english_by_default(tmp_path):
    message, missing = import_source(tmp_path)
    assert message == f"CommandError: {missing}: no such file"


def test_restore_refuses_and_export_factsheet_explains_itself_in_spanish(tmp_path):
    missing = tmp_path / "none.dump"
    done = manage(tmp_path, "restore", str(missing), "--yes", FACTDB_LANGUAGE="es")
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == f"CommandError: {missing}: no existe el archivo"
    helped = manage(tmp_path, "export_factsheet", "--help", FACTDB_LANGUAGE="es")
    assert helped.returncode == 0, helped.stderr
    assert "Exporta una hoja de datos" in helped.stdout
    assert "Cómo escribe el español de México los miles redondos" in " ".join(helped.stdout.split())
