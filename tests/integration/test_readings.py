"""Consumption readings through the service and the command line (issue 18 point 5):
stored, listed, changed, deleted, audited by field names; bad input is one line and
nothing is written; readings go with their household."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from testkit.cli import Cli
from testkit.databases import Databases, query

from siec_desk.core.errors import NotFoundError, ValidationError
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.readings import ReadingInput
from siec_desk.services.app import AppContext

pytestmark = pytest.mark.both_backends

JANUARY = ReadingInput(
    "electricity_kwh", date(2026, 1, 31), 310, "bill", date(2026, 1, 1), Decimal("45.20")
)


def test_a_reading_is_added_changed_listed_and_deleted_with_its_audit(ctx: AppContext) -> None:
    hid = ctx.households.create(HouseholdInput(last_name="Alaoui"))
    rid = ctx.readings.add(hid, JANUARY)
    meter = ctx.readings.add(hid, ReadingInput("gas_m3", date(2026, 2, 1), 1234.5, "meter"))
    [first, second] = ctx.readings.of_household(hid)
    assert (first.id, first.amount_minor, first.currency) == (rid, 4520, ctx.centre.currency)
    assert (second.id, second.start_on, second.amount_minor) == (meter, None, None)

    ctx.readings.update(rid, ReadingInput(
        "electricity_kwh", date(2026, 1, 31), 320, "bill", date(2026, 1, 1), Decimal("45.20"),
        "Facture de Mme Alaoui",
    ))  # fmt: skip
    assert ctx.readings.get(rid).quantity == 320
    ctx.readings.delete(meter)
    assert [r.id for r in ctx.readings.of_household(hid)] == [rid]

    events = [e for e in ctx.audit.events() if e.object_type == "consumption_reading"]
    actions = sorted((e.action, e.object_id) for e in events)
    assert actions == sorted([("create", rid), ("create", meter), ("update", rid),
                              ("delete", meter)])  # fmt: skip
    update = next(e for e in events if e.action == "update")
    assert update.details == {"household_id": hid, "fields": ["notes", "quantity"]}
    assert "Alaoui" not in json.dumps([e.details for e in events])


def test_a_wrong_reading_writes_nothing(ctx: AppContext) -> None:
    hid = ctx.households.create(HouseholdInput(last_name="Alaoui"))
    with pytest.raises(ValidationError):
        ctx.readings.add(hid, ReadingInput("gas_m3", date(2026, 1, 1), -3, "bill", None))
    with pytest.raises(NotFoundError):
        ctx.readings.add(hid + 1, JANUARY)
    assert ctx.readings.of_household(hid) == []


def test_readings_go_with_their_household(ctx: AppContext, db_path: object) -> None:
    hid = ctx.households.create(HouseholdInput(last_name="Alaoui"))
    ctx.readings.add(hid, JANUARY)
    ctx.rights.erase(hid)
    assert query(db_path, "SELECT count(*) FROM consumption_readings") == [(0,)]  # type: ignore[arg-type]


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("cli"), capsys)


def test_the_command_line_adds_lists_and_deletes(cli: Cli) -> None:
    hid = str(cli.json("household", "add", "--last-name", "Durand")["id"])  # type: ignore[index]
    added = cli.json(
        "household", "readings", "add", hid, "--kind", "electricity_kwh", "--from",
        "2026-01-01", "--to", "2026-01-31", "--quantity", "310", "--amount", "45.20",
    )  # fmt: skip
    cli.json("household", "readings", "add", hid, "--kind", "gas_m3", "--to", "2026-02-01",
             "--quantity", "1234")  # fmt: skip
    listed = cli.json("household", "readings", "list", hid)
    assert isinstance(listed, list) and len(listed) == 2
    assert {k: listed[0][k] for k in ("kind", "source", "start_on", "end_on", "quantity",
                                      "amount_minor", "currency")} == {
        "kind": "electricity_kwh", "source": "bill", "start_on": "2026-01-01",
        "end_on": "2026-01-31", "quantity": 310.0, "amount_minor": 4520, "currency": "EUR",
    }  # fmt: skip
    assert listed[1]["source"] == "meter"  # no --from: a meter reading
    code, out, _err = cli("--lang", "en", "household", "readings", "list", hid)
    assert code == 0 and "Electricity (kWh)" in out and "310\u00a0kWh" in out
    rid = str(added["id"])  # type: ignore[index]
    code, _out, _err = cli("household", "readings", "delete", rid)
    assert code == 0 and len(cli.json("household", "readings", "list", hid)) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--kind", "butane_bottles", "--from", "2026-01-01", "--to", "2026-01-31",
          "--quantity", "300"], "Quantity: 300 is more than a household plausibly uses"),
        (["--kind", "gas_m3", "--from", "2026-02-01", "--to", "2026-01-01", "--quantity", "3"],
         "The end of the period cannot be before its start."),
        (["--kind", "gas_m3", "--to", "2999-01-01", "--quantity", "3"],
         "The date cannot be in the future."),
        (["--kind", "gas_m3", "--from", "2026-01-01", "--to", "2026-01-31", "--quantity", "3",
          "--amount", "-2"], "The amount cannot be negative."),
    ],
)  # fmt: skip
def test_a_wrong_reading_is_one_line_and_nothing_is_saved(
    cli: Cli, options: list[str], said: str
) -> None:
    hid = str(cli.json("household", "add", "--last-name", "Durand")["id"])  # type: ignore[index]
    code, out, err = cli("--lang", "en", "household", "readings", "add", hid, *options)
    assert (code, out) == (1, "") and err.count("\n") == 1 and said in err
    assert query(cli.db, "SELECT count(*) FROM consumption_readings") == [(0,)]


def test_usage_errors_exit_2(cli: Cli) -> None:
    code, _out, err = cli("household", "readings", "add", "1", "--kind", "coal", "--to",
                          "2026-01-01", "--quantity", "1")  # fmt: skip
    assert code == 2 and "--kind" in err
    code, _out, err = cli("household", "readings", "add", "1", "--kind", "gas_m3", "--to",
                          "2026-01-01", "--quantity", "lots")  # fmt: skip
    assert code == 2 and "lots" in err


def test_the_shared_command_shape_with_a_date_and_a_unit(cli: Cli) -> None:
    """docs/cli.md's shape: ``--date D (--kwh N | --m3 N | --bottles N) [--amount X]``."""
    hid = str(cli.json("household", "add", "--last-name", "Alaoui")["id"])  # type: ignore[index]
    cli.json("household", "readings", "add", hid, "--date", "2026-03-01", "--kwh", "4100")
    cli.json("household", "readings", "add", hid, "--from", "2026-02-01", "--date",
             "2026-02-28", "--bottles", "3", "--amount", "120")  # fmt: skip
    cli.json("household", "readings", "add", hid, "--date", "2026-03-01", "--m3", "88",
             "--kind", "water_m3")  # fmt: skip
    listed = cli.json("household", "readings", "list", hid)
    assert isinstance(listed, list)
    assert sorted((r["kind"], r["quantity"]) for r in listed) == [
        ("butane_bottles", 3.0), ("electricity_kwh", 4100.0), ("water_m3", 88.0)
    ]  # fmt: skip
    code, _out, err = cli("household", "readings", "add", hid, "--date", "2026-03-01",
                          "--bottles", "2", "--kind", "gas_m3")  # fmt: skip
    assert code == 2 and "--bottles" in err
    code, _out, err = cli("household", "readings", "add", hid, "--date", "2026-03-01",
                          "--kwh", "2", "--m3", "3")  # fmt: skip
    assert code == 2
    assert len(cli.json("household", "readings", "list", hid)) == 3  # type: ignore[arg-type]


