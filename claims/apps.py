from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        post_migrate.connect(restore_sqlite_search_index, sender=self)


def restore_sqlite_search_index(sender, using, **kwargs):
    # A table rebuild by a later migration drops SQLite's triggers (claims/fulltext.py).
    from django.db import connections

    from claims.fulltext import ensure_sqlite_index

    ensure_sqlite_index(connections[using])
