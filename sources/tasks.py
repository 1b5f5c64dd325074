"""Background tasks (Django's Tasks API, django-tasks backport): what runs on a db_worker.

The task is defined beside the service it runs (sources.services), which also queues it.
"""

from sources.services import run_source_import

__all__ = ["run_source_import"]
