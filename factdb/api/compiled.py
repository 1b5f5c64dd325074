"""Reads compiled to SQL once per shape, then run with each request's values.

Building a queryset and compiling it costs the claim list and detail more CPU than PostgreSQL
spends answering them (bench/RESULTS.md): a five-join, 40-column query with two subqueries is
rebuilt and recompiled for every request, though only a cursor position or an id changes.
`CompiledReads.rows(key, build, values)` builds and compiles the queryset once per `key` (the
shape: which reader, which ordering, which page size…), with stand-in values in place of the
ones that change, and afterwards only puts the request's values into the compiled parameters.
The SQL text is then the same for every request of a shape, so PostgreSQL connections also keep
it as a prepared statement (settings.DATABASE_PREPARED_STATEMENTS).

`key` must name everything the SQL depends on besides `values`; a read whose shape is not known
in advance (a filtered list) goes through the ORM as usual.
"""

import contextlib
import datetime
import threading

from django.db import connections

# Stand-ins for the values of a shape: none of them is a value a real request could carry
# (ids are positive, dates of claims are far from year 1), so wherever one is found in the
# compiled parameters, the request's value goes; one found nowhere refuses the shape.
_STAND_INS = {
    "int": lambda n: -987_654_321 - n,
    "date": lambda n: datetime.date(1, 1, 1) + datetime.timedelta(days=n + 7),
}


class ShapeNotCompilable(Exception):
    """A stand-in value was not found exactly once in the compiled parameters."""


class CompiledReads:
    def __init__(self):
        self._shapes = {}
        self._lock = threading.Lock()

    def rows(self, key, build, fields, values) -> list[dict]:
        """Rows (dicts, as values() gives them) of `build(values)`, a values() queryset.

        `fields` are the model fields `values` are compared with (how each is adapted for the
        database), in the same order."""
        shape = self._shapes.get(key)
        if shape is None:
            queryset = build([_stand_in(field, n) for n, field in enumerate(fields)])
            shape = _compile(queryset, fields)
            with self._lock:
                self._shapes[key] = shape
        sql, params, finish = _bound(shape, fields, values)
        with connections[shape[0]].cursor() as cursor:
            cursor.execute(sql, params)
            return finish(cursor.fetchall())

    def statement(self, key, fields, values):
        """(SQL, parameters, finish) of the shape `key` with `values`, for running it inside
        another statement (finish: its result rows -> dicts); None until rows() compiled it."""
        shape = self._shapes.get(key)
        return None if shape is None else _bound(shape, fields, values)


def _bound(shape, fields, values):
    using, sql, params, positions, names, compiler, converters = shape
    connection = connections[using]
    params = list(params)
    for position, n in positions:
        params[position] = fields[n].get_db_prep_value(values[n], connection)

    def finish(rows):
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [dict(zip(names, row, strict=True)) for row in rows]

    return sql, params, finish


def _stand_in(field, n):
    kind = "date" if field.get_internal_type() == "DateField" else "int"
    return _STAND_INS[kind](n)


def _compile(queryset, fields):
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
