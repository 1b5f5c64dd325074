"""The filtered claim list, compiled to SQL once per filter shape (factdb/api/compiled.py).

A filtered list spent 10-15 ms of Python per request in django-filter, building the queryset and
compiling its SQL (bench/RESULTS.md), though two requests of one shape differ in their SQL only by
their values. The shape is which parameters are given, the kinds of their values (how many
statuses; on PostgreSQL a phrase that matches few claims or many; on SQLite a search with words
to find, to leave out, or both), the ordering and `per`; the page size, cursor direction and
reader are the paginator's and the view's part of the key. The request is validated exactly as
ClaimFilter validates it (a 400 naming the parameter), then

    shape = filtered_shape(cleaned, params, vendor, using)   # None: read through the ORM
    shape.stand_ins  the cleaned values, a stand-in in place of each (to build the query, once)
    shape.slots      (stand-in, value) pairs: where a stand-in landed, the request's value goes

The values are those the filters put in the SQL: a bound on the unit's scale (figure_bound), the
unit's family, a search query as each database reads it, the ids a phrase matches. Whatever
cannot be put in this way is read through the ORM: conflicts= (its answer is a query of its own)
and strings that LIKE would read as a pattern (with %, _ or \\).
"""

import contextlib
import dataclasses

from django.db import connections
from django_filters.constants import EMPTY_VALUES
from django_filters.utils import translate_validation

from claims.api.filters import FIGURE_PARAMETERS, figure_bound
from claims.api.reading import claim_rows
from claims.figures.units import family_of_query
from claims.models import Claim
from claims.selectors import PROBE, fts5_query, is_phrase_query, phrase_probe
from factdb.api.compiled import (
    ShapeNotCompilable,
    Within,
    one_snapshot,
    planned_each_time,
    stand_in,
)

# Compared as given, in a LIKE pattern on some database: so % _ \ are refused.
STRINGS = ("unit_exact", "tag", "language")
LIKE_SPECIALS = ("%", "_", "\\")
CHOICES = ("hedge", "status")
OBJECTS = ("source", "publisher", "claimant", "measure")
DATES = ("claim_date_after", "claim_date_before")
# In the SQL only through the shape (the key), not as values.
AS_KEY = ("ordering", "per")
NOT_COMPILED = ("conflicts",)
# Stand-ins of the filters are numbered from here; the cursor's fields take 0, 1, 2 …
FIRST_STAND_IN = 100


@dataclasses.dataclass
class Shape:
    key: tuple
    stand_ins: dict
    slots: list
    phrase_ids: object = PROBE  # what ClaimFilter.filter_q passes on when built with stand_ins


def filtered_shape(cleaned: dict, params, vendor: str, using: str) -> Shape | None:
    """The shape of a validated ClaimFilter's `cleaned` data, asked with query `params`."""
    numbers = iter(range(FIRST_STAND_IN, FIRST_STAND_IN + 1000))
    stand_ins, slots, kinds = {}, [], []
    phrase_ids = PROBE
    date_field = Claim._meta.get_field("claim_date")
    for name, value in cleaned.items():
        if value in EMPTY_VALUES:
            stand_ins[name] = value
            continue
        if name in NOT_COMPILED:
            return None
        kind = name
        if name in AS_KEY:
            stand_in_ = value
            kind = (name, tuple(value) if isinstance(value, list) else value)
        elif name in FIGURE_PARAMETERS:
            stand_in_ = stand_in("decimal", next(numbers))  # its slot once the unit's is known
        elif name == "unit":
            stand_in_ = stand_in("str", next(numbers))
            slots.append((family_of_query(stand_in_), family_of_query(value)))
        elif name in STRINGS:
            if any(special in value for special in LIKE_SPECIALS):
                return None
            stand_in_ = Within(stand_in("str", next(numbers)))
            slots.append((stand_in_, value))
        elif name in CHOICES:
            # The filter asks for each distinct choice once, in any order.
            chosen = sorted(set(value))
            stand_in_ = [stand_in("str", next(numbers)) for _ in chosen]
            slots += zip(stand_in_, chosen, strict=True)
            kind = (name, len(chosen))
        elif name in OBJECTS:
            stand_in_ = type(value)(pk=stand_in("int", next(numbers)))
            slots.append((stand_in_.pk, value.pk))
        elif name in DATES:
            stand_in_ = stand_in("date", next(numbers))
            slots.append(
                (_prepared(date_field, stand_in_, using), _prepared(date_field, value, using))
            )
        elif name == "q":
            searched = _search_shape(value, vendor, using, numbers)
            if searched is None:
                return None
            stand_in_, searched_slots, kind, phrase_ids = searched
            slots += searched_slots
        else:
            return None  # a filter this module does not know: the ORM reads it
        stand_ins[name] = stand_in_
        kinds.append(kind)
    for name in FIGURE_PARAMETERS:
        if cleaned.get(name) is not None:
            try:
                slots.append((figure_bound(stand_ins, name), figure_bound(cleaned, name)))
            except (ValueError, ArithmeticError):
                return None  # a stand-in the unit's scale cannot take: the ORM reads it
    key = ("filtered", vendor, tuple(sorted(params)), tuple(kinds))
    return Shape(key, stand_ins, slots, phrase_ids)


