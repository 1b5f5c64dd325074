"""Commands speak the site's language, FACTDB_LANGUAGE (issue 20): run as an operator runs them,
a refused import_source is explained in Spanish under FACTDB_LANGUAGE=es, in English without."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def import_source(tmp_path, **environment):
    missing = tmp_path / "no-such-report.pdf"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **environment,
    }
    if "FACTDB_LANGUAGE" not in environment:
        env.pop("FACTDB_LANGUAGE", None)  # the default: settings.LANGUAGE_CODE is "en"
    done = subprocess.run(
        [sys.executable, "manage.py", "import_source", str(missing)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    return done.stderr.strip(), missing


def test_a_refused_import_is_explained_in_spanish_under_factdb_language_es(tmp_path):
    message, missing = import_source(tmp_path, FACTDB_LANGUAGE="es")
    assert message == f"CommandError: {missing}: no existe el archivo"


def test_and_in_english_by_default(tmp_path):
    message, missing = import_source(tmp_path)
    assert message == f"CommandError: {missing}: no such file"
