"""Prepared queries: compiled once, run with new values, never keeping rows (both databases)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, DecimalField, Sum
from django.test.utils import CaptureQueriesContext

from gongkai.core.prepared import Among, PreparedQuery, Slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> list[User]:
    return [
        User.objects.create(username=f"p{n}", is_staff=n % 2 == 0, first_name=f"{n % 3}")
        for n in range(6)
    ]


def test_among_is_an_in_list_bound_as_one_parameter(people: list[User]) -> None:
    wanted = [people[1].pk, people[4].pk, 10**9]
    found = set(User.objects.filter(Among("id", wanted)).values_list("username", flat=True))
    assert found == {"p1", "p4"}
    assert not User.objects.filter(Among("id", [])).exists()
    assert User.objects.exclude(Among("id", wanted)).count() == 4

    def compiled(ids: list[int]) -> tuple[str, tuple[Any, ...]]:
        return User.objects.filter(Among("id", ids)).query.get_compiler("default").as_sql()

    # One parameter for the whole list: the SQL does not grow with it.
    two, fifty = compiled([1, 2]), compiled(list(range(1, 51)))
    assert len(two[1]) == len(fifty[1]) == 1
    assert two[0] == fifty[0]


def test_excluding_ids_keeps_the_rows_whose_column_is_null(people: list[User]) -> None:
    """As ``exclude(col__in=ids)`` does: NOT (NULL IN ids) must not drop the row."""
    kind = ContentType.objects.get_for_model(User)
    for n, content_type in enumerate((kind, None, None)):
        LogEntry.objects.create(
            user=people[0], content_type=content_type, action_flag=1, object_repr=f"r{n}"
        )
    kept = LogEntry.objects.exclude(Among("content_type_id", [kind.pk]))
    assert sorted(kept.values_list("object_repr", flat=True)) == ["r1", "r2"]
    assert sorted(
        LogEntry.objects.exclude(content_type_id__in=[kind.pk]).values_list(
            "object_repr", flat=True
        )
    ) == ["r1", "r2"]
    taken = LogEntry.objects.filter(Among("content_type_id", [kind.pk]))
    assert list(taken.values_list("object_repr", flat=True)) == ["r0"]


def test_a_slot_outside_a_prepared_query_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="first"):
        list(User.objects.filter(date_joined__date__gte=Slot.date("first")))
    with pytest.raises(TypeError, match="ids"):
        list(User.objects.filter(Among("id", Slot.ids("ids"))))


def _by_staff() -> Any:
    return (
        User.objects.filter(
            Among("id", Slot.ids("ids")),
            first_name__gte=Slot("least", User._meta.get_field("first_name")),
        )
        .order_by()
        .values("is_staff")
        .annotate(n=Count("id"))
        .values_list("is_staff", "n")
        .order_by("is_staff")
    )


def test_a_prepared_query_runs_with_the_values_of_each_call(people: list[User]) -> None:
    query = PreparedQuery(_by_staff)
    everyone = [p.pk for p in people]
    assert query.rows(ids=everyone, least="0") == [(False, 3), (True, 3)]
    assert query.rows(ids=everyone[:2], least="0") == [(False, 1), (True, 1)]
    assert query.rows(ids=everyone, least="2") == [(False, 1), (True, 1)]
    assert query.rows(ids=[], least="0") == []


def test_values_come_back_as_the_fields_python_types(people: list[User]) -> None:
    """SQLite answers booleans as 0/1: the fields' converters still apply."""
    rows = PreparedQuery(_by_staff).rows(ids=[people[0].pk], least="0")
    assert rows == [(True, 1)]
    assert type(rows[0][0]) is bool


def test_counts_come_back_as_int_and_other_columns_are_converted(people: list[User]) -> None:
    """The int() of a COUNT is skipped (every driver gives an int); any other converted
    column still is (here a SUM declared decimal comes back as Decimal on both databases)."""
    query = PreparedQuery(
        lambda: (
            User.objects.filter(Among("id", Slot.ids("ids")))
            .order_by()
            .values("is_staff")
            .annotate(n=Count("id"), total=Sum("id", output_field=DecimalField()))
            .values_list("n", "total")
            .order_by("is_staff")
        )
    )
    ids = [p.pk for p in people]
    rows = query.rows(ids=ids)
    assert rows == [
        (3, sum(p.pk for p in people if not p.is_staff)),
        (3, sum(p.pk for p in people if p.is_staff)),
    ]
    assert {type(n) for n, _ in rows} == {int}
    assert {type(total) for _, total in rows} == {Decimal}


def test_rows_are_never_kept_only_the_sql(people: list[User]) -> None:
    query = PreparedQuery(_by_staff)
    ids = [p.pk for p in people]
    assert query.rows(ids=ids, least="0") == [(False, 3), (True, 3)]
    User.objects.filter(pk=people[1].pk).update(is_staff=True)
    with CaptureQueriesContext(connection) as queries:
        assert query.rows(ids=ids, least="0") == [(False, 2), (True, 4)]
    assert len(queries.captured_queries) == 1


def test_the_queryset_is_built_once_per_shape(people: list[User]) -> None:
    built: list[tuple[Any, ...]] = []

    def build(staff: bool) -> Any:
        built.append((staff,))
        return (
            User.objects.filter(Among("id", Slot.ids("ids")), is_staff=staff)
            .values_list("username")
            .order_by("username")
        )

    query = PreparedQuery(build)
    ids = [p.pk for p in people]
    for _ in range(3):
        assert query.rows((True,), ids=ids) == [("p0",), ("p2",), ("p4",)]
        assert query.rows((False,), ids=ids[:2]) == [("p1",)]
    assert built == [(True,), (False,)]


def test_a_missing_value_names_its_slot(people: list[User]) -> None:
    with pytest.raises(KeyError, match="least"):
        PreparedQuery(_by_staff).rows(ids=[people[0].pk])