def _search_shape(text, vendor, using, numbers):
    """(stand-in query, slots, kind, phrase ids) for the search `text`; None if not compiled."""
    if vendor == "postgresql":
        # websearch_to_tsquery reads the text in the SQL: one value, unless a phrase's few
        # matches are looked up first, and then their ids are the value.
        stand_in_ = stand_in("str", next(numbers))
        if not is_phrase_query(text):
            return stand_in_, [(stand_in_, text)], ("q", "words"), PROBE
        ids = phrase_probe(using, text)
        if ids is None:
            # Quoted, so that the SQL is a phrase's: it asks for the pairs the phrase implies.
            quoted = f'"{stand_in_}"'
            return quoted, [(quoted, text)], ("q", "phrase, many"), None
        ids_stand_in = [stand_in("int", next(numbers))]
        return f'"{stand_in_}"', [(ids_stand_in, ids)], ("q", "phrase, few"), ids_stand_in
    wanted, unwanted = fts5_query(text)
    if wanted is None and not unwanted:
        return None  # nothing to search for: the ORM answers none
    parts, slots = [], []
    if wanted is not None:
        parts.append(stand_in("str", next(numbers)))
        slots.append((fts5_query(parts[-1])[0], wanted))
    if unwanted:
        parts.append(stand_in("str", next(numbers)))
        slots.append((fts5_query(parts[-1])[0], " OR ".join(unwanted)))
        parts[-1] = "-" + parts[-1]
    kind = ("q", wanted is not None, bool(unwanted))
    return " ".join(parts), slots, kind, PROBE


def _prepared(field, value, using):
    return field.get_db_prep_value(value, connections[using])


def filtered_page(view, request, reads) -> list[dict]:
    """The page of claim rows a filtered list shows: validated as the view's filter backends
    validate (the same 400s), then read by the compiled SQL of its shape when it has one, else
    through the ORM. A phrase search's probe and page (conflicts=: its claims and the page)
    read one snapshot; filtered reads are planned for their values (planned_each_time)."""
    params = request.query_params
    two_statements = is_phrase_query(params.get("q", "")) or "conflicts" in params
    snapshot = one_snapshot() if two_statements else contextlib.nullcontext()
    # The connection opens when the token is read, before this.
    with snapshot, planned_each_time():
        filterset = _validated(view, request)
        using = filterset.queryset.db
        shape = filtered_shape(
            filterset.form.cleaned_data, params, connections[using].vendor, using
        )
        if shape is not None:
            key = (shape.key, request.user.is_authenticated)
            try:
                return view.paginator.paginate_compiled(
                    reads, key, lambda: _built(view, filterset, shape), request, shape.slots
                )
            except ShapeNotCompilable:
                pass
        return view.paginate_queryset(claim_rows(filterset.filter_queryset(view.get_queryset())))


def _validated(view, request):
    """The view's ClaimFilter for `request`, validated by the view's filter backends."""
    placeholder = Claim.objects.all()  # the filters' queryset comes when the query is built
    filterset = None
    for backend_class in view.filter_backends:
        backend = backend_class()
        if hasattr(backend, "get_filterset"):
            filterset = backend.get_filterset(request, placeholder, view)
            if not filterset.is_valid():
                raise translate_validation(filterset.errors)
        else:
            backend.filter_queryset(request, placeholder, view)
    return filterset


def _built(view, filterset, shape):
    """The view's rows, filtered with the shape's stand-ins."""
    cleaned, filterset.form.cleaned_data = filterset.form.cleaned_data, shape.stand_ins
    filterset.phrase_ids = shape.phrase_ids
    try:
        return claim_rows(filterset.filter_queryset(view.get_queryset()))
    finally:
        filterset.form.cleaned_data, filterset.phrase_ids = cleaned, PROBE
