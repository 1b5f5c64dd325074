"""Paginators for admin changelists over tables too large to count on every page view.

Django's admin counts the queryset on every changelist page; on a million claims that
COUNT(*) reads the whole table (or a whole index) each time, and it is the one query on the page
that grows with the data. The number only decides how many page links to draw.
"""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


class EstimatedCountPaginator(Paginator):
    """Exact counts where they are cheap, the planner's estimates where they are not.

    - SQLite (the embedded, small-scale default): always an exact count.
    - PostgreSQL, unfiltered: pg_class.reltuples, the row count ANALYZE and autovacuum keep,
      read in a millisecond whatever the size; an exact count while that is below
      `estimate_above` rows (or unknown, before the first ANALYZE).
    - PostgreSQL, filtered: an exact count of at most `exact_count_limit` + 1 rows (the LIMIT
      stops the scan early); beyond that, the planner's estimate for the filter.

    An estimate can be off by a few percent, so the last page link may land a little short of
    the real end (or past it, where Django's admin answers with its "?e=1" page); editors reach
    every row by filtering and ordering, which is how a million rows are worked anyway.
    """

    estimate_above = 10_000
    exact_count_limit = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or connections[queryset.db].vendor != "postgresql":
            return super().count
        if query.is_sliced or query.distinct or query.combinator:
            return super().count
        if not query.where:
            estimate = self._reltuples(queryset)
            return estimate if estimate >= self.estimate_above else super().count
        counted = queryset.order_by()[: self.exact_count_limit + 1].count()
        if counted <= self.exact_count_limit:
            return counted
        return max(counted, self._planner_rows(queryset))

    def _reltuples(self, queryset) -> int:
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        return row[0] if row else -1

    def _planner_rows(self, queryset) -> int:
        plan = json.loads(queryset.order_by().explain(format="json"))
        return int(plan[0]["Plan"]["Plan Rows"])
