"""What can be tested of production here: deploy checks, and the compose file as written.

No Docker engine runs on these machines, so the compose file is checked by reading it: the web
service must reach the database service it names, with the credentials that service creates.
"""

import fnmatch
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def with_defaults(value: str, **given: str) -> str:
    """Expand compose's ${VAR:-default} to its default, as on a machine without VAR set, and a
    required ${VAR:?message} to the value ``given`` for it (as the operator must set it)."""
    value = re.sub(r"\$\{(\w+):\?[^}]*\}", lambda m: given[m.group(1)], value)
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)


def manage(*args: str, drop=("DJANGO_ALLOW_ASYNC_UNSAFE",), **env: str):
    """manage.py in a fresh process, with ``env`` set and the ``drop`` variables unset (the test
    suite's own DEBUG=1 among them when a test drops it)."""
    environ = {k: v for k, v in os.environ.items() if k not in drop} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_debug_off():
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process; a deployment must not.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "factdb.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_compose_web_reaches_the_db_service_with_its_credentials():
    services = compose()["services"]
    db_env, web_env = services["db"]["environment"], services["web"]["environment"]
    url = urlsplit(with_defaults(web_env["DATABASE_URL"], POSTGRES_PASSWORD="s3cret"))
    assert url.scheme == "postgres"
    assert url.hostname == "db" and url.port == 5432
    assert url.username == db_env["POSTGRES_USER"]
    assert url.path.lstrip("/") == db_env["POSTGRES_DB"]
    assert url.password == with_defaults(db_env["POSTGRES_PASSWORD"], POSTGRES_PASSWORD="s3cret")


def test_compose_has_no_fallback_password_or_key():
    # ${VAR:?…} makes compose refuse to start without VAR; ${VAR:-x} would quietly use x.
    text = (ROOT / "docker-compose.yml").read_text()
    for secret in ("POSTGRES_PASSWORD", "SECRET_KEY"):
        assert f"${{{secret}:-" not in text and f"${{{secret}}}" not in text
        assert f"${{{secret}:?" in text
    services = compose()["services"]
    assert services["web"]["environment"]["DEBUG"] == "0"


def test_compose_web_waits_for_a_healthy_database():
    services = compose()["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_container_migrates_seeds_once_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    command = next(line for line in dockerfile.splitlines() if line.startswith("CMD"))
    assert "migrate --noinput" in command
    assert "seed --if-empty" in command
    assert "gunicorn factdb.wsgi" in command


# ---- safe defaults: production unless development is asked for --------------------------------

SHOW_SETTINGS = "from django.conf import settings as s; print(s.DEBUG, ','.join(s.ALLOWED_HOSTS))"


def test_debug_is_off_unless_the_environment_turns_it_on():
    result = manage("shell", "-v0", "-c", SHOW_SETTINGS, drop=("DEBUG",), SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "127.0.0.1,localhost"]
    development = manage("shell", "-v0", "-c", SHOW_SETTINGS, drop=("SECRET_KEY",), DEBUG="1")
    assert development.stdout.split() == ["True", "*"]


def test_with_no_environment_at_all_factdb_refuses_to_start_without_a_key():
    result = manage("check", drop=("DEBUG", "SECRET_KEY"))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_only_a_secret_key_and_hosts_set():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        drop=("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"),
        SECRET_KEY="a-long-random-production-secret-" + "y" * 40,
        ALLOWED_HOSTS="factdb.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def make_sees(target_env: dict) -> str:
    """The DEBUG a Makefile recipe's commands see, given the caller's environment."""
    environ = {k: v for k, v in os.environ.items() if k != "DEBUG"} | target_env
    result = subprocess.run(
        ["make", "-s", "--eval", "show-debug: ; @echo DEBUG=$$DEBUG", "show-debug"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_make_runs_in_development_unless_told_otherwise():
    assert make_sees({}) == "DEBUG=1"
    assert make_sees({"DEBUG": "0"}) == "DEBUG=0"


def test_the_image_runs_with_debug_off():
    env_lines = [
        line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("ENV ")
    ]
    assert any(re.search(r"\bDEBUG=0\b", line) for line in env_lines)


def dockerignored(path: str) -> bool:
    """Whether .dockerignore keeps ``path`` out of the build context (its patterns here are plain
    names and globs, matched against the path and each of its leading folders)."""
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(
        fnmatch.fnmatchcase(prefix, pattern) or fnmatch.fnmatchcase(part, pattern)
        for pattern in patterns
        for prefix, part in zip(prefixes, parts, strict=True)
    )


@pytest.mark.parametrize(
    "path",
    [
        "db.sqlite3",
        "db.sqlite3-journal",
        "var/demo-passwords.txt",
        "var/renders/abc.pdf",
        "backups/factdb-20260101.dump",
        ".git/HEAD",
        ".venv/bin/python",
        "factdb/__pycache__/settings.cpython-311.pyc",
        ".env",
    ],
)
def test_local_data_and_secrets_stay_out_of_the_image(path):
    assert dockerignored(path)


@pytest.mark.parametrize(
    "path",
    ["pyproject.toml", "README.md", "manage.py", "factdb/settings.py", "fixtures/01_sources.json"],
)
def test_what_the_image_needs_is_still_copied(path):
    assert not dockerignored(path)
