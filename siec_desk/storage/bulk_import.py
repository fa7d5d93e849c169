"""Writing a plan: Core ``executemany`` in chunks, inside the caller's one transaction.

Ids are given here (the next free ones, stable under the write lock; PostgreSQL's id
sequences are moved past them afterwards) so that consultations can point to the
households of the same import without a round trip per row. The plan keeps its rows
packed as tuples (``plan``); each chunk is unpacked into dicts just before its insert.
The search index is kept by its triggers, row by row: on SQLite that costs a few seconds
per 100k households, less than rebuilding the whole index of a large database.
Cancelling between chunks raises, and the caller's transaction rolls everything back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select

from siec_desk.core.i18n import _
from siec_desk.importing.plan_records import Cancelled, ImportPlan, Progress
from siec_desk.importing.problems import ImportCancelledError
from siec_desk.storage.base import utc_now
from siec_desk.storage.models import (
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
    Household,
)
from siec_desk.storage.sequences import reset_sequences

CHUNK = 5_000


def _next_id(connection: Connection, column: Any) -> int:
    return int(connection.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1


def _check(cancelled: Cancelled) -> None:
    if cancelled():
        raise ImportCancelledError(_("Import cancelled: nothing was written."))


def write_plan(
    connection: Connection, plan: ImportPlan, progress: Progress, cancelled: Cancelled
) -> tuple[int, int]:
    """Insert the plan's new households and consultations; (households, consultations)."""
    now = utc_now()
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    if connection.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE does this
        connection.exec_driver_sql(
            "LOCK TABLE households, consultations IN SHARE ROW EXCLUSIVE MODE"
        )
    first_household = _next_id(connection, Household.id)
    first_consultation = _next_id(connection, Consultation.id)
    total = len(plan.households) + len(plan.consultations)
    done = 0
    for start in range(0, len(plan.households), CHUNK):
        _check(cancelled)
        chunk = [
            {**plan.household_values(h), **stamps, "id": first_household + start + offset}
            for offset, h in enumerate(plan.households[start : start + CHUNK])
        ]
        connection.execute(insert(Household), chunk)
        done += len(chunk)
        progress(done, total, "write")
    for start in range(0, len(plan.consultations), CHUNK):
        _check(cancelled)
        rows: list[dict[str, Any]] = []
        themes: list[dict[str, Any]] = []
        orientations: list[dict[str, Any]] = []
        for offset, c in enumerate(plan.consultations[start : start + CHUNK]):
            consultation_id = first_consultation + start + offset
            household_id = (
                first_household + c.new_household if c.new_household is not None else c.household_id
            )
            values = plan.consultation_values(c)
            orientations.extend(
                {"consultation_id": consultation_id, "code": code}
                for code in values.pop("orientations", ())
            )
            rows.append(
                {
                    **values,
                    **stamps,
                    "id": consultation_id,
                    "household_id": household_id,
                }
            )
            themes.extend({"consultation_id": consultation_id, "theme": t} for t in c.themes)
        connection.execute(insert(Consultation), rows)
        if themes:
            connection.execute(insert(ConsultationTheme), themes)
        if orientations:
            connection.execute(insert(ConsultationOrientation), orientations)
        done += len(rows)
        progress(done, total, "write")
    _check(cancelled)
    reset_sequences(connection, [Household.__tablename__, Consultation.__tablename__])
    return len(plan.households), len(plan.consultations)
