"""Settings for benchmarks: factdb's own, plus the bench app (generate_claims, the baseline views).

    DJANGO_SETTINGS_MODULE=bench.settings gunicorn factdb.wsgi
    python manage.py generate_claims 100000 --settings bench.settings

Nothing here is loaded by the product; bench/run.py sets it for the server and the data it makes.
"""

from factdb.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
