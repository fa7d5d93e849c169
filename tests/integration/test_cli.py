"""Every Foundation command of cli.md, with good and bad input, through ``main()``."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from testkit.cli import Cli
from testkit.databases import Databases, query

from siec_desk import __version__

pytestmark = pytest.mark.both_backends


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("cli"), capsys)


def test_version(cli: Cli) -> None:
    code, out, _err = cli("--version")
    assert (code, out.strip()) == (0, f"siec-desk {__version__}")


def test_demo_then_consultation_list_prints_consultations(cli: Cli) -> None:
    report = cli.json("demo", "--households", "200", "--seed", "1")
    assert report["households"] == 200 and report["consultations"] == 600
    rows = cli.json("consultation", "list")
    assert isinstance(rows, list) and len(rows) == 600
    for key in ("id", "date", "mode", "act", "themes", "duration_min", "household_id", "measures"):
        assert key in rows[0]
    assert any(r["household_id"] is None for r in rows)  # anonymous first-level calls
    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    assert max(f"{r['date']} {r['time']}" for r in rows) <= now  # nothing in the future
    assert any(r["measures"] for r in rows)


def test_the_network_export_works_straight_after_the_demo(cli: Cli, tmp_path: Path) -> None:
    """documents-review item 24: a CLI-only centre could not export (no network code)."""
    cli("demo", "--households", "120", "--seed", "2", "--country", "MA")
    last_month = date.today().replace(day=1) - timedelta(days=1)
    month = last_month.strftime("%Y-%m")
    out = tmp_path / "export.json"
    code, _out, err = cli("stats", "export", "--from", month, "--to", month, "--out", str(out))
    assert (code, err) == (0, "") and out.is_file()
    assert '"DEMO-MA"' in out.read_text("utf-8")
    code, _out, err = cli("--lang", "en", "demo", "--households", "1", "--country", "MA")
    assert code == 0, err  # a second demo keeps the centre and its code


def test_a_network_code_with_spaces_is_refused_at_set_up(new_db: Databases) -> None:
    from siec_desk.core.errors import ValidationError
    from siec_desk.services.centre import CentreService
    from siec_desk.storage.database import open_database

    db = open_database(new_db("code"))
    try:
        with pytest.raises(ValidationError) as refused:
            CentreService(db).set_up("ALEC", "FR", "fr", network_code="ALEC 13")
        assert refused.value.for_field("network_code") == [
            "Use letters, digits, “-” and “_” only, without spaces."
        ]
        assert CentreService(db).current() is None  # nothing half-written
    finally:
        db.close()


def test_demo_is_deterministic_for_a_seed(
    new_db: Databases, capsys: pytest.CaptureFixture[str]
) -> None:
    dumps = []
    for name in ("a", "b"):
        cli = Cli(new_db(name), capsys)
        cli.json("demo", "--households", "50", "--seed", "7", "--country", "MA")
        dumps.append((cli.json("household", "list"), cli.json("consultation", "list")))
    assert dumps[0] == dumps[1]
    other = Cli(new_db("c"), capsys)
    other.json("demo", "--households", "50", "--seed", "8", "--country", "MA")
    assert other.json("household", "list") != dumps[0][0]


def test_household_added_in_arabic_is_found_without_hamza(cli: Cli) -> None:
    created = cli.json(
        "household",
        "add",
        "--first-name",
        "أحمد",
        "--last-name",
        "العمراني",
        "--phone",
        "+212 6 61 23 45 67",
        "--letter-lang",
        "ar",
    )
    found = cli.json("household", "search", "احمد")
    assert [h["id"] for h in found] == [created["id"]]
    for key in ("id", "first_name", "last_name", "phone", "email", "commune"):
        assert key in found[0]
    assert found[0]["first_name"] == "أحمد"  # JSON keeps non-ASCII as is
    shown = cli.json("household", "show", str(created["id"]))
    assert shown["phone"] == "+212661234567" and shown["letter_language"] == "ar"


def test_human_output_of_list_and_show(cli: Cli) -> None:
    cli(
        "household",
        "add",
        "--first-name",
        "Éloïse",
        "--last-name",
        "Légaré",
        "--phone",
        "0611223344",
        "--commune",
        "Marseille",
    )
    code, out, _ = cli("household", "list")
    assert code == 0 and "Éloïse Légaré" in out and "06 11 22 33 44" in out
    code, out, _ = cli("household", "show", "1")
    assert code == 0 and "Marseille" in out


def test_consultation_add_with_household_and_measures(cli: Cli) -> None:
    hid = cli.json("household", "add", "--last-name", "Martin", "--commune", "Aubagne")["id"]
    cid = cli.json(
        "consultation",
        "add",
        "--household",
        str(hid),
        "--mode",
        "walk_in",
        "--theme",
        "insulation",
        "--theme",
        "heating",
        "--duration",
        "40",
        "--measure",
        "attic_insulation",
        "--measure",
        "lower_setpoint_1c",
    )["id"]
    rows = cli.json("consultation", "list")
    assert rows == [r for r in rows if r["id"] == cid]
    row = rows[0]
    assert row["act"] == "advice" and row["household_id"] == hid
    assert row["themes"] == ["heating", "insulation"]
    assert sorted(row["measures"]) == ["attic_insulation", "lower_setpoint_1c"]
    assert row["commune"] == "Aubagne"


def test_anonymous_phone_information(cli: Cli) -> None:
    cid = cli.json(
        "consultation",
        "add",
        "--mode",
        "phone",
        "--theme",
        "financial_aid",
        "--commune",
        "Gardanne",
    )["id"]
    (row,) = cli.json("consultation", "list")
    assert row["id"] == cid and row["household_id"] is None and row["act"] == "info"


def test_consultation_list_filters_by_date(cli: Cli) -> None:
    old = (date.today() - timedelta(days=30)).isoformat()
    cli.json("consultation", "add", "--mode", "phone", "--theme", "heating", "--date", old)
    cli.json("consultation", "add", "--mode", "phone", "--theme", "heating")
    assert len(cli.json("consultation", "list", "--from", date.today().isoformat())) == 1
    assert len(cli.json("consultation", "list", "--to", old)) == 1


def test_measures_list_per_country(cli: Cli) -> None:
    fr = {m["code"] for m in cli.json("measures", "list", "--country", "FR")}
    ma = {m["code"] for m in cli.json("measures", "list", "--country", "MA")}
    assert "heat_pump" in fr and "heat_pump" not in ma
    assert "butane_to_solar_cooking" in ma and "butane_to_solar_cooking" not in fr


def test_db_commands(cli: Cli, tmp_path: Path, backend: str) -> None:
    assert cli("db", "upgrade")[0] == 0
    assert cli.json("db", "check")["ok"] is True
    cli.json("household", "add", "--last-name", "Avant")
    backup = tmp_path / "saved.sqlite3"
    code, _out, err = cli("db", "backup", "--out", str(backup))
    if backend == "postgresql":  # the server's own tool backs up, said in one line
        assert code == 1 and "pg_dump" in err and err.count("\n") == 1, err
        assert not backup.exists()
        return
    assert code == 0 and backup.exists()
    cli.json("household", "add", "--last-name", "Après")
    code, _out, err = cli("db", "restore", str(backup))
    assert code == 0, err
    assert [h["last_name"] for h in cli.json("household", "list")] == ["Avant"]


@pytest.mark.parametrize(
    "args",
    [
        ("household", "add", "--last-name", "X", "--phone", "123"),
        ("household", "add", "--last-name", "X", "--email", "x@"),
        ("household", "add"),
        ("household", "show", "999"),
        ("consultation", "add", "--mode", "phone", "--theme", "heating", "--act", "advice"),
        ("consultation", "add", "--mode", "phone", "--theme", "heating", "--duration", "0"),
        ("consultation", "add", "--mode", "phone", "--theme", "heating", "--duration", "601"),
        (
            "consultation",
            "add",
            "--mode",
            "phone",
            "--theme",
            "heating",
            "--date",
            (date.today() + timedelta(days=1)).isoformat(),
        ),
        ("consultation", "add", "--household", "42", "--mode", "phone", "--theme", "heating"),
        ("consultation", "add", "--mode", "phone", "--theme", "heating", "--measure", "nope"),
        ("db", "restore", "/nonexistent/backup.sqlite3"),
    ],
)
def test_bad_input_gives_one_line_exit_1_and_stores_nothing(
    cli: Cli, args: tuple[str, ...]
) -> None:
    code, _out, err = cli(*args)
    assert code == 1
    assert err.startswith("siec-desk: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert query(cli.db, "SELECT count(*) FROM households") == [(0,)]
    assert query(cli.db, "SELECT count(*) FROM consultations") == [(0,)]


@pytest.mark.parametrize(
    "args",
    [
        ("consultation", "add", "--mode", "telepathy", "--theme", "heating"),
        ("consultation", "add", "--mode", "phone"),
        ("consultation", "list", "--from", "31/02/2025"),
        ("demo", "--households", "-5"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: tuple[str, ...]) -> None:
    code, _out, err = cli(*args)
    assert code == 2 and "Traceback" not in err


def test_errors_are_translated(cli: Cli) -> None:
    code, _out, err = cli("--lang", "fr", "household", "show", "999")
    assert code == 1 and "introuvable" in err
    code, _out, err = cli("--lang", "ar", "household", "show", "999")
    assert code == 1 and any("\u0600" <= c <= "\u06ff" for c in err)


def test_newer_database_is_refused_by_every_command(cli: Cli) -> None:
    cli.json("household", "list")
    query(cli.db, "UPDATE alembic_version SET version_num = '9999'")
    code, _out, err = cli("household", "list")
    assert code == 1 and "newer version" in err


def test_installed_entry_point_runs_without_traceback(tmp_path: Path, db_path: Path | str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "siec_desk",
            "--db",
            str(db_path),
            "household",
            "show",
            "1",
        ],
        capture_output=True,
        text=True,
        env={"SIEC_DESK_HOME": str(tmp_path), "PATH": ""},
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "siec-desk: Household 1 not found."


def test_validation_errors_name_each_wrong_field(cli: Cli) -> None:
    code, _out, err = cli("household", "add", "--last-name", "X", "--phone", "12", "--email", "y@")
    assert code == 1
    assert err.startswith("siec-desk: Phone: “12” is not a valid phone number.")
    assert "E-mail: “y@” is not a valid e-mail address." in err
    code, _out, err = cli(
        "--lang",
        "fr",
        "consultation",
        "add",
        "--mode",
        "phone",
        "--theme",
        "heating",
        "--duration",
        "900",
    )
    assert err.strip() == "siec-desk: Durée (min) : Doit être compris entre 1 et 600."


def test_demo_spreads_consultations_over_the_period(cli: Cli) -> None:
    """No day gets a pile-up (return visits were once clamped onto the last day)."""
    cli.json("demo", "--households", "400", "--seed", "3", "--years", "1")
    rows = cli.json("consultation", "list")
    per_day: dict[str, int] = {}
    for row in rows:
        per_day[row["date"]] = per_day.get(row["date"], 0) + 1
    average = len(rows) / len(per_day)
    assert max(per_day.values()) < 6 * average, sorted(per_day.items(), key=lambda kv: -kv[1])[:3]
