from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = gettext_lazy("Claims")

    def ready(self):
        pre_migrate.connect(set_sqlite_search_index_aside, sender=self)
        post_migrate.connect(restore_sqlite_search_index, sender=self)
        post_migrate.connect(restore_sqlite_change_stamps, sender=self)
        checks.register(org_logo_check)


def org_logo_check(app_configs=None, **kwargs):
    """A logo fact sheets cannot embed is named at start-up, not left out silently."""
    from django.conf import settings

    from claims.factsheets.branding import logo_problem

    problem = logo_problem(settings.FACTDB_ORG_LOGO) if settings.FACTDB_ORG_LOGO else ""
    return [checks.Error(problem, id="factdb.E001")] if problem else []


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


def restore_sqlite_change_stamps(sender, using, **kwargs):
    # A table rebuild by a later migration drops SQLite's triggers (claims/change_stamps.py).
    from django.db import connections

    from claims.change_stamps import ensure

    ensure(connections[using])
