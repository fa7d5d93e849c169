"""Equipment loans through the service and the command line (issue 19 point 2): the
inventory with who has each item, lending and returns (the state at return becomes the
item's), overdue against a fixed today, an item's history, audited without values; bad
input is one line and nothing is written; the period's figures; the rights export lists
a household's loans, erasing deletes them (the item stays), anonymising drops their
notes; the sample rows of schema 0017; the demo's inventory and loans; the slip."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import update
from testkit.cli import Cli
from testkit.databases import Databases, query

from siec_desk.core.errors import ConflictError, NotFoundError, ValidationError
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.loan_records import ItemInput, LendInput, ReturnInput
from siec_desk.services.app import AppContext, open_app
from siec_desk.storage.models import Household

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 12, 7)
WATTMETER = ItemInput("Wattmètre", "wattmeter", label="WM-01", location="Armoire")


def test_lend_return_and_history_with_the_item_state_and_the_audit(ctx: AppContext) -> None:
    hid = ctx.households.create(HouseholdInput(first_name="Amina", last_name="Benali"))
    item = ctx.loans.add_item(WATTMETER)
    ctx.loans.add_item(ItemInput("Caméra thermique", "thermal_camera", label="CT-01"))
    loan = ctx.loans.lend(LendInput(item, hid, date(2026, 11, 30), date(2026, 11, 16),
                                    Decimal("50"), "clé USB fournie"), today=TODAY)  # fmt: skip
    [camera, watt] = ctx.loans.items(today=TODAY)  # by name
    assert camera.available and camera.current is None
    assert watt.current is not None and not watt.available
    assert (watt.current.household_name, watt.current.overdue) == ("Amina Benali", True)
    assert [x.id for x in ctx.loans.loans(overdue=True, today=TODAY)] == [loan]
    assert ctx.loans.loans(overdue=True, today=date(2026, 11, 30)) == []  # due that day
    with pytest.raises(ValidationError, match="already lent"):
        ctx.loans.lend(LendInput(item, hid, date(2026, 12, 21)), today=TODAY)
    ctx.loans.return_loan(loan, ReturnInput(date(2026, 12, 6), "damaged"), today=TODAY)
    back = ctx.loans.item(item, today=TODAY)
    assert (back.state, back.current, back.loans) == ("damaged", None, 1)
    [history] = ctx.loans.loans(item_id=item, today=TODAY)
    assert (history.returned_on, history.state_at_return, history.overdue) == (
        date(2026, 12, 6), "damaged", False
    )  # fmt: skip
    assert ctx.loans.loans(household_id=hid, open_only=True) == []
    with pytest.raises(ValidationError, match="already been returned"):
        ctx.loans.return_loan(loan, ReturnInput(), today=TODAY)

    audit = [e for e in ctx.audit.events() if e.object_type in ("loan", "loan_item")]
    assert sorted((e.object_type, e.action) for e in audit) == sorted(
        [("loan_item", "create"), ("loan_item", "create"), ("loan", "create"),
         ("loan", "update")]
    )  # fmt: skip
    text = json.dumps([e.details for e in audit], ensure_ascii=False)
    assert "clé USB" not in text and "Amina" not in text and "50" not in text


def test_a_lost_item_is_not_lent_and_labels_are_unique(ctx: AppContext) -> None:
    hid = ctx.households.create(HouseholdInput(last_name="Alaoui"))
    item = ctx.loans.add_item(WATTMETER)
    with pytest.raises(ValidationError, match="Another item already has this label"):
        ctx.loans.add_item(ItemInput("Autre", "wattmeter", label="wm-01"))
    old = ctx.loans.item(item)
    ctx.loans.update_item(item, ItemInput("Wattmètre", "wattmeter", "WM-01", "lost"), old.version)
    with pytest.raises(ConflictError):
        ctx.loans.update_item(item, WATTMETER, old.version)  # someone saved in between
    with pytest.raises(ValidationError, match="lost or retired"):
        ctx.loans.lend(LendInput(item, hid, date(2026, 12, 21)), today=TODAY)
    with pytest.raises(NotFoundError):
        ctx.loans.lend(LendInput(99, hid, date(2026, 12, 21)), today=TODAY)
    assert ctx.loans.loans() == []


def test_the_figures_count_lent_out_and_overdue(ctx: AppContext) -> None:
    hids = [ctx.households.create(HouseholdInput(last_name=n)) for n in ("A", "B")]
    items = [ctx.loans.add_item(ItemInput(f"W{i}", "wattmeter", label=f"W{i}")) for i in range(3)]
    first = ctx.loans.lend(LendInput(items[0], hids[0], date(2026, 11, 10), date(2026, 11, 3)),
                           today=TODAY)  # fmt: skip
    ctx.loans.return_loan(first, ReturnInput(date(2026, 11, 12)), today=TODAY)
    ctx.loans.lend(LendInput(items[1], hids[0], date(2026, 11, 20), date(2026, 11, 6)),
                   today=TODAY)  # overdue  # fmt: skip
    ctx.loans.lend(LendInput(items[2], hids[1], date(2026, 12, 20), date(2026, 12, 1)),
                   today=TODAY)  # fmt: skip
    november = ctx.loans.figures(date(2026, 11, 1), date(2026, 11, 30), today=TODAY)
    assert (november.lent, november.out, november.overdue, november.households) == (2, 1, 1, 1)
    december = ctx.loans.figures(date(2026, 12, 1), date(2026, 12, 31), today=TODAY)
    assert (december.lent, december.out, december.overdue, december.households) == (1, 2, 1, 1)


def test_the_monthly_report_counts_the_loans_in_pdf_and_xlsx(ctx: AppContext) -> None:
    import io

    import openpyxl

    from siec_desk.documents.activity_report.pdf import report_html
    from siec_desk.documents.activity_report.xlsx import report_workbook
    from siec_desk.domain.activity_period import Period

    hid = ctx.households.create(HouseholdInput(last_name="Alaoui"))
    item = ctx.loans.add_item(WATTMETER)
    ctx.loans.lend(LendInput(item, hid, date(2026, 11, 20), date(2026, 11, 6)), today=TODAY)
    report = ctx.reports.monthly(Period(date(2026, 11, 1), date(2026, 11, 30)), "en", TODAY)
    assert report.loans is not None
    assert [(x.label, x.value) for x in report.loans.lines] == [
        ("Items lent in the period", 1), ("Households that borrowed an item", 1),
        ("Items out at the end of the period", 1), ("Of which overdue", 1),
    ]  # fmt: skip
    assert "Equipment loans" in report_html(report)
    book = openpyxl.load_workbook(io.BytesIO(report_workbook(report)), read_only=True)
    cells = [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    assert any(row[:2] == ("Of which overdue", 1) for row in cells)


def test_rights_export_lists_loans_erasing_deletes_them_anonymising_drops_notes(
    ctx: AppContext, db_path: object
) -> None:
    from siec_desk.documents.rights.compose import compose
    from siec_desk.services.privacy_ops import anonymise_households

    kept = ctx.households.create(HouseholdInput(last_name="Durand"))
    gone = ctx.households.create(HouseholdInput(last_name="Martin"))
    items = [ctx.loans.add_item(ItemInput(f"W{i}", "wattmeter", label=f"W-{i}")) for i in (1, 2)]
    for hid, item in zip((kept, gone), items, strict=True):
        ctx.loans.lend(LendInput(item, hid, date(2026, 12, 20), None, None, "code porte 1234"),
                       today=TODAY)  # fmt: skip
    data = ctx.rights.collect(kept)
    [loan] = data["equipment_loans"]
    assert (loan["item_label"], loan["notes"]) == ("W-1", "code porte 1234")
    assert any(e["object_type"] == "loan" for e in data["audit"])
    sections = {s.title: s for s in compose(data).sections}
    table = sections["Prêts de matériel"].table  # in the household's letter language
    assert table is not None and table.rows[0][0] == "W1 (W-1)"

    ctx.rights.erase(gone)
    assert query(db_path, f"SELECT count(*) FROM loans WHERE household_id = {gone}") == [(0,)]  # type: ignore[arg-type]
    assert len(ctx.loans.items()) == 2 and ctx.loans.item(items[1]).available
    with ctx.db.write() as session:
        anonymise_households(session, [kept], ctx.retention.archive_dir)
    [left] = ctx.loans.loans()
    assert (left.household_id, left.notes, left.returned_on) == (kept, None, None)
    loan_events = [e for e in ctx.audit.events() if e.object_type == "loan"]
    assert loan_events and all(e.object_id is None for e in loan_events)


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("cli"), capsys)


def test_the_command_line_adds_lends_lists_and_returns(cli: Cli) -> None:
    cli.json("household", "add", "--first-name", "Amina", "--last-name", "Benali")
    item = cli.json("loan", "item", "add", "--name", "Wattmètre", "--type", "wattmeter",
                    "--label", "WM-01", "--location", "Armoire", "--json")  # fmt: skip
    assert item == {"id": 1}
    loan = cli.json("loan", "out", "1", "--household", "1", "--due", "2026-11-30",
                    "--date", "2026-11-16", "--deposit", "50", "--json")  # fmt: skip
    assert loan == {"id": 1}
    [listed] = cli.json("loan", "item", "list", "--json")  # type: ignore[misc]
    assert listed["current"]["due_on"] == "2026-11-30" and listed["available"] is False
    overdue = cli.json("loan", "list", "--overdue", "--json")
    assert isinstance(overdue, list) and [x["id"] for x in overdue] == [1]
    assert overdue[0]["deposit_minor"] == 5000 and overdue[0]["household_name"] == "Amina Benali"
    code, out, _err = cli("--lang", "fr", "loan", "list", "--item", "1")
    assert code == 0 and "Wattmètre (WM-01)" in out and "50,00" in out
    back = cli.json("loan", "return", "1", "--state", "worn", "--json")
    assert isinstance(back, dict) and back["state_at_return"] == "worn"
    assert cli.json("loan", "list", "--overdue", "--json") == []
    [again] = cli.json("loan", "item", "list", "--json")  # type: ignore[misc]
    assert (again["state"], again["current"], again["loans"]) == ("worn", None, 1)


@pytest.mark.parametrize(
    ("options", "said"),
    [(["loan", "out", "1", "--household", "1", "--due", "2026-01-01", "--date", "2026-02-01"],
      "The item must be due back after the day it goes out."),
     (["loan", "out", "1", "--household", "1", "--due", "2099-01-02", "--date", "2099-01-01"],
      "The date cannot be in the future."),
     (["loan", "out", "1", "--household", "1", "--due", "2026-12-30", "--deposit", "-5"],
      "The amount cannot be negative."),
     (["loan", "out", "1", "--household", "7", "--due", "2026-12-30"], "Household 7 not found."),
     (["loan", "out", "9", "--household", "1", "--due", "2026-12-30"], "Item 9 not found."),
     (["loan", "item", "add", "--name", " ", "--type", "wattmeter"], "This field is required."),
     (["loan", "item", "add", "--name", "X", "--type", "wattmeter", "--label", "WM-01"],
      "Another item already has this label."),
     (["loan", "return", "5"], "Loan 5 not found.")],
)  # fmt: skip
def test_a_wrong_loan_is_one_line_and_nothing_is_saved(
    cli: Cli, options: list[str], said: str
) -> None:
    cli.json("household", "add", "--last-name", "Benali")
    cli.json("loan", "item", "add", "--name", "W", "--type", "wattmeter", "--label", "WM-01",
             "--json")  # fmt: skip
    code, out, err = cli("--lang", "en", *options)
    assert (code, out) == (1, "") and err.count("\n") == 1 and said in err
    assert query(cli.db, "SELECT count(*) FROM loans") == [(0,)]
    assert query(cli.db, "SELECT count(*) FROM loan_items") == [(1,)]
    code, _out, err = cli("loan", "item", "add", "--name", "W", "--type", "toaster")
    assert code == 2 and "--type" in err


def test_the_slip_is_written_in_french_and_arabic(cli: Cli, tmp_path: Path) -> None:
    cli.json("household", "add", "--first-name", "Amina", "--last-name", "Benali")
    cli.json("loan", "item", "add", "--name", "Wattmètre", "--type", "wattmeter", "--label",
             "WM-01", "--json")  # fmt: skip
    cli.json("loan", "out", "1", "--household", "1", "--due", "2026-12-30", "--date",
             "2026-12-01", "--deposit", "100", "--json")  # fmt: skip
    texts = {}
    for lang in ("fr", "ar"):
        out = tmp_path / f"slip-{lang}.pdf"
        code, _o, err = cli("loan", "slip", "1", "--lang", lang, "--out", str(out))
        assert code == 0, err
        texts[lang] = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                     text=True, check=True).stdout  # fmt: skip
    for text in texts.values():
        assert "Amina Benali" in text and "WM-01" in text and "Wattmètre" in text
    assert "2026" in texts["fr"] and "100,00" in texts["fr"]
    exports = query(cli.db, "SELECT count(*) FROM audit_events WHERE object_type = 'loan' "
                            "AND action = 'export'")  # fmt: skip
    assert exports == [(2,)]


def test_a_database_of_schema_0016_gains_loans_and_0017_keeps_them(tmp_path: Path) -> None:
    """The sample rows of revision 0017 (tests/fixtures), opened and upgraded to the head."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures"))
    from make_schema_fixture import build

    path = tmp_path / "s0017.sqlite3"
    build("0017", path)
    ctx = open_app(path)
    try:
        logger, watt = sorted(ctx.loans.items(today=TODAY), key=lambda i: i.id, reverse=True)
        assert (watt.label, watt.current is not None, logger.state) == ("WM-01", True, "worn")
        [old] = ctx.loans.loans(item_id=logger.id, today=TODAY)
        assert (old.returned_on, old.state_at_return, old.deposit_minor) == (
            date(2026, 11, 10), "worn", 5000
        )  # fmt: skip
        assert ctx.loans.loans(overdue=True, today=date(2026, 12, 13))[0].item_label == "WM-01"
    finally:
        ctx.close()


