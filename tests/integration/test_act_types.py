"""The centre's act types through the stack: the service (audited, one-line refusals,
nothing half-written), the command line, consultations, the network export (own types
folded into their shared act or left out of every table), the monthly report and an
upgraded database of schema 0013."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from testkit.cli import Cli

from siec_desk.core.errors import NotFoundError, ValidationError
from siec_desk.domain.act_types import BUILT_IN, MAPPABLE, ActTypeChange
from siec_desk.domain.activity_period import month
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.network.export.export_format import to_json
from siec_desk.services.activity.cells import Places
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.network.export import ExportOptions
from siec_desk.storage.models import ActTypeRow, Consultation
from siec_desk.texts.labels import act_label

pytestmark = pytest.mark.both_backends

NOVEMBER = datetime(2026, 11, 10, 10, 0)


def log(ctx: AppContext, act: str, when: datetime = NOVEMBER, household: int | None = None) -> int:
    data = ConsultationInput(
        mode="walk_in", act=act, themes=("water",), occurred_at=when, household_id=household
    )
    return ctx.consultations.add(data)


def test_add_change_hide_and_delete_are_audited(ctx: AppContext) -> None:
    added = ctx.act_types.add(
        "x_permanence_mairie", ActTypeChange(label_fr="Permanence en mairie", maps_to="info")
    )
    assert added.position > len(BUILT_IN) - 1 and act_label(added.code) == "Permanence en mairie"
    ctx.act_types.update("x_permanence_mairie", ActTypeChange(label_ar="مداومة بالبلدية"))
    ctx.act_types.update("awareness", ActTypeChange(hidden=True))
    ctx.act_types.delete("x_permanence_mairie")
    events = ctx.audit.events(object_type="act_type")
    assert [(e.action, e.details["act_type"]) for e in reversed(events)] == [
        ("create", "x_permanence_mairie"),
        ("update", "x_permanence_mairie"),
        ("update", "awareness"),
        ("delete", "x_permanence_mairie"),
    ]
    assert events[1].details["fields"] == ["hidden"]
    listed = {t.code: t for t in ctx.act_types.list()}
    assert listed["awareness"].hidden and "x_permanence_mairie" not in listed


def test_refusals_are_one_line_and_write_nothing(ctx: AppContext) -> None:
    ctx.act_types.add("x_atelier", ActTypeChange(label_fr="Atelier"))
    log(ctx, "x_atelier")
    with pytest.raises(ValidationError, match="hide it instead"):
        ctx.act_types.delete("x_atelier")
    with pytest.raises(ValidationError, match="already exists"):
        ctx.act_types.add("x_atelier", ActTypeChange(label_fr="Autre"))
    with pytest.raises(ValidationError):
        ctx.act_types.update("x_atelier", ActTypeChange(label_fr="", maps_to="bogus"))
    with pytest.raises(NotFoundError):
        ctx.act_types.update("x_nope", ActTypeChange(hidden=True))
    with pytest.raises(ValidationError):
        ctx.act_types.delete("info")
    (kept,) = [t for t in ctx.act_types.list() if t.code == "x_atelier"]
    assert (kept.label_fr, kept.maps_to, kept.used_by) == ("Atelier", None, 1)
    assert len(ctx.audit.events(object_type="act_type")) == 1


def test_consultations_take_own_types_refuse_hidden_ones_and_keep_them_on_edit(
    ctx: AppContext,
) -> None:
    household = ctx.households.create(HouseholdInput(first_name="Inès", last_name="Roux"))
    ctx.act_types.add("x_visite", ActTypeChange(label_fr="Visite", needs_household=True))
    with pytest.raises(ValidationError, match="needs a household"):
        log(ctx, "x_visite")
    assert log(ctx, "x_visite", household=household)
    with pytest.raises(ValidationError, match="x_inconnu"):
        log(ctx, "x_inconnu")
    ctx.act_types.add("x_stand", ActTypeChange(label_fr="Stand"))
    cid = log(ctx, "x_stand")
    ctx.act_types.update("x_stand", ActTypeChange(hidden=True))
    with pytest.raises(ValidationError, match="hidden"):
        log(ctx, "x_stand")
    edited = ConsultationInput(mode="phone", act="x_stand", themes=("water",), occurred_at=NOVEMBER)
    ctx.consultations.update(cid, edited)  # the stored act stays, though hidden since
    assert ctx.consultations.get(cid).summary.act == "x_stand"


def test_cli_acts_commands_exit_codes_and_lines(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(db_path, capsys)
    code, out, err = cli(
        "centre",
        "acts",
        "add",
        "x_permanence_mairie",
        "--label",
        "Permanence en mairie",
        "--maps-to",
        "info",
    )
    assert code == 0 and "x_permanence_mairie" in out and err == ""
    found = cli.json("centre", "acts", "list")
    assert isinstance(found, list)
    own = {t["code"]: t for t in found}["x_permanence_mairie"]
    assert (own["label_fr"], own["maps_to"], own["builtin"], own["hidden"]) == (
        "Permanence en mairie",
        "info",
        False,
        False,
    )
    code, _out, err = cli("centre", "acts", "update", "info", "--hide")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "info" in err
    code, _out, err = cli("centre", "acts", "add", "x_Bad", "--label", "x")
    assert code == 1 and len(err.strip().splitlines()) == 1
    code, _out, _err = cli("centre", "acts", "update", "x_permanence_mairie", "--hide", "--show")
    assert code == 2
    assert cli("centre", "acts", "update", "awareness", "--hide")[0] == 0
    code, _out, err = cli(
        "consultation", "add", "--mode", "walk_in", "--theme", "water", "--act", "awareness"
    )
    assert code == 1 and "awareness" in err and len(err.strip().splitlines()) == 1
    added = cli.json(
        "consultation",
        "add",
        "--mode",
        "walk_in",
        "--theme",
        "water",
        "--act",
        "x_permanence_mairie",
    )
    assert isinstance(added, dict)
    code, _out, err = cli("centre", "acts", "delete", "x_permanence_mairie")
    assert code == 1 and "hide" in err
    assert isinstance(added, dict)
    cid = str(added["id"])
    assert cli("centre", "acts", "update", "x_permanence_mairie", "--hide")[0] == 0
    code, _out, err = cli("consultation", "update", cid, "--act", "info")
    assert code == 0, err
    code, _out, err = cli("consultation", "update", cid, "--act", "x_permanence_mairie")
    assert code == 1 and "hidden" in err and len(err.strip().splitlines()) == 1
    assert cli("centre", "acts", "update", "x_permanence_mairie", "--show")[0] == 0
    updated = cli.json("consultation", "update", cid, "--act", "x_permanence_mairie")
    assert isinstance(updated, dict) and updated["act"] == "x_permanence_mairie"
    listed = cli.json("consultation", "list")
    assert isinstance(listed, list) and listed[0]["act"] == "x_permanence_mairie"  # the raw code


def test_network_export_folds_mapped_types_and_leaves_out_the_others(ctx: AppContext) -> None:
    from sqlalchemy import update

    from siec_desk.storage.models import Centre

    with ctx.db.write() as session:
        session.execute(update(Centre).values(network_code="TEST-01"))
    ctx.act_types.add("x_permanence_mairie", ActTypeChange(label_fr="Permanence", maps_to="info"))
    ctx.act_types.add("x_atelier", ActTypeChange(label_fr="Atelier"))
    for act, n in (("info", 4), ("awareness", 3), ("x_permanence_mairie", 5), ("x_atelier", 6)):
        for _ in range(n):
            log(ctx, act)
    ctx.act_types.update("awareness", ActTypeChange(hidden=True))  # hidden: still counted
    options = ExportOptions(date(2026, 11, 1), date(2026, 11, 1), 3)
    document = ctx.network_export.build(options)
    assert ctx.network_export.left_out(options) == 6
    text = json.dumps(to_json(document), default=str)  # the file: no own type, no count
    assert "x_" not in text and "left_out" not in text
    by_act = next(t for t in document.tables if t.spec.id == "consultations_by_month_act")
    cells = {k: v for k, v in by_act.cells.items() if v is not None}
    assert cells[("2026-11", "info")]["consultations"] == 9
    assert cells[("2026-11", "awareness")]["consultations"] == 3
    totals = {
        t.spec.id: t.cells.get(("*", "*"))
        for t in document.tables
        if t.spec.group == "consultations"
    }
    assert {v["consultations"] for v in totals.values() if v} == {12}  # every table agrees


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    types=st.dictionaries(
        st.sampled_from(["x_a", "x_b", "x_c", "x_d"]),
        st.one_of(st.none(), st.sampled_from(MAPPABLE)),
        max_size=4,
    ),
    acts=st.lists(st.sampled_from([*MAPPABLE, "x_a", "x_b", "x_c", "x_d"]), max_size=25),
)
def test_by_act_cells_equal_an_independent_count(
    ctx: AppContext, types: dict[str, str | None], acts: list[str]
) -> None:
    with ctx.db.write() as session:
        session.execute(delete(Consultation))
        session.execute(delete(ActTypeRow))
        for code, to in types.items():
            session.add(ActTypeRow(code=code, label_fr=code, maps_to=to))
        for act in acts:
            session.add(
                Consultation(mode="walk_in", act=act, occurred_at=NOVEMBER, duration_min=10)
            )
    cells_counter = ctx.network_export.cells
    cells_counter.acts = ctx.act_types.acts()  # as build() reads them
    period = month(date(2026, 11, 1))
    cells = cells_counter.counts(period, [period], ("act",), Places({}, "FR"))
    found = {row[0]: n for row, (n, _contributors) in cells.items()}
    expected: Counter[str] = Counter()
    for act in acts:
        target = act if act in BUILT_IN else types.get(act)
        if target:
            expected[target] += 1
    assert found == dict(expected)


def test_the_monthly_report_names_own_types(
    db_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import openpyxl

    ctx = open_app(db_path)
    try:
        ctx.act_types.add("x_permanence_mairie", ActTypeChange(label_fr="Permanence en mairie"))
        log(ctx, "x_permanence_mairie")
    finally:
        ctx.close()
    out = tmp_path / "report.xlsx"
    code, _o, err = Cli(db_path, capsys)(
        "stats", "report", "--month", "2026-11", "--lang", "fr", "--out", str(out)
    )
    assert code == 0, err
    book = openpyxl.load_workbook(out, read_only=True)
    cells = {
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
    }
    assert "Permanence en mairie" in cells


def test_a_database_of_schema_0013_keeps_its_act_types(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures"))
    from make_schema_fixture import build

    path = tmp_path / "s0013.sqlite3"
    build("0013", path)  # the sample rows, then upgraded to the head by opening
    ctx = open_app(path)
    try:
        listed = {t.code: t for t in ctx.act_types.list()}
        assert listed["x_permanence_mairie"].maps_to == "info"
        assert listed["x_permanence_mairie"].used_by == 1
        assert listed["awareness"].hidden
        assert act_label("x_permanence_mairie") == "Permanence en mairie"
    finally:
        ctx.close()


def test_the_import_reads_own_types_by_code_and_wording_and_refuses_unknown_or_hidden(
    ctx: AppContext, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from siec_desk.importing.mapping import ImportMapping
    from siec_desk.services.importer import ImportService

    ctx.act_types.add(
        "x_permanence_mairie",
        ActTypeChange(label_fr="Permanence en mairie", label_ar="مداومة بالبلدية"),
    )
    ctx.act_types.add("x_stand", ActTypeChange(label_fr="Stand"))
    ctx.act_types.update("x_stand", ActTypeChange(hidden=True))
    lines = [
        "Date;Mode;Acte;Thème",
        "02/11/2026;Accueil;Permanence en mairie;Isolation",
        "03/11/2026;Accueil;مداومة بالبلدية;Isolation",
        "04/11/2026;Accueil;x_permanence_mairie;Isolation",
        "05/11/2026;Accueil;x_inconnu;Isolation",
        "06/11/2026;Accueil;x_stand;Isolation",
    ]
    path = tmp_path / "acts.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    service = ImportService(ctx, clock=lambda: datetime(2026, 11, 30, 17, 0))
    report = service.run(service.read(path, ImportMapping()), ImportMapping())
    assert [(p.line, p.field) for p in report.rejected] == [(5, "act"), (6, "act")]
    with ctx.db.read() as session:
        acts = list(session.scalars(select(Consultation.act).order_by(Consultation.occurred_at)))
    assert acts == ["x_permanence_mairie"] * 3


def test_the_rights_export_names_the_act_in_the_households_language(ctx: AppContext) -> None:
    ctx.act_types.add(
        "x_permanence_mairie",
        ActTypeChange(label_fr="Permanence en mairie", label_ar="مداومة بالبلدية"),
    )
    household = ctx.households.create(
        HouseholdInput(first_name="Salma", last_name="Idrissi", letter_language="ar")
    )
    log(ctx, "x_permanence_mairie", household=household)
    content = ctx.rights.pdf_export(household).job.content
    assert "مداومة بالبلدية" in repr(content)
    assert ctx.rights.collect(household)["consultations"][0]["act"] == "x_permanence_mairie"
