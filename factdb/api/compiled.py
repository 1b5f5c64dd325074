"""Reads compiled to SQL once per shape, then run with each request's values.

Building a queryset and compiling it costs the claim list and detail more CPU than PostgreSQL
spends answering them (bench/RESULTS.md): a five-join, 40-column query with two subqueries is
rebuilt and recompiled for every request, though only a cursor position or an id changes.
`CompiledReads.rows(key, build, values)` builds and compiles the queryset once per `key` (the
shape: which reader, which ordering, which page size…), with stand-in values in place of the
ones that change, and afterwards only puts the request's values into the compiled parameters.
The SQL text is then the same for every request of a shape, so PostgreSQL connections also keep
it as a prepared statement (settings.DATABASE_PREPARED_STATEMENTS).

`key` must name everything the SQL depends on besides `values`. Values that are no model
field's (a filter's bound once put on a unit's scale, a search query, a list of ids) come as
`slots`: (stand-in, value) pairs whose stand-in the caller put where the value goes
(claims/api/compiled_filters.py does so for the filtered list).
"""

import contextlib
import datetime
import decimal
import threading

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction

# Stand-ins for the values of a shape: none of them is a value a real request could carry
# (ids are positive, dates of claims are far from year 1), so wherever one is found in the
# compiled parameters, the request's value goes; one found nowhere refuses the shape.
_STAND_INS = {
    "int": lambda n: -987_654_321 - n,
    "date": lambda n: datetime.date(1, 1, 1) + datetime.timedelta(days=n + 7),
    "datetime": lambda n: (
        datetime.datetime(1, 1, 2, tzinfo=datetime.UTC) + datetime.timedelta(days=n + 7)
    ),
    "decimal": lambda n: decimal.Decimal(-987_654_321 - n) - decimal.Decimal("0.25"),
    "str": lambda n: f"zqstandin{n}x",
}
_FIELD_KINDS = {"DateField": "date", "DateTimeField": "datetime", "DecimalField": "decimal"}
# Quantizing a value to a stand-in's places: wide enough for any figure (24 digits, 10 places).
_WIDE = decimal.Context(prec=60)


def stand_in(kind: str, n: int):
    """The n-th stand-in of `kind` (int, date, datetime, decimal, str)."""
    return _STAND_INS[kind](n)


class ShapeNotCompilable(Exception):
    """A stand-in value was not found exactly once in the compiled parameters."""


# Shapes kept (and refused) at most: a filtered list has many possible shapes (parameters,
# kinds of values, page sizes), and a client could ask for new ones without end; past this, the
# oldest is forgotten (and compiled again if asked again).
MAX_SHAPES = 2000


def remember(shapes: dict, key, shape, lock) -> None:
    """`shapes[key] = shape`, forgetting the oldest shape past MAX_SHAPES."""
    with lock:
        if len(shapes) >= MAX_SHAPES:
            shapes.pop(next(iter(shapes)), None)
        shapes[key] = shape


class CompiledReads:
    def __init__(self):
        self._shapes = {}
        self._refused = {}  # a dict, used as a set kept in order
        self._lock = threading.Lock()

    def refuses(self, key) -> bool:
        """Whether the shape `key` was tried and could not be compiled."""
        return key in self._refused

    def rows(self, key, build, fields, values, slots=()) -> list[dict]:
        """Rows (dicts, as values() gives them) of `build(values)`, a values() queryset.

        `fields` are the model fields `values` are compared with (how each is adapted for the
        database), in the same order. `slots` are (stand-in, value) pairs, in the same order for
        every request of `key`: wherever a compiled parameter equals a stand-in, that value goes
        (a Decimal put to the stand-in's places; a str stand-in marked `Within` may also be part
        of a parameter, as in a LIKE pattern). ShapeNotCompilable when a stand-in is found
        nowhere, then for every later request of `key`: the caller reads through the ORM."""
        shape = self._shapes.get(key)
        if shape is None:
            if key in self._refused:
                raise ShapeNotCompilable(f"{key} was refused")
            try:
                queryset = build([_stand_in(field, n) for n, field in enumerate(fields)])
                shape = _compile(queryset, fields, [s for s, _ in slots])
            except (ShapeNotCompilable, EmptyResultSet) as refusal:
                remember(self._refused, key, True, self._lock)
                raise ShapeNotCompilable(str(refusal)) from None
            remember(self._shapes, key, shape, self._lock)
        sql, params, finish = _bound(shape, fields, values, slots)
        with connections[shape[0]].cursor() as cursor:
            cursor.execute(sql, params)
            return finish(cursor.fetchall())

    def statement(self, key, fields, values, slots=()):
        """(SQL, parameters, finish) of the shape `key` with `values`, for running it inside
        another statement (finish: its result rows -> dicts); None until rows() compiled it."""
        shape = self._shapes.get(key)
        return None if shape is None else _bound(shape, fields, values, slots)


