"""Querysets built and compiled once, then run many times with new values.

The yearly counts of the annual report are a dozen small ``GROUP BY`` queries whose shape never
changes: only the bodies and the year's dates do. Building and compiling each with the ORM costs
more than the database takes to answer it (about a millisecond each), so a report of one body
spent most of its time in Python. A :class:`PreparedQuery` builds its queryset once per database
with :class:`Slot` placeholders where the values go, keeps the SQL, and binds the values on each
run. The queryset is still written with the ORM, from the same rule functions the drill-down uses,
so each counting rule keeps its one definition.

    counts = PreparedQuery(lambda: Thing.objects.filter(
        Among("agency_id", Slot.ids("agencies")), made_on__gte=Slot.date("first"),
    ).values_list("agency_id").annotate(n=Count("id")))
    counts.rows(agencies=[3, 4], first=date(2025, 1, 1))

Only the SQL text is kept — never rows — so results always come from the database as it is.
``shape``: a key naming what else the SQL depends on (a setting, a configuration table's
mapping); each shape is compiled once.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connections
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Count,
    DateField,
    Expression,
    F,
    Field,
    Q,
)
from django.db.models import IntegerField as _IntegerField
from django.db.models.query import QuerySet

#: Set on the compiler of a PreparedQuery: only there has a Slot a value to take.
_PREPARING = "_gongkai_preparing"


@dataclass(frozen=True)
class _Bound:
    """Where a slot's value goes in a compiled query's parameters."""

    name: str
    output_field: Field[Any, Any]
    many: bool = False

    def value(self, values: dict[str, Any], connection: Any) -> Any:
        if self.name not in values:
            raise KeyError(f"prepared query: no value given for slot {self.name!r}")
        value = values[self.name]
        if self.many:
            return _ids_param(value, connection)
        return self.output_field.get_db_prep_value(value, connection, prepared=False)


def _ids_param(ids: Iterable[int], connection: Any) -> Any:
    """A list of ids as one parameter: an array on PostgreSQL, a JSON list on SQLite."""
    values = [int(v) for v in ids]
    return values if connection.vendor == "postgresql" else json.dumps(values)


class Slot(Expression):
    """A named value of a prepared query, bound when it runs (``Slot.date("first")``); only in
    the query itself, not in a subquery of it (which Django compiles on its own)."""

    def __init__(self, name: str, output_field: Field[Any, Any]) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    @classmethod
    def date(cls, name: str) -> Slot:
        return cls(name, DateField())

    @classmethod
    def integer(cls, name: str) -> Slot:
        return cls(name, _IntegerField())

    @classmethod
    def ids(cls, name: str) -> Slot:
        """A list of primary keys, only for :class:`Among`."""
        return cls(name, BigIntegerField())

    def bound(self, compiler: Any, *, many: bool = False) -> _Bound:
        """Where this slot's value goes; refused outside a PreparedQuery, where it has none."""
        if not getattr(compiler, _PREPARING, False):
            raise TypeError(f"Slot {self.name!r} has a value only in a PreparedQuery")
        return _Bound(self.name, self.output_field, many=many)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [self.bound(compiler)]


class Among(Expression):
    """``column IN ids`` with the ids as ONE parameter, however many there are: an array on
    PostgreSQL (``= ANY``), a JSON list on SQLite (``json_each``). So the SQL is the same for one
    body and for two thousand, binding costs one parameter, and no query grows with the list.
    ``ids``: a list of primary keys, or a :meth:`Slot.ids` of a prepared query. On a nullable
    column, ``exclude(Among(...))`` keeps the rows where it is NULL, as ``exclude(col__in=…)``
    does (the condition is ``col IN ids AND col IS NOT NULL``)."""

    conditional = True

    def __init__(self, column: str | Expression, ids: Slot | Iterable[int]) -> None:
        super().__init__(output_field=BooleanField())
        self.column = F(column) if isinstance(column, str) else column
        self.ids = ids if isinstance(ids, Slot) else tuple(int(i) for i in ids)

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Any) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        column_sql, column_params = compiler.compile(self.column)
        ids = (
            self.ids.bound(compiler, many=True)
            if isinstance(self.ids, Slot)
            else _ids_param(self.ids, connection)
        )
        if connection.vendor == "postgresql":
            sql = f"{column_sql} = ANY(%s::bigint[])"
        else:
            sql = f"{column_sql} IN (SELECT value FROM json_each(%s))"  # noqa: S608 (compiled column)
        # A column's model field is its ``target`` (a foreign key's output field is the key it
        # points to, never null).
        field = getattr(self.column, "target", None) or getattr(self.column, "output_field", None)
        if getattr(field, "null", False):
            # NOT (NULL IN ids) is NULL, which would drop the row from an exclude().
            return f"({sql} AND {column_sql} IS NOT NULL)", [*column_params, ids, *column_params]
        return sql, [*column_params, ids]


def in_year(field: str) -> Q:
    """``field`` within the year a prepared query is run for: between its ``first`` and
    ``last`` slots, both included (their values: :func:`year_days`)."""
    return Q(**{f"{field}__gte": Slot.date("first"), f"{field}__lte": Slot.date("last")})


def year_days(year: int) -> dict[str, date]:
    """The values of the ``first`` and ``last`` slots for ``year``: 1 January, 31 December."""
    return {"first": date(year, 1, 1), "last": date(year, 12, 31)}


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    converters: dict[int, tuple[list[Any], Any]]


class PreparedQuery:
    """A ``values_list`` queryset compiled once per database and shape, run with new values."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *, using: str = "default") -> None:
        self._build = build
        self._using = using
        self._compiled: dict[tuple[str, Hashable], _Compiled] = {}
        self._lock = threading.Lock()

    def _compile(self, shape: tuple[Hashable, ...]) -> _Compiled:
        queryset = self._build(*shape)
        compiler = queryset.query.get_compiler(using=self._using)
        setattr(compiler, _PREPARING, True)
        sql, params = compiler.as_sql()
        if len(compiler.select) != compiler.col_count:
            raise TypeError("a PreparedQuery selects only its values_list columns")
        fields = [s[0] for s in compiler.select]
        converters = compiler.get_converters(fields)
        for position, (_, expression) in list(converters.items()):
            # COUNT comes back from every driver as an int: the int() the ORM would call on
            # each of thousands of counts is dropped (a SUM keeps it: PostgreSQL gives numeric).
            if (
                isinstance(expression, Count)
                and not compiler.connection.ops.get_db_converters(expression)
                and not hasattr(expression.output_field, "from_db_value")
            ):
                del converters[position]
        return _Compiled(sql, tuple(params), converters)

    def rows(self, shape: tuple[Hashable, ...] = (), /, **values: Any) -> list[tuple[Any, ...]]:
        """The rows for ``values`` (one per slot); ``shape`` is passed to the builder."""
        connection = connections[self._using]
        key = (connection.vendor, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(shape)
                self._compiled[key] = compiled
        params = [
            p.value(values, connection) if isinstance(p, _Bound) else p for p in compiled.params
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows: list[tuple[Any, ...]] = cursor.fetchall()
        if not compiled.converters:
            return rows
        # The converters are the backend's of the connection that compiled the query; they
        # depend on its vendor and settings (time zone), the same for every connection to it.
        out = []
        for row in rows:
            line = list(row)
            for position, (converters, expression) in compiled.converters.items():
                value = line[position]
                for convert in converters:
                    value = convert(value, expression, connection)
                line[position] = value
            out.append(tuple(line))
        return out
