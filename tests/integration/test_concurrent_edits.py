"""Two advisors on two PCs edit the same record: the second save is refused, told who
saved first and when, and may then save over it knowingly. Never a silent lost update."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from siec_desk.core.errors import ConflictError
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services import audit as a
from siec_desk.services.app import AppContext, open_app
from siec_desk.storage.models import Household

pytestmark = pytest.mark.both_backends


@pytest.fixture
def desks(db_path: Path | str) -> Iterator[tuple[AppContext, AppContext]]:
    """Two application instances on one database, as two PCs: Amina's and Bruno's."""
    first = open_app(db_path)
    second = open_app(db_path)
    first.audit.act_as(first.centres.add_advisor("Amina").id)
    second.audit.act_as(second.centres.add_advisor("Bruno").id)
    yield first, second
    first.close()
    second.close()


def _household(ctx: AppContext) -> int:
    return ctx.households.create(HouseholdInput(last_name="Dupont", commune="Aubagne"))


def test_the_second_save_is_refused_naming_who_saved_first_and_when(
    desks: tuple[AppContext, AppContext],
) -> None:
    amina, bruno = desks
    household = _household(amina)
    opened_by_amina = amina.households.get(household).version
    opened_by_bruno = bruno.households.get(household).version
    before = datetime.now(UTC) - timedelta(seconds=1)

    bruno.households.update(
        household, HouseholdInput(last_name="Dupont", commune="Cassis"), opened_by_bruno
    )
    with pytest.raises(ConflictError) as refused:
        amina.households.update(
            household, HouseholdInput(last_name="Dupont", commune="Aix"), opened_by_amina
        )

    conflict = refused.value
    assert conflict.changed_by == "Bruno" and "Bruno" in str(conflict)
    assert conflict.changed_at is not None and conflict.changed_at >= before
    assert conflict.current_version == bruno.households.get(household).version
    assert amina.households.get(household).summary.commune == "Cassis"  # Bruno's stays


def test_overwriting_knowingly_saves_mine_and_is_audited(
    desks: tuple[AppContext, AppContext],
) -> None:
    amina, bruno = desks
    household = _household(amina)
    opened = amina.households.get(household).version
    bruno.households.update(household, HouseholdInput(last_name="Dupont", commune="Cassis"), opened)
    mine = HouseholdInput(last_name="Dupont", commune="Aix")
    with pytest.raises(ConflictError) as refused:
        amina.households.update(household, mine, opened)

    amina.households.update(household, mine, refused.value.current_version, overwrite=True)

    assert bruno.households.get(household).summary.commune == "Aix"
    latest = amina.audit.events(object_type=a.HOUSEHOLD, object_id=household)[0]
    assert (latest.actor, latest.details.get("overwrite")) == ("Amina", True)
    assert latest.details["fields"] == ["commune"]


def test_an_overwrite_is_refused_too_if_a_third_save_came_in_between(
    desks: tuple[AppContext, AppContext],
) -> None:
    amina, bruno = desks
    household = _household(amina)
    opened = amina.households.get(household).version
    bruno.households.update(household, HouseholdInput(last_name="Dupont", commune="Cassis"))
    with pytest.raises(ConflictError) as refused:
        amina.households.update(household, HouseholdInput(last_name="Dupont"), opened)
    bruno.households.update(household, HouseholdInput(last_name="Dupont", commune="Gémenos"))
    with pytest.raises(ConflictError):
        amina.households.update(
            household, HouseholdInput(last_name="Dupont"), refused.value.current_version,
            overwrite=True,
        )  # fmt: skip
    assert amina.households.get(household).summary.commune == "Gémenos"


def test_consultations_are_guarded_the_same_way(desks: tuple[AppContext, AppContext]) -> None:
    amina, bruno = desks
    household = _household(amina)
    when = datetime(2025, 3, 4, 10, 0)
    logged = amina.consultations.add(
        ConsultationInput(
            mode="phone", themes=("heating",), household_id=household, occurred_at=when
        )
    )
    opened = amina.consultations.get(logged).version
    bruno.consultations.update(
        logged,
        ConsultationInput(mode="phone", themes=("insulation",), household_id=household,
                          occurred_at=when, duration_min=25),
        opened,
    )  # fmt: skip
    mine = ConsultationInput(
        mode="walk_in", themes=("heating",), household_id=household, occurred_at=when
    )
    with pytest.raises(ConflictError) as refused:
        amina.consultations.update(logged, mine, opened)
    assert refused.value.changed_by == "Bruno" and "consultation" in str(refused.value)
    assert amina.consultations.get(logged).summary.themes == ("insulation",)

    amina.consultations.update(logged, mine, refused.value.current_version, overwrite=True)
    assert bruno.consultations.get(logged).summary.mode == "walk_in"


def test_two_saves_racing_on_the_same_version_never_both_win(
    desks: tuple[AppContext, AppContext], backend: str
) -> None:
    """Bruno's save is mid-transaction when Amina's starts: hers waits for his, then is
    refused (PostgreSQL: the UPDATE finds the version moved; SQLite: the write lock)."""
    amina, bruno = desks
    household = _household(amina)
    opened = amina.households.get(household).version
    outcome: list[BaseException | None] = []

    def amina_saves() -> None:
        try:
            amina.households.update(
                household, HouseholdInput(last_name="Dupont", commune="Aix"), opened
            )
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    with bruno.db.write() as session:
        row = session.get(Household, household)
        assert row is not None
        row.commune = "Cassis"
        session.flush()  # the row is now locked by Bruno's open transaction
        bruno.audit.record_in(session, a.UPDATE, a.HOUSEHOLD, household, fields=["commune"])
        saver = threading.Thread(target=amina_saves)
        saver.start()
        if backend == "postgresql":  # wait until her UPDATE is blocked on his row lock
            _wait_for_a_lock_wait(amina)
    saver.join(timeout=30)

    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError), outcome
    assert outcome[0].changed_by == "Bruno"
    assert amina.households.get(household).summary.commune == "Cassis"


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