def _bound(shape, fields, values, slots=()):
    using, sql, params, positions, names, compiler, converters = shape
    connection = connections[using]
    compiled, params = params, list(params)
    for position, n in positions:
        if n >= 0:
            params[position] = fields[n].get_db_prep_value(values[n], connection)
        else:
            params[position] = _put(compiled[position], *slots[-1 - n])

    def finish(rows):
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [dict(zip(names, row, strict=True)) for row in rows]

    return sql, params, finish


class Within(str):
    """A str stand-in that may be part of a parameter ("zqstandin3x-%" for a prefix match).
    Only for values LIKE reads as themselves: without %, _ or \\ (the caller checks)."""


def _put(compiled, stand_in_, value):
    """`value` where `compiled` holds `stand_in_`, in the form the compiled parameter has."""
    if isinstance(stand_in_, Within):
        return compiled.replace(stand_in_, value)
    if isinstance(compiled, decimal.Decimal) and isinstance(value, decimal.Decimal):
        return _WIDE.quantize(value, compiled)
    return value


def _stand_in(field, n):
    return _STAND_INS[_FIELD_KINDS.get(field.get_internal_type(), "int")](n)


def _holds(param, stand_in_) -> bool:
    if isinstance(stand_in_, Within):
        return isinstance(param, str) and stand_in_ in param
    return type(param) is type(stand_in_) and param == stand_in_


def _compile(queryset, fields, slot_stand_ins=()):
    using = queryset.db
    connection = connections[using]
    compiler = queryset.query.get_compiler(using=using)
    sql, params = compiler.as_sql()
    positions = []
    for n, field in enumerate(fields):
        wanted = field.get_db_prep_value(_stand_in(field, n), connection)
        found = [i for i, param in enumerate(params) if param == wanted]
        if not found:
            raise ShapeNotCompilable(f"{field.name} is not a parameter of {sql[:200]}")
        positions += [(i, n) for i in found]
    taken = {i for i, _ in positions}
    for m, wanted in enumerate(slot_stand_ins):
        found = [i for i, param in enumerate(params) if i not in taken and _holds(param, wanted)]
        if not found:
            raise ShapeNotCompilable(f"{wanted!r} is not a parameter of {sql[:200]}")
        positions += [(i, -1 - m) for i in found]
        taken.update(found)
    query = queryset.query
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    selected = [column[0] for column in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(selected)
    return using, sql, tuple(params), positions, names, compiler, converters


@contextlib.contextmanager
def planned_each_time(using: str = "default"):
    """Run the queries inside unprepared on PostgreSQL, so each is planned for its own values.

    A prepared statement is planned for its values five times, then PostgreSQL may keep one
    generic plan for any value. For a read whose cost swings with its values (a unit family
    that is 1% or 40% of the claims, a rare or a common search word) the generic plan can be
    a hundred times slower: at a million claims the filtered list took 2 s with it and 9 ms
    planned for its values (bench/RESULTS.md). The shapes above keep their prepared plans:
    an id or a cursor position does not change which plan is best.
    """
    raw = getattr(connections[using], "connection", None)
    if raw is None or not hasattr(raw, "prepare_threshold"):
        yield
        return
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold


@contextlib.contextmanager
def one_snapshot(using: str = "default"):
    """The statements inside read one snapshot of the database, on PostgreSQL: a read-only
    REPEATABLE READ transaction. For a read that takes two statements (a phrase search's probe,
    then its page): a claim written between them is in both or in neither. SQLite reads in
    autocommit, one statement each, and a read inside a transaction already has its own."""
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield
