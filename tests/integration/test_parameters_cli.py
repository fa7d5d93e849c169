"""``parameters list`` and ``parameters import``: the warning, refusals as one line with
nothing written, the audit event, and the imported set used by the next estimate."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from testkit.cli import Cli
from testkit.databases import Databases, query

from siec_desk.services import parameters as parameter_service

pytestmark = pytest.mark.both_backends

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "parameters"


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("parameters"), capsys)


def fixed_today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(parameter_service, "current_date", lambda: day)


def fr_2026() -> dict[str, object]:
    data: dict[str, object] = json.loads((SHIPPED / "FR-2026.json").read_text(encoding="utf-8"))
    return data


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def corrected_set() -> dict[str, object]:
    """A coordinator's mid-year correction of the French set."""
    data = fr_2026()
    data["version"] = "FR-2026.2"
    data["valid_from"] = "2026-06-01"
    data["signed_off"] = {"by": "Coordination régionale", "on": "2026-05-20"}
    data["prices"]["electricity"]["per_kwh"] = "0.2500"  # type: ignore[index]
    return data


def stored_versions(cli: Cli) -> list[object]:
    return [r[0] for r in query(cli.db, "SELECT version FROM parameter_sets ORDER BY version")]


def audit_count(cli: Cli) -> int:
    rows = query(cli.db, "SELECT count(*) FROM audit_events WHERE object_type = 'parameter_set'")
    return int(rows[0][0])  # type: ignore[call-overload]


def test_list_names_the_set_in_use_with_its_unconfirmed_values(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed_today(monkeypatch, date(2026, 12, 7))
    listing = cli.json("--lang", "en", "parameters", "list")
    assert isinstance(listing, dict)
    assert (listing["in_use"], listing["out_of_date"], listing["warning"]) == (
        "FR-2026.1",
        False,
        None,
    )
    current = next(s for s in listing["sets"] if s["version"] == "FR-2026.1")
    assert "income_ceilings" in current["unconfirmed"]
    assert current["values"]["price.electricity"]["as_of"] == "2026-02-01"
    assert current["values"]["income_ceilings"]["confirmed"] is False
    code, out, _err = cli("--lang", "en", "parameters", "list")
    assert code == 0 and "Unconfirmed in FR-2026.1" in out and "income_ceilings" in out


def test_list_warns_when_no_set_began_this_year(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    fixed_today(monkeypatch, date(2027, 1, 4))
    code, out, err = cli("--lang", "en", "parameters", "list")
    assert code == 0
    assert "Parameters out of date: FR-2026.1 is older than 1 January 2027" in out
    assert err.count("\n") == 1 and "out of date" in err  # also on stderr, for scripts
    listing = cli.json("--lang", "en", "parameters", "list")
    assert isinstance(listing, dict) and listing["out_of_date"] is True


def _bad_json(tmp: Path) -> Path:
    path = tmp / "bad.json"
    path.write_text('{"format": 2, "country": "FR",', encoding="utf-8")
    return path


def _wrong_country(tmp: Path) -> Path:
    data = json.loads((SHIPPED / "MA-2026.json").read_text(encoding="utf-8"))
    data["version"] = "MA-2026.9"
    data["valid_from"] = "2026-07-01"
    return write(tmp / "ma.json", data)


def _missing_value(tmp: Path) -> Path:
    data = corrected_set()
    del data["constants"]["butane_bottle_kg"]["value"]  # type: ignore[index]
    return write(tmp / "missing.json", data)


def _no_source(tmp: Path) -> Path:
    data = corrected_set()
    del data["prices"]["electricity"]["source"]  # type: ignore[index]
    return write(tmp / "nosource.json", data)


def _not_a_set(tmp: Path) -> Path:
    return write(tmp / "list.json", [1, 2, 3])


def _decreasing_scale(tmp: Path) -> Path:  # passes the schema, fails the domain checks
    data = corrected_set()
    data["income_ceilings"]["idf"]["2"] = [50000, 40000, 60000]  # type: ignore[index]
    return write(tmp / "scale.json", data)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_bad_json, "is not valid JSON"),
        (_wrong_country, "it is for MA, and this centre is in FR"),
        (_missing_value, "constants.butane_bottle_kg: “value” is missing"),
        (_no_source, "prices.electricity: “source” is missing"),
        (_not_a_set, "(whole file): wrong kind of value"),
        (_decreasing_scale, "ceilings must increase"),
    ],
)
def test_an_invalid_set_is_refused_in_one_line_and_nothing_is_written(
    cli: Cli, tmp_path: Path, make: object, problem: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    assert cli("parameters", "list")[0] == 0  # the database exists, with the shipped sets
    before = stored_versions(cli)
    assert "FR-2026.1" in before
    code, out, err = cli("--lang", "en", "parameters", "import", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"siec-desk: The parameter file {path.name} was not imported: ")
    assert problem in err
    assert stored_versions(cli) == before
    assert audit_count(cli) == 0


def test_a_reused_version_or_start_date_is_refused(cli: Cli, tmp_path: Path) -> None:
    shipped_again = fr_2026()
    shipped_again["prices"]["electricity"]["per_kwh"] = "0.3000"  # type: ignore[index]
    code, _out, err = cli(
        "--lang", "en", "parameters", "import", str(write(tmp_path / "a.json", shipped_again))
    )
    assert code == 1 and "a different set named FR-2026.1 already exists" in err
    same_day = corrected_set()
    same_day["valid_from"] = "2026-01-01"
    code, _out, err = cli(
        "--lang", "en", "parameters", "import", str(write(tmp_path / "b.json", same_day))
    )
    assert code == 1 and "the set FR-2026.1 already takes effect on 2026-01-01" in err
    code, out, _err = cli("--lang", "en", "parameters", "import", str(SHIPPED / "FR-2026.json"))
    assert code == 0 and "already in this database; nothing changed" in out


def test_an_imported_set_is_audited_kept_and_used_by_the_next_estimate(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed_today(monkeypatch, date(2026, 12, 7))
    path = write(tmp_path / "FR-2026.2.json", corrected_set())
    code, out, err = cli("--lang", "en", "parameters", "import", str(path))
    assert code == 0, err
    assert "Imported the parameter set FR-2026.2 (FR, from 2026-06-01)." in out
    assert "FR-2026.2" in stored_versions(cli)
    events = query(
        cli.db,
        "SELECT action, actor, details FROM audit_events WHERE object_type = 'parameter_set'",
    )
    assert len(events) == 1
    action, actor, details = events[0]
    assert (action, actor) == ("import", "command line")
    recorded = json.loads(str(details))
    assert recorded["version"] == "FR-2026.2" and len(recorded["sha256"]) == 64
    assert "Coordination" not in str(details)  # no names in the audit details
    # A new process (another PC) reads it back from the database.
    listing = cli.json("--lang", "en", "parameters", "list")
    assert isinstance(listing, dict) and listing["in_use"] == "FR-2026.2"
    imported = next(s for s in listing["sets"] if s["version"] == "FR-2026.2")
    assert imported["origin"] == "imported"
    # The next estimate uses it (0.2500 €/kWh for LED lighting's electricity).
    household = cli.json("household", "add", "--last-name", "Martin")
    assert isinstance(household, dict)
    added = cli.json(
        "consultation",
        "add",
        "--household",
        str(household["id"]),
        "--mode",
        "walk_in",
        "--theme",
        "lighting",
        "--act",
        "advice",
        "--measure",
        "led_lighting",
    )
    assert isinstance(added, dict)
    rows = query(
        cli.db,
        "SELECT parameter_set_version, kwh_per_year, money_per_year_minor FROM "
        f"recommended_measures WHERE consultation_id = {int(added['id'])}",
    )
    version, kwh, money = rows[0]
    assert version == "FR-2026.2"
    assert money == pytest.approx(float(kwh) * 25, abs=3)  # type: ignore[arg-type]  # not 19.40
