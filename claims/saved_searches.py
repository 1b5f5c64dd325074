"""A reader's own saved searches: keep one under a name, replace it, delete it.

Each write is validated (a name, a query the search page can answer) and attributed in the
search's history; nobody writes another reader's searches (the views look them up by owner).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from claims.models import SavedSearch


@transaction.atomic
def saved_search_save(*, owner, name: str, query: str) -> SavedSearch:
    """Keep `query` under `name`; a search of the same name is replaced (its history keeps the
    old query)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the search a name.")})
    search = SavedSearch.objects.select_for_update().filter(owner=owner, name=name).first()
    if search is None:
        search = SavedSearch(owner=owner, name=name)
    search.query = query
    search.full_clean()
    search._history_user = owner
    search.save()
    return search


@transaction.atomic
def saved_search_delete(*, search: SavedSearch, by) -> None:
    search._history_user = by
    search.delete()