@pytest.mark.parametrize("country", ["MA", "FR"])
def test_the_demo_has_an_inventory_and_loans_some_overdue(
    new_db: Databases, capsys: pytest.CaptureFixture[str], country: str
) -> None:
    cli = Cli(new_db(f"demo-{country}"), capsys)
    code, _out, err = cli("demo", "--households", "300", "--country", country, "--years", "2",
                          "--seed", "4")  # fmt: skip
    assert code == 0, err
    items = cli.json("loan", "item", "list", "--json")
    loans = cli.json("loan", "list", "--json")
    assert isinstance(items, list) and isinstance(loans, list)
    types = {i["item_type"] for i in items}
    assert {"wattmeter", "temperature_logger", "thermal_camera"} <= types
    assert len(loans) > 10 * len(items) / 2  # lent again and again over two years
    assert any(x["overdue"] for x in loans)
    open_items = [x["item_id"] for x in loans if x["returned_on"] is None]
    assert len(open_items) == len(set(open_items))  # never out twice


def test_equipment_still_out_or_lent_lately_keeps_a_household_from_the_retention_purge(
    ctx: AppContext,
) -> None:
    """A loan is a contact: a household silent for years in consultations but holding a
    wattmeter (or lent one within the period) is not due, and the item is not lost."""
    ctx.retention.today = lambda: TODAY  # type: ignore[method-assign]
    holder = ctx.households.create(HouseholdInput(last_name="Tazi"))
    lately = ctx.households.create(HouseholdInput(last_name="Alami"))
    silent = ctx.households.create(HouseholdInput(last_name="Bennani"))
    cutoff = ctx.retention.cutoff()
    item = ctx.loans.add_item(WATTMETER)
    other = ctx.loans.add_item(ItemInput("Enregistreur", "temperature_logger", label="TL-01"))
    old = date(cutoff.year - 1, 1, 10)
    ctx.loans.lend(LendInput(item, holder, date(old.year, 2, 10), old), today=TODAY)
    returned = ctx.loans.lend(LendInput(other, lately, date(2026, 6, 1), date(2026, 5, 1)),
                              today=TODAY)  # fmt: skip
    ctx.loans.return_loan(returned, ReturnInput(date(2026, 5, 30), "good"), today=TODAY)
    with ctx.db.write() as session:  # all three created before the period began
        session.execute(update(Household).values(created_at=datetime.combine(old, time(), UTC)))
    assert ctx.retention.due_ids() == [silent]
