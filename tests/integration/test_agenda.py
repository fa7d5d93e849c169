"""The agenda (issue 20, D5, D6, D24): follow-ups with a time and a kind, listed by range
and status in one query, done with a note, postponed, cancelled, and restored by undo
with the version check; the action without a date refused on every path."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from siec_desk.core.errors import ConflictError, ValidationError
from siec_desk.domain.agenda import Bucket
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext

pytestmark = pytest.mark.both_backends

TODAY = date.today()


@pytest.fixture
def household(ctx: AppContext) -> int:
    return ctx.households.create(
        HouseholdInput(first_name="Hélène", last_name="Dupré", phone="06 12 34 56 78")
    )


def plan(
    ctx: AppContext,
    household: int,
    due: date,
    at: time | None = None,
    kind: str | None = None,
    action: str | None = "Rappeler pour les devis",
    advisor_id: int | None = None,
) -> int:
    return ctx.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            household_id=household,
            follow_up_action=action,
            follow_up_due=due,
            follow_up_time=at,
            follow_up_kind=kind,
            advisor_id=advisor_id,
        )
    )


def test_a_call_back_next_week_is_listed_with_phone_action_kind_and_time(
    ctx: AppContext, household: int
) -> None:
    later = plan(ctx, household, TODAY + timedelta(days=30))
    next_week = plan(ctx, household, TODAY + timedelta(days=7), time(14, 30), "appointment")
    untimed = plan(ctx, household, TODAY + timedelta(days=7))
    overdue = plan(ctx, household, TODAY, action=None)
    rows = ctx.agenda.rows(status="open")
    assert [r.consultation_id for r in rows] == [overdue, untimed, next_week, later]
    row = rows[2]
    assert (row.household_name, row.phone) == ("Hélène Dupré", "+33612345678")
    assert (row.at, row.kind, row.action) == (time(14, 30), "appointment", row.action)
    assert rows[1].kind == "call_back" and rows[1].at is None  # the default kind
    assert [r.bucket(TODAY) for r in rows] == [
        Bucket.TODAY,
        Bucket.NEXT_7_DAYS,
        Bucket.NEXT_7_DAYS,
        Bucket.LATER,
    ]
    week = ctx.agenda.rows(TODAY + timedelta(days=1), TODAY + timedelta(days=7))
    assert {r.consultation_id for r in week} == {next_week, untimed}
    assert [r.consultation_id for r in ctx.agenda.rows(status="due")] == [overdue]
    assert [r.consultation_id for r in ctx.agenda.upcoming(TODAY, limit=2)] == [untimed, next_week]


def test_the_range_is_one_query_whatever_the_number_of_rows(
    ctx: AppContext, household: int
) -> None:
    for days in range(1, 21):
        plan(ctx, household, TODAY + timedelta(days=days), time(9, days % 60))
    statements: list[str] = []
    engine = ctx.db.engine

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        rows = ctx.agenda.rows(TODAY, TODAY + timedelta(days=30))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(rows) == 20
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_filter_by_advisor(ctx: AppContext, household: int) -> None:
    claire = ctx.centres.add_advisor("Claire Fabre").id
    mine = plan(ctx, household, TODAY + timedelta(days=2), advisor_id=claire)
    plan(ctx, household, TODAY + timedelta(days=2))
    rows = ctx.agenda.rows(advisor_id=claire)
    assert [(r.consultation_id, r.advisor_name) for r in rows] == [(mine, "Claire Fabre")]


def test_done_with_a_note_then_restore_brings_everything_back(
    ctx: AppContext, household: int
) -> None:
    cid = plan(ctx, household, TODAY, time(10, 0))
    before, version = ctx.agenda.state(cid)
    change = ctx.agenda.mark_done(
        cid, "A reçu les devis, rappeler en mars", expected_version=version
    )
    assert change.previous == before
    state, _v = ctx.agenda.state(cid)
    assert (state.status, state.note, state.done_on) == (
        "done",
        "A reçu les devis, rappeler en mars",
        TODAY,
    )
    assert ctx.consultations.follow_ups_due() == []
    ctx.agenda.restore(change.previous, expected_version=change.version)
    assert ctx.agenda.state(cid)[0] == before
    assert [c.id for c in ctx.consultations.follow_ups_due()] == [cid]
    events = ctx.audit.events(object_type="consultation", object_id=cid, action="update")
    assert len(events) == 2  # the action and its undo, without the note
    assert all("devis" not in str(e.details) for e in events)


def test_postpone_counts_and_cancel_closes(ctx: AppContext, household: int) -> None:
    cid = plan(ctx, household, TODAY)
    monday = TODAY + timedelta(days=7)
    first = ctx.agenda.postpone(cid, monday, time(9, 15))
    state, version = ctx.agenda.state(cid)
    assert (state.due, state.at, state.postponed, state.status) == (
        monday,
        time(9, 15),
        1,
        "to_call_back",
    )
    ctx.agenda.cancel(cid, "Travaux abandonnés", expected_version=version)
    assert ctx.agenda.rows(status="open") == []
    assert [r.note for r in ctx.agenda.rows(status="cancelled")] == ["Travaux abandonnés"]
    assert ctx.consultations.due_counts(monday + timedelta(days=1))[0] == 0
    assert first.previous.due == TODAY and first.previous.postponed is None


def test_a_change_saved_in_between_refuses_the_action_and_the_undo(
    ctx: AppContext, household: int
) -> None:
    cid = plan(ctx, household, TODAY)
    _state, version = ctx.agenda.state(cid)
    change = ctx.agenda.postpone(cid, TODAY + timedelta(days=1), expected_version=version)
    with pytest.raises(ConflictError):
        ctx.agenda.mark_done(cid, expected_version=version)  # the version before postponing
    ctx.agenda.mark_done(cid, expected_version=change.version)
    with pytest.raises(ConflictError):
        ctx.agenda.restore(change.previous, expected_version=change.version)
    assert ctx.agenda.state(cid)[0].status == "done"


@pytest.mark.parametrize(
    "act",
    [
        lambda ctx, cid: ctx.agenda.postpone(cid, TODAY - timedelta(days=1)),
        lambda ctx, cid: ctx.agenda.mark_done(cid, "x" * 2001),
    ],
)
def test_bad_input_writes_nothing(ctx: AppContext, household: int, act: object) -> None:
    cid = plan(ctx, household, TODAY)
    before = ctx.agenda.state(cid)
    with pytest.raises(ValidationError) as caught:
        act(ctx, cid)  # type: ignore[operator]
    assert len(caught.value.errors) == 1
    assert ctx.agenda.state(cid) == before


def test_a_closed_follow_up_cannot_be_done_twice(ctx: AppContext, household: int) -> None:
    cid = plan(ctx, household, TODAY)
    ctx.agenda.mark_done(cid)
    with pytest.raises(ValidationError, match="already done or cancelled"):
        ctx.agenda.cancel(cid)


def test_an_action_without_a_date_is_refused_in_one_line(ctx: AppContext, household: int) -> None:
    with pytest.raises(ValidationError) as caught:
        ctx.consultations.add(
            ConsultationInput(
                mode="phone",
                themes=("heating",),
                household_id=household,
                follow_up_action="envoyer les formulaires MaPrimeRénov'",
            )
        )
    assert [e.field for e in caught.value.errors] == ["follow_up_due"]
    assert ctx.consultations.between() == []


def test_an_edit_that_keeps_the_follow_up_keeps_it_done(ctx: AppContext, household: int) -> None:
    cid = plan(ctx, household, TODAY, time(11, 0), "visit")
    ctx.agenda.mark_done(cid)
    data = ConsultationInput(
        mode="phone",
        themes=("heating", "insulation"),
        household_id=household,
        occurred_at=datetime.now().replace(microsecond=0),
        follow_up_action="Rappeler pour les devis",
        follow_up_due=TODAY,
        follow_up_time=time(11, 0),
        follow_up_kind="visit",
    )
    ctx.consultations.update(cid, data)
    assert ctx.agenda.state(cid)[0].status == "done"
    ctx.consultations.update(cid, replace(data, follow_up_due=TODAY + timedelta(days=3)))
    assert ctx.agenda.state(cid)[0].status == "to_call_back"


def test_the_note_is_in_the_rights_export_and_anonymisation_clears_it(
    ctx: AppContext, household: int, tmp_path: Path
) -> None:
    cid = plan(ctx, household, TODAY, time(16, 0), "visit")
    ctx.agenda.mark_done(cid, "Mme Dupré rappellera après les devis")
    out = tmp_path / "export.json"
    ctx.rights.export(household, out)
    [exported] = json.loads(out.read_text(encoding="utf-8"))["consultations"]
    assert exported["follow_up_note"] == "Mme Dupré rappellera après les devis"
    assert (exported["follow_up_time"], exported["follow_up_kind"]) == ("16:00:00", "visit")
    ctx.retention.anonymise([household])
    state, _v = ctx.agenda.state(cid)
    assert state.note is None and state.status == "done"  # the fact stays, the words go
    assert ctx.agenda.rows(status="done")[0].action is None


def test_an_import_row_with_an_action_but_no_date_is_refused_with_the_one_line(
    ctx: AppContext, tmp_path: Path
) -> None:
    from siec_desk.importing.mapping import ImportMapping
    from siec_desk.services.importer import ImportService

    sheet = tmp_path / "suivis.csv"
    sheet.write_text(
        "Nom;Prénom;Date;Mode;Thème;Action de suivi;Date de relance\n"
        "Dupont;Jean;12/03/2025;Tél.;Isolation;envoyer les devis;20/03/2025\n"
        "Martin;Éloïse;13/03/2025;Tél.;Chauffage;rappeler;\n"
        "Petit;Zoé;14/03/2025;Tél.;Chauffage;;\n",
        encoding="utf-8",
    )
    service = ImportService(ctx)
    table = service.read(sheet)
    report = service.run(table, ImportMapping())
    assert [(p.line, p.field, p.message) for p in report.rejected] == [
        (3, "follow_up_due", "A follow-up action needs a date: give one or clear the action.")
    ]
    rows = ctx.agenda.rows(status="all")
    assert [(r.household_name, r.kind) for r in rows] == [("Jean Dupont", "call_back")]


def test_a_cancelled_follow_up_is_neither_due_nor_overdue_in_the_activity_figures(
    ctx: AppContext, household: int
) -> None:
    from siec_desk.domain.activity_period import month

    earlier = datetime.now().replace(microsecond=0) - timedelta(days=3)
    ids = [
        ctx.consultations.add(
            ConsultationInput(
                mode="phone",
                themes=("heating",),
                household_id=household,
                occurred_at=earlier,
                follow_up_due=earlier.date() + timedelta(days=1),
            )
        )
        for _ in range(3)
    ]
    ctx.agenda.mark_done(ids[0])
    ctx.agenda.cancel(ids[1], "Plus de projet")
    due = earlier.date() + timedelta(days=1)  # two days ago: overdue unless closed
    figures = ctx.stats.summary(month(due.replace(day=1)))
    assert (figures.follow_ups_due, figures.follow_ups_done) == (2, 1)
    assert figures.follow_ups_overdue == 1