def test_consultation_show_gives_the_consumption_before_and_after(cli: Cli) -> None:
    hid = str(cli.json("household", "add", "--last-name", "Alaoui")["id"])  # type: ignore[index]
    for month, kwh in (("01", 300), ("02", 300), ("03", 300), ("05", 240), ("06", 240)):
        cli.json("household", "readings", "add", hid, "--kind", "electricity_kwh", "--from",
                 f"2026-{month}-01", "--to", f"2026-{month}-28", "--quantity", str(kwh),
                 "--amount", str(kwh // 5))  # fmt: skip
    # a bill spanning the consultation day is left out
    cli.json("household", "readings", "add", hid, "--kind", "electricity_kwh", "--from",
             "2026-04-01", "--to", "2026-04-28", "--quantity", "5000")  # fmt: skip
    cid = cli.json(
        "consultation",
        "add",
        "--household",
        hid,
        "--mode",
        "walk_in",
        "--theme",
        "appliances",
        "--act",
        "advice",
        "--date",
        "2026-04-10",
    )["id"]  # type: ignore[index]
    shown = cli.json("consultation", "show", str(cid))
    [change] = shown["consumption_before_after"]  # type: ignore[index]
    assert change["kind"] == "electricity_kwh" and change["percent"] == pytest.approx(-20)
    assert change["before"]["periods"] == 3 and change["after"]["periods"] == 2
    assert change["amount_difference_minor"] < 0
    anonymous = cli.json("consultation", "add", "--mode", "phone", "--theme", "heating")
    shown = cli.json("consultation", "show", str(anonymous["id"]))  # type: ignore[index]
    assert shown["consumption_before_after"] == []  # type: ignore[index]


def test_the_rights_export_holds_the_readings_in_json_and_pdf(
    ctx: AppContext, tmp_path: object
) -> None:
    from pathlib import Path

    from siec_desk.documents.rights.compose import compose

    folder = Path(str(tmp_path))
    hid = ctx.households.create(HouseholdInput(last_name="Durand", letter_language="fr"))
    rid = ctx.readings.add(hid, ReadingInput(
        "electricity_kwh", date(2026, 1, 31), 310, "bill", date(2026, 1, 1), Decimal("45.20"),
        "compteur de la cave"))  # fmt: skip
    ctx.rights.export(hid, folder / "export.json")
    data = json.loads((folder / "export.json").read_text("utf-8"))
    [reading] = data["consumption_readings"]
    assert (reading["id"], reading["quantity"], reading["amount_minor"], reading["notes"]) == (
        rid, 310.0, 4520, "compteur de la cave"
    )  # fmt: skip
    assert any(e["object_type"] == "consumption_reading" for e in data["audit"])

    content = compose(ctx.rights.collect(hid), ctx.rights.measure_name)
    [section] = [s for s in content.sections if s.table and len(s.table.headers) == 7]
    assert section.table is not None
    [row] = section.table.rows
    assert "310" in row[3] and "45,20" in row[4] and row[6] == "compteur de la cave"


def test_anonymising_keeps_quantities_and_drops_notes_deleting_removes(
    ctx: AppContext,
) -> None:
    from siec_desk.services.privacy_ops import anonymise_households, delete_households

    kept = ctx.households.create(HouseholdInput(last_name="Durand"))
    gone = ctx.households.create(HouseholdInput(last_name="Martin"))
    for hid in (kept, gone):
        ctx.readings.add(hid, ReadingInput(
            "gas_kwh", date(2026, 1, 31), 900, "bill", date(2026, 1, 1), Decimal(80),
            "chez Mme Durand, code porte 1234"))  # fmt: skip
    with ctx.db.write() as session:
        anonymise_households(session, [kept], ctx.retention.archive_dir)
        delete_households(session, [gone], ctx.retention.archive_dir)
    [reading] = ctx.readings.of_household(kept)
    assert (reading.quantity, reading.amount_minor, reading.notes) == (900.0, 8000, None)
    with ctx.db.read() as session:
        from sqlalchemy import select

        from siec_desk.storage.models import AuditEvent, ConsumptionReading

        assert session.scalars(select(ConsumptionReading.household_id)).all() == [kept]
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "consumption_reading")
        ).all()
        assert events and all(e.object_id is None and e.details == "{}" for e in events)


@pytest.mark.parametrize(
    ("country", "kinds"),
    [("MA", {"butane_bottles", "electricity_kwh"}), ("FR", {"electricity_kwh", "gas_kwh"})],
)
def test_demo_data_has_realistic_series_that_pass_the_rules(
    new_db: Databases, country: str, kinds: set[str]
) -> None:
    from testkit.contexts import make_ctx

    from siec_desk.domain.readings import validate_reading
    from siec_desk.services.demo.generator import DemoOptions, generate_demo

    ctx = make_ctx(new_db(country.lower()), country)
    until = date(2026, 6, 30)
    generate_demo(ctx, DemoOptions(households=60, seed=2, until=until))
    with_readings = [h.id for h in ctx.households.page(0, 100) if ctx.readings.of_household(h.id)]
    assert 3 <= len(with_readings) <= 30  # about one household in five
    readings = [r for hid in with_readings for r in ctx.readings.of_household(hid)]
    assert {r.kind for r in readings} == kinds
    for r in readings:
        amount = Decimal(r.amount_minor or 0) / 100
        validate_reading(
            ReadingInput(r.kind, r.end_on, r.quantity, r.source, r.start_on, amount),
            today=until,
        )
    ctx.close()
