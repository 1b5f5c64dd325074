"""bench/run.py's servers run the checkout they are given: a --before server once ran this
checkout's code, because gunicorn puts the directory it starts in ahead of PYTHONPATH."""

import sys
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import run  # noqa: E402  (bench/run.py, a script)

WSGI = """
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [__file__.encode()]
"""


def test_a_server_runs_the_code_of_its_own_root(tmp_path):
    (tmp_path / "factdb").mkdir()
    (tmp_path / "factdb" / "__init__.py").write_text("")
    (tmp_path / "factdb" / "wsgi.py").write_text(WSGI)
    port = run.free_port()
    with run.Server({"PATH": "/usr/bin:/bin"}, port, root=tmp_path):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as answer:
            served_from = answer.read().decode()
    assert served_from == str(tmp_path / "factdb" / "wsgi.py")
