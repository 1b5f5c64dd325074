from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FactdbConfig(AppConfig):
    name = "factdb"
    verbose_name = "factdb"

    def ready(self):
        post_migrate.connect(restore_sqlite_auth_stamp, sender=self)


def restore_sqlite_auth_stamp(sender, using, **kwargs):
    # A table rebuild by a later migration drops SQLite's triggers (factdb/auth_stamp.py).
    from django.db import connections

    from factdb.auth_stamp import ensure

    ensure(connections[using])
