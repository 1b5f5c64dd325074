"""What can be tested of production here: deploy checks, and the compose file as written.

No Docker engine runs on these machines, so the compose file is checked by reading it: the web
service must reach the database service it names, with the credentials that service creates.
"""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def with_defaults(value: str) -> str:
    """Expand compose's ${VAR:-default} to its default, as on a machine without VAR set."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)


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
    url = urlsplit(with_defaults(web_env["DATABASE_URL"]))
    assert url.scheme == "postgres"
    assert url.hostname == "db" and url.port == 5432
    assert url.username == db_env["POSTGRES_USER"]
    assert url.path.lstrip("/") == db_env["POSTGRES_DB"]
    assert url.password == with_defaults(db_env["POSTGRES_PASSWORD"])


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
