"""Loaded by pytest before Django (``-p tests.development`` in pyproject.toml): the suite runs in
development settings.

DEBUG is off unless the environment turns it on (factdb/settings.py), and the settings are read
before any conftest.py is imported, so this plugin is where the suite asks for DEBUG=1 — as
`make test` does too. An explicit DEBUG in the environment still wins.
"""

import os

os.environ.setdefault("DEBUG", "1")
