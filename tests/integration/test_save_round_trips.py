"""What one save sends to the database (issue 22: five writers on PostgreSQL).

Statement counts, never timings: a consultation save sends the same statements whether it
carries one theme or five, one measure or four; a change of dwelling recomputes every
consultation's measures in the same number of statements however many consultations the
household has. The lighter reads keep what a save copies from the household, the checks
of its advisor and household, and an audit row that commits or rolls back with its save.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from siec_desk.core.errors import ConflictError, ValidationError
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services import audit as a
from siec_desk.services.app import AppContext, open_app
from siec_desk.storage.models import Consultation, Household

pytestmark = pytest.mark.both_backends

WHEN = datetime(2026, 11, 10, 10, 0)
MEASURES = ("attic_insulation", "wall_insulation", "window_replacement", "draught_proofing")
THEMES = ("heating", "insulation", "windows", "solar_pv", "eco_gestures")


@contextmanager
def _statements(ctx: AppContext) -> Iterator[list[str]]:
    """The statements sent on *ctx*'s engine meanwhile."""
    sent: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        sent.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", seen)


def _house(ctx: AppContext) -> int:
    return ctx.households.create(
        HouseholdInput(
            last_name="Dupré",
            commune="Gap",
            postal_code="05000",
            dwelling_type="house",
            heating_energy="natural_gas",
        )
    )


def _save(ctx: AppContext, household: int | None, themes: int, measures: int) -> list[str]:
    data = ConsultationInput(
        mode="walk_in",
        themes=THEMES[:themes],
        household_id=household,
        act="advice" if household else "info",
        occurred_at=WHEN,
        measures=tuple(MeasureChoice(code) for code in MEASURES[:measures]),
        orientations=("mar", "adil", "caue")[: min(3, themes)],
    )
    with _statements(ctx) as sent:
        ctx.consultations.add(data)
    return sent


def test_a_save_sends_as_many_statements_with_five_themes_as_with_one(
    ctx: AppContext, backend: str
) -> None:
    household = _house(ctx)
    _save(ctx, household, 1, 1)  # warm: reference data read once per process

    small = _save(ctx, household, 1, 1)
    assert len(_save(ctx, household, 5, 1)) == len(small)  # themes, orientations: one each
    large = _save(ctx, household, 5, 4)
    if backend == "postgresql":  # the measures too: one INSERT … RETURNING for all rows
        assert len(large) == len(small)
    else:  # SQLite cannot return a multi-row insert's ids in order: one call a row, local
        assert len(large) == len(small) + 3
    plain = _save(ctx, household, 1, 0)
    assert len(plain) == len(small) - 1  # no measure, no measure INSERT
    assert len(_save(ctx, None, 1, 0)) == len(plain) - 1  # anonymous: no household read


def test_a_change_of_dwelling_recombines_in_as_many_statements_for_six_consultations(
    ctx: AppContext, backend: str
) -> None:
    def edit_after(consultations: int, heating: str) -> int:
        household = _house(ctx)
        for _ in range(consultations):
            _save(ctx, household, 1, 2)
        data = HouseholdInput(
            last_name="Dupré", commune="Gap", dwelling_type="house", heating_energy=heating
        )
        with _statements(ctx) as sent:
            ctx.households.update(household, data)
        updates = [e for e in ctx.audit.events(object_type=a.CONSULTATION) if e.action == a.UPDATE]
        assert sum(1 for e in updates if e.details.get("fields") == ["measures"]) >= consultations
        return len(sent)

    two, six = edit_after(2, "electricity"), edit_after(6, "electricity")
    if backend == "postgresql":  # measures read, deleted, inserted, audited: one each
        assert six == two
    else:  # SQLite inserts each new measure row by itself (2 a consultation), locally
        assert six == two + 2 * (6 - 2)


def test_a_save_copies_the_households_place_with_or_without_measures(ctx: AppContext) -> None:
    household = _house(ctx)
    for measures in (0, 2):
        saved = ctx.consultations.add(
            ConsultationInput(
                mode="phone",
                themes=("heating",),
                household_id=household,
                occurred_at=WHEN,
                measures=tuple(MeasureChoice(code) for code in MEASURES[:measures]),
            )
        )
        with ctx.db.read() as session:
            row = session.get(Consultation, saved)
            assert row is not None
            assert (row.household_id, row.commune, row.postal_code) == (household, "Gap", "05000")
        assert len(ctx.consultations.get(saved).measures) == measures


def test_a_missing_household_and_advisor_are_both_reported_and_nothing_written(
    ctx: AppContext,
) -> None:
    before = len(ctx.audit.events())
    data = ConsultationInput(
        mode="phone", themes=("heating",), household_id=9999, advisor_id=9999, occurred_at=WHEN
    )
    with pytest.raises(ValidationError) as refused:
        ctx.consultations.add(data)
    assert {"household_id", "advisor_id"} <= {e.field for e in refused.value.errors}
    assert len(ctx.audit.events()) == before
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Consultation)) == 0


@pytest.fixture
def desks(db_path: Path | str) -> Iterator[tuple[AppContext, AppContext]]:
    first, second = open_app(db_path), open_app(db_path)
    first.audit.act_as(first.centres.add_advisor("Amina").id)
    second.audit.act_as(second.centres.add_advisor("Bruno").id)
    yield first, second
    first.close()
    second.close()


def test_a_save_that_loses_the_race_leaves_no_audit_row(
    desks: tuple[AppContext, AppContext], backend: str
) -> None:
    """Amina's audit row is written before her UPDATE meets Bruno's lock; when her save
    is refused, her audit row goes with it: the trail only has what was saved."""
    amina, bruno = desks
    household = amina.households.create(HouseholdInput(last_name="Dupont", commune="Aubagne"))
    opened = amina.households.get(household).version
    outcome: list[BaseException | None] = []

    def amina_saves() -> None:
        try:
            change = HouseholdInput(last_name="Dupont", commune="Aix")
            amina.households.update(household, change, opened)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    with bruno.db.write() as session:
        row = session.get(Household, household)
        assert row is not None
        row.commune = "Cassis"
        session.flush()
        bruno.audit.record_in(session, a.UPDATE, a.HOUSEHOLD, household, fields=["commune"])
        saver = threading.Thread(target=amina_saves)
        saver.start()
        if backend == "postgresql":
            _wait_for_a_lock_wait(amina)
    saver.join(timeout=30)

    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError), outcome
    updates = amina.audit.events(object_type=a.HOUSEHOLD, object_id=household, action=a.UPDATE)
    assert [e.actor for e in updates] == ["Bruno"]
    assert amina.households.get(household).version == opened + 1


def _wait_for_a_lock_wait(ctx: AppContext) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with ctx.db.engine.connect() as connection:
            waiting = connection.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar_one()
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError("the second save never waited for the first one's row lock")
