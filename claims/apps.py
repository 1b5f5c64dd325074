from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = gettext_lazy("Claims")

    def ready(self):
        pre_migrate.connect(set_sqlite_search_index_aside, sender=self)
        post_migrate.connect(restore_sqlite_search_index, sender=self)


def set_sqlite_search_index_aside(sender, using, plan=None, **kwargs):
    # SQLite rebuilds a table to alter it, and refuses to rename the rebuilt table while a trigger
    # names it (the FTS5 triggers name sources_source, sources_publisher…): no trigger while
    # migrations run; post_migrate puts them back and refills the index.
    from django.db import connections

    from claims.fulltext import drop_sqlite_triggers

    if plan:
        drop_sqlite_triggers(connections[using])


def restore_sqlite_search_index(sender, using, **kwargs):
    # A table rebuild by a later migration drops SQLite's triggers (claims/fulltext.py).
    from django.db import connections

    from claims.fulltext import ensure_sqlite_index

    ensure_sqlite_index(connections[using])
