"""Settings for the benchmark's gunicorn only: factdb's own, plus the baseline views.

    DJANGO_SETTINGS_MODULE=bench.settings gunicorn factdb.wsgi

Nothing here is loaded by the product; bench/run.py sets it for the server it starts.
"""

from factdb.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
