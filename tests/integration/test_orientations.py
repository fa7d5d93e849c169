"""Where a consultation referred the household (issue 18, point 1): stored with the
consultation, changed from the editor's service and ``consultation add|update
--orientation``, read from a sheet's "Orienté vers" column, in the rights export, named
(never valued) in the audit trail, kept by anonymisation, and drawn by the demo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.databases import Databases, query

from siec_desk.core.errors import ValidationError
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.importing.mapping import ImportMapping
from siec_desk.services.app import AppContext
from siec_desk.services.importer import ImportService

pytestmark = pytest.mark.both_backends

NOW = datetime(2025, 6, 30, 17, 0)


@pytest.fixture
def db(new_db: Databases) -> Path | str:
    return new_db("centre")


@pytest.fixture
def centre(db: Path | str) -> Iterator[AppContext]:
    context = make_ctx(db, "FR")
    yield context
    context.close()


def _consultation(ctx: AppContext, *orientations: str, household: int | None = None) -> int:
    hid = household or ctx.households.create(HouseholdInput(last_name="Durand"))
    return ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("financial_aid",),
            household_id=hid,
            occurred_at=datetime(2025, 3, 4, 10, 0),
            orientations=orientations,
        )
    )


def test_orientations_are_stored_once_each_and_replaced_by_an_edit(centre: AppContext) -> None:
    cid = _consultation(centre, "mar", "adil", "mar")
    detail = centre.consultations.get(cid)
    assert sorted(detail.summary.orientations) == ["adil", "mar"]
    assert sorted(detail.as_json()["orientations"]) == ["adil", "mar"]  # type: ignore[arg-type]

    data = ConsultationInput(
        mode="walk_in",
        themes=("financial_aid",),
        household_id=detail.summary.household_id,
        occurred_at=detail.summary.occurred_at,
        orientations=("caue",),
    )
    centre.consultations.update(cid, data, expected_version=detail.version)
    assert centre.consultations.get(cid).summary.orientations == ("caue",)
    listed = centre.consultations.between(date(2025, 3, 1), date(2025, 3, 31))
    assert [r.orientations for r in listed] == [("caue",)]


def test_an_unknown_orientation_is_one_line_and_nothing_is_written(
    centre: AppContext, db: Path | str
) -> None:
    hid = centre.households.create(HouseholdInput(last_name="Durand"))
    with pytest.raises(ValidationError) as caught:
        _consultation(centre, "mar", "tarot", household=hid)
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("orientations", "Unknown code “tarot”.")
    ]
    assert query(db, "SELECT count(*) FROM consultations") == [(0,)]
    cid = _consultation(centre, "mar", household=hid)
    with pytest.raises(ValidationError):
        centre.consultations.set_orientations(cid, ("adil", "tarot"))
    assert centre.consultations.get(cid).summary.orientations == ("mar",)


def test_the_audit_names_the_field_and_never_the_codes(centre: AppContext) -> None:
    cid = _consultation(centre, "mar")
    centre.consultations.set_orientations(cid, ("social",))
    event = centre.audit.events(object_type="consultation", object_id=cid, action="update")[0]
    assert event.details["fields"] == ["orientations"]
    assert "social" not in json.dumps(event.details)


def test_rights_export_lists_them_and_anonymisation_keeps_them(
    centre: AppContext, db: Path | str, tmp_path: Path
) -> None:
    cid = _consultation(centre, "mar", "rge_pro")
    hid = centre.consultations.get(cid).summary.household_id
    assert hid is not None
    out = tmp_path / "export.json"
    centre.rights.export(hid, out)
    consultation = json.loads(out.read_text(encoding="utf-8"))["consultations"][0]
    assert sorted(consultation["orientations"]) == ["mar", "rge_pro"]

    centre.retention.anonymise([hid])
    rows = query(db, "SELECT code FROM consultation_orientations ORDER BY code")
    assert rows == [("mar",), ("rge_pro",)]  # statistics, not personal


def test_consultation_add_and_update_take_orientation_options(
    new_db: Databases, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(new_db("cli"), capsys)
    created = cli.json(
        "consultation", "add", "--mode", "phone", "--theme", "heating",
        "--orientation", "energy_company", "--orientation", "agency_programme",
    )  # fmt: skip
    cid = str(created["id"])  # type: ignore[index]
    shown = cli.json("consultation", "show", cid)
    assert sorted(shown["orientations"]) == ["agency_programme", "energy_company"]  # type: ignore[index]
    updated = cli.json("consultation", "update", cid, "--orientation", "local_authority")
    assert (updated["id"], updated["orientations"]) == (int(cid), ["local_authority"])  # type: ignore[index]
    code, _out, _err = cli("consultation", "update", cid, "--no-orientation")
    assert code == 0
    listed = cli.json("consultation", "list")
    assert listed[0]["orientations"] == []  # type: ignore[index]

    code, out, err = cli("consultation", "update", cid, "--orientation", "tarot")
    assert (code, out) == (2, "") and "--orientation" in err
    code, out, err = cli("consultation", "update", cid)
    assert (code, out) == (2, "") and "--no-orientation" in err
    code, out, err = cli("--lang", "en", "consultation", "update", "999", "--orientation", "mar")
    assert (code, out) == (1, "") and err.count("\n") == 1 and "999" in err


def test_a_sheets_orientation_column_is_read_with_several_codes(
    centre: AppContext, db: Path | str, tmp_path: Path
) -> None:
    path = tmp_path / "suivi.csv"
    lines = [
        "Nom;Date;Mode;Thème;Orienté vers",
        'Durand;12/03/2025;Tél.;Chauffage;"MAR; ADIL"',
        "Martin;13/03/2025;Accueil;Isolation;CAUE, services sociaux",
        "Leroy;14/03/2025;Accueil;Isolation;",
        "Petit;15/03/2025;Accueil;Isolation;Astrologue",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    svc = ImportService(centre, clock=lambda: NOW)
    table = svc.read(path, ImportMapping())
    report = svc.run(table, ImportMapping())
    assert [(p.line, p.field) for p in report.rejected] == [(5, "orientations")]
    rows = query(
        db,
        "SELECT h.last_name, o.code FROM consultation_orientations o "
        "JOIN consultations c ON c.id = o.consultation_id "
        "JOIN households h ON h.id = c.household_id ORDER BY h.last_name, o.code",
    )
    assert rows == [
        ("Durand", "adil"), ("Durand", "mar"), ("Martin", "caue"), ("Martin", "social")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("country", "expected", "never"),
    [
        ("FR", "mar", "agency_programme"),
        ("MA", "energy_company", "mar"),
        ("TN", "agency_programme", "adil"),
    ],
)
def test_demo_data_refers_households_as_each_country_does(
    new_db: Databases, country: str, expected: str, never: str
) -> None:
    from siec_desk.services.demo.generator import DemoOptions, generate_demo

    path = new_db(f"demo-{country}")
    ctx = make_ctx(path, country)
    try:
        generate_demo(ctx, DemoOptions(households=60, consultations=400, seed=3))
    finally:
        ctx.close()
    counts = dict(query(path, "SELECT code, count(*) FROM consultation_orientations GROUP BY code"))
    referred = query(path, "SELECT count(DISTINCT consultation_id) FROM consultation_orientations")
    assert 40 <= int(referred[0][0]) <= 200  # type: ignore[call-overload]  # some, not all
    assert counts[expected] == max(counts.values()) and never not in counts


def test_french_demo_homes_have_energy_labels_and_appointments_for_poor_ones(
    new_db: Databases,
) -> None:
    """About half the French homes have a DPE, in the housing stock's shares; from February
    2026 advice in an F or G home is often the France Rénov' appointment, always with its
    project type, and it passes the consultation's rules; Moroccan homes have neither."""
    from siec_desk.domain.consultation_rules import validate_consultation
    from siec_desk.services.demo.generator import DemoOptions, generate_demo

    until = date(2026, 12, 1)
    path = new_db("demo-dpe")
    ctx = make_ctx(path, "FR")
    try:
        generate_demo(ctx, DemoOptions(households=800, seed=4, until=until))
        appointments = [c for c in ctx.consultations.between() if c.act == "mpr_appointment"]
        for c in appointments[:20]:
            validate_consultation(
                ConsultationInput(
                    mode=c.mode,
                    themes=c.themes,
                    act=c.act,
                    project_type=ctx.consultations.get(c.id).project_type,
                    household_id=c.household_id,
                    occurred_at=c.occurred_at,
                ),
                True,
                datetime.combine(until, datetime.max.time()),
                country="FR",
            )
    finally:
        ctx.close()
    classes = dict(query(path, "SELECT dpe_class, count(*) FROM households GROUP BY dpe_class"))
    known = sum(int(n) for k, n in classes.items() if k is not None)  # type: ignore[call-overload]
    assert 0.4 * 800 <= known <= 0.6 * 800
    share = {k: int(n) / known for k, n in classes.items() if k is not None}  # type: ignore[call-overload]
    assert 0.22 <= share["D"] <= 0.38 and 0.17 <= share["F"] + share["G"] <= 0.33
    assert share["A"] < share["B"] < share["C"] < share["E"] < share["D"]
    numbers = query(
        path, "SELECT dpe_number, dpe_date FROM households WHERE dpe_number IS NOT NULL"
    )
    assert all(len(str(n)) == 13 and str(n)[4] == "E" for n, _d in numbers)
    rows = query(
        path,
        "SELECT c.act, c.project_type, h.dpe_class, c.occurred_at FROM consultations c "
        "JOIN households h ON h.id = c.household_id "
        "WHERE c.act IN ('advice', 'mpr_appointment')",
    )
    given = [r for r in rows if r[0] == "mpr_appointment"]
    assert given and all(
        r[1] in {"whole_home", "single_works", "adaptation", "other"} for r in given
    )
    assert min(str(r[3]) for r in given) >= "2026-02-01"
    after = [r for r in rows if str(r[3]) >= "2026-02-01"]

    def rate(labels: set[object]) -> float:
        seen = [r for r in after if r[2] in labels]
        return sum(r[0] == "mpr_appointment" for r in seen) / max(1, len(seen))

    assert rate({"F", "G"}) > 0.3 > 0.1 > rate({"A", "B", "C", "D"})
    whole = [r for r in given if r[1] == "whole_home"]
    assert len(whole) > len(given) / 3


def test_moroccan_demo_has_no_energy_label_nor_appointment(new_db: Databases) -> None:
    from siec_desk.services.demo.generator import DemoOptions, generate_demo

    path = new_db("demo-ma-dpe")
    ctx = make_ctx(path, "MA")
    try:
        generate_demo(ctx, DemoOptions(households=200, seed=4, until=date(2026, 12, 1)))
    finally:
        ctx.close()
    assert query(path, "SELECT count(*) FROM households WHERE dpe_class IS NOT NULL") == [(0,)]
    assert query(path, "SELECT count(*) FROM consultations WHERE act = 'mpr_appointment'") == [(0,)]
