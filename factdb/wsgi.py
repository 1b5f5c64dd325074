"""WSGI entry point for gunicorn: `gunicorn factdb.wsgi`.

Django's handler, with an unchanged poll answered in front of it (factdb/api/unchanged_polls.py).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")

application = get_wsgi_application()

from factdb.api.unchanged_polls import UnchangedPolls  # noqa: E402 - needs the settings set up

application = UnchangedPolls(application)
