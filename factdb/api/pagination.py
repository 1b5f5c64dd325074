"""Keyset cursor pages: fast and exact however deep."""

import datetime
import json
import re
import threading
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.pagination import Cursor, CursorPagination, _reverse_ordering

from factdb.api.compiled import ShapeNotCompilable, remember


class KeysetPagination(CursorPagination):
    """Cursor pages that stay fast and exact however deep: the cursor holds the last row's value
    of every ordering field, and the ordering always ends in the primary key, so rows that tie
    on the first field are neither skipped nor repeated.

    The ordering is the one the queryset already has (a filter's `ordering`, or the view's
    `order_by`). `page_size` is 1 to 500; anything else is a 400, not silently changed.
    """

    page_size = 50
    max_page_size = 500
    page_size_query_param = "page_size"
    ordering = ("-pk",)
    invalid_cursor_message = gettext_lazy(
        "Invalid cursor: follow the next/previous links as given."
    )

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not re.fullmatch(r"[0-9]{1,4}", raw) or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    "page_size": [
                        _("Must be a whole number from 1 to %(most)s.")
                        % {"most": self.max_page_size}
                    ]
                }
            )
        return int(raw)

    def get_ordering(self, request, queryset, view):
        ordering = list(queryset.query.order_by) or list(self.ordering)
        pk_name = queryset.model._meta.pk.name
        ordering = [f"-{pk_name}" if o == "-pk" else pk_name if o == "pk" else o for o in ordering]
        assert all(isinstance(o, str) and "__" not in o for o in ordering), ordering
        if not {pk_name, f"-{pk_name}"} & set(ordering):
            ordering.append(f"-{pk_name}" if ordering[0].startswith("-") else pk_name)
        return tuple(ordering)

    def paginate_queryset(self, queryset, request, view=None):
        self._begin(request)
        self.ordering = self.get_ordering(request, queryset, view)
        order = self._order()
        queryset = queryset.order_by(*order)
        if self.cursor:
            values = self._decode_position(self.cursor.position, queryset.model)
            queryset = queryset.filter(_after(order, values))
        return self._finish(list(queryset[: self.page_size + 1]))

    def paginate_compiled(self, reads, key, build, request, slots=()):
        """paginate_queryset for a read whose SQL depends on nothing but `key` (and the page
        size and cursor direction) besides `slots`: `build()` makes its queryset, which is
        compiled once (factdb/api/compiled.py) and afterwards run with each cursor's values and
        the slots' values. ShapeNotCompilable if it cannot be compiled."""
        self._begin(request)
        key = (key, self.page_size, self.cursor.reverse if self.cursor else None)
        known = self._shapes.get(key)
        if known is None:
            if reads.refuses(key):
                raise ShapeNotCompilable(f"{key} was refused")
            queryset = build()
            known = (self.get_ordering(request, queryset, None), queryset.model, queryset)
        self.ordering, model, queryset = known
        order = self._order()
        fields = [model._meta.get_field(o.lstrip("-")) for o in order] if self.cursor else []
        values = self._decode_position(self.cursor.position, model) if self.cursor else []

        def shaped(values):
            # Built again when the reads forgot the shape (MAX_SHAPES) that the paginator kept.
            shaped = (queryset if queryset is not None else build()).order_by(*order)
            if values:
                shaped = shaped.filter(_after(order, values))
            return shaped[: self.page_size + 1]

        rows = reads.rows(key, shaped, fields, values, slots)
        # Kept once compiled: later requests of the shape build no queryset at all.
        if key not in self._shapes:
            remember(self._shapes, key, (self.ordering, model, None), self._lock)
        return self._finish(rows)

    _shapes: dict = {}
    _lock = threading.Lock()

    def _begin(self, request):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.cursor = self.decode_cursor(request)

    def _order(self):
        reverse = bool(self.cursor and self.cursor.reverse)
        return _reverse_ordering(self.ordering) if reverse else self.ordering

    def _finish(self, rows):
        reverse = bool(self.cursor and self.cursor.reverse)
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if reverse:
            self.page.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, self.cursor is not None
        if (self.has_previous or self.has_next) and self.template is not None:
            self.display_page_controls = True
        return self.page

    def get_next_link(self):
        if not (self.has_next and self.page):
            return None
        position = self._encode_position(self.page[-1])
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=position))

    def get_previous_link(self):
        if not (self.has_previous and self.page):
            return None
        position = self._encode_position(self.page[0])
        return self.encode_cursor(Cursor(offset=0, reverse=True, position=position))

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if link := self.link_header():
            response["Link"] = link
        return response

    def link_header(self) -> str:
        """The page's next and previous links as a Link header ("" when it has neither)."""
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        return ", ".join(links)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise self._bad_cursor() from None

    def _encode_position(self, instance) -> str:
        # A page is model instances, or dicts where a view reads plain values.
        read = instance.__getitem__ if isinstance(instance, dict) else instance.__getattribute__
        values = [_cursor_value(read(o.lstrip("-"))) for o in self.ordering]
        return json.dumps({"o": list(self.ordering), "v": values}, separators=(",", ":"))

    def _decode_position(self, position, model) -> list:
        try:
            data = json.loads(position or "")
            if data["o"] != list(self.ordering):
                raise ValueError("the cursor belongs to another ordering")
            fields = [model._meta.get_field(o.lstrip("-")) for o in self.ordering]
            values = [field.to_python(v) for field, v in zip(fields, data["v"], strict=True)]
            # The orderings offered are over columns that are never null: a null is forged (and
            # "a > NULL" is no query the database can run).
            if None in values:
                raise ValueError("a cursor value is null")
            return values
        except (ValueError, KeyError, TypeError, DjangoValidationError):
            raise self._bad_cursor() from None

    def _bad_cursor(self):
        return exceptions.ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})


def _cursor_value(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _after(order, values) -> Q:
    """Rows strictly after `values` in `order`, as (a > x) OR (a = x AND b > y) …

    The redundant bound on the first field (a >= x) lets the database start an index scan at
    the cursor instead of filtering every earlier row.
    """
    condition, equal = Q(), Q()
    for field, value in zip(order, values, strict=True):
        name, descending = field.lstrip("-"), field.startswith("-")
        condition |= equal & Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
        equal &= Q(**{name: value})
    first = order[0]
    bound = Q(**{f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": values[0]})
    return bound & condition
