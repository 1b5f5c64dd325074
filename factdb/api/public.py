"""Which rows an anonymous reader may see (FACTDB_PUBLIC_READ): the claims app's rule, named by
settings (FACTDB_PUBLIC_ROWS) so this plumbing imports no app.

Its own module, importing nothing of DRF's: the filter backend that uses it is loaded while DRF
loads its generic views.
"""

import functools

from django.conf import settings
from django.utils.module_loading import import_string


@functools.cache
def public_rows():
    """`rows(queryset, user, claim_path)`: the rows of `queryset` `user` may read."""
    return import_string(settings.FACTDB_PUBLIC_ROWS)
