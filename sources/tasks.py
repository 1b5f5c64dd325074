"""Background tasks (Django's Tasks API, django-tasks backport): what runs on a db_worker."""

from django_tasks import task


@task()
def run_source_import(job_id: int) -> str:
    """Fetch or read, store and propose for one SourceImport; returns its final state."""
    from sources.services import source_import_run

    return source_import_run(job_id=job_id).state
