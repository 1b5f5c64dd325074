"""`make run` prints the address it serves on, whatever PORT and HOST say."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def project_in(settings, tmp_path):
    # The passwords file goes under BASE_DIR/var: a throwaway one here.
    settings.BASE_DIR = tmp_path
    settings.DEBUG = True
    return tmp_path


@pytest.mark.parametrize(
    ("address", "admin"),
    [
        (None, "http://127.0.0.1:8000/admin/"),
        ("127.0.0.1:8123", "http://127.0.0.1:8123/admin/"),
        ("0.0.0.0:9000", "http://0.0.0.0:9000/admin/"),
    ],
)
def test_the_links_printed_are_on_the_address_given(db, project_in, address, admin):
    out = io.StringIO()
    args = ["--address", address] if address else []
    call_command("create_demo_users", *args, stdout=out)
    assert f"Admin: {admin}" in out.getvalue()
    assert (project_in / "var" / "demo-passwords.txt").exists()


@pytest.mark.parametrize(
    ("variables", "address"),
    [
        ([], "127.0.0.1:8000"),
        (["PORT=8123"], "127.0.0.1:8123"),
        (["HOST=0.0.0.0", "PORT=81"], "0.0.0.0:81"),
    ],
)
def test_make_run_passes_its_host_and_port_to_what_it_prints(variables, address):
    planned = subprocess.run(
        ["make", "-n", "run", *variables], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert f"create_demo_users --address {address}" in planned
    assert f"runserver {address}" in planned
