"""Small dialect-neutral SQL pieces: day differences and medians by window functions
(SQLite ≥ 3.25 and PostgreSQL both have them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class days_between(FunctionElement[float]):  # noqa: N801 - reads as SQL
    """Whole days from the date of ``a`` to the date of ``b``."""

    type = Float()
    name = "days_between"
    inherit_cache = True


@compiles(days_between)
def _days_generic(element: days_between, compiler: Any, **kw: Any) -> str:
    a, b = list(element.clauses)
    return (
        f"(CAST({compiler.process(b, **kw)} AS DATE) - CAST({compiler.process(a, **kw)} AS DATE))"
    )


@compiles(days_between, "sqlite")
def _days_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    a, b = list(element.clauses)
    return (
        f"(julianday(date({compiler.process(b, **kw)})) - "
        f"julianday(date({compiler.process(a, **kw)})))"
    )


def row_number_and_count(value: Any, partition: list[Any]) -> tuple[Any, Any]:
    """ROW_NUMBER() and COUNT(*) over each group, ordered by *value*: the middle rows are
    numbers (n + 1) / 2 and (n + 2) / 2 (integer division), one row when n is odd."""
    groups = partition or None
    return (
        func.row_number().over(partition_by=groups, order_by=value),
        func.count().over(partition_by=groups),
    )
