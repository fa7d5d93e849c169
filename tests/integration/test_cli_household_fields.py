"""``household add|update|show`` take one option per field of the registry: the DPE
(issue 18) round-trips through them, and a wrong value is one clear line, nothing saved."""

from __future__ import annotations

import pytest
from testkit.cli import Cli
from testkit.databases import Databases, query

from siec_desk.cli.commands.household_fields import option_fields, option_name
from siec_desk.domain.fields import HOUSEHOLD


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("cli"), capsys)


def test_the_dpe_is_added_updated_and_shown(cli: Cli) -> None:
    created = cli.json(
        "household", "add", "--last-name", "Durand", "--dpe-class", "F",
        "--dpe-date", "2024-06-12", "--dpe-number", "2413e 1234567x",
    )  # fmt: skip
    hid = str(created["id"])  # type: ignore[index]
    shown = cli.json("household", "show", hid)
    assert (shown["dpe_class"], shown["dpe_date"], shown["dpe_number"]) == (  # type: ignore[index]
        "F", "2024-06-12", "2413E1234567X"
    )  # fmt: skip

    code, _out, err = cli("household", "update", hid, "--dpe-class", "C")
    assert (code, err) == (0, "")
    shown = cli.json("household", "show", hid)
    assert shown["dpe_class"] == "C" and shown["dpe_number"] == "2413E1234567X"  # type: ignore[index]
    assert shown["last_name"] == "Durand"  # type: ignore[index]


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--dpe-number", "2413E12", "DPE number (ADEME): “2413E12” is not valid: 13"),
        ("--dpe-number", "2413E123456-X", "letters and digits are expected."),
        ("--dpe-date", "2999-01-01", "DPE date: The date cannot be in the future."),
    ],
)
def test_a_wrong_dpe_is_one_line_and_nothing_is_saved(
    cli: Cli, option: str, value: str, said: str
) -> None:
    code, out, err = cli("--lang", "en", "household", "add", "--last-name", "X", option, value)
    assert (code, out) == (1, "") and err.count("\n") == 1 and said in err
    assert query(cli.db, "SELECT count(*) FROM households") == [(0,)]


def test_an_unknown_dpe_class_is_a_usage_error(cli: Cli) -> None:
    code, _out, err = cli("household", "add", "--last-name", "X", "--dpe-class", "H")
    assert code == 2 and "--dpe-class" in err
    assert query(cli.db, "SELECT count(*) FROM households") == [(0,)]


def test_every_field_an_advisor_sets_is_an_option_and_released_names_stay(cli: Cli) -> None:
    names = {option_name(s) for s in option_fields()}
    released = {
        "--first-name", "--last-name", "--phone", "--email", "--commune", "--postal-code",
        "--tenure", "--letter-lang", "--dwelling-type", "--construction-period", "--surface",
        "--household-size", "--heating-energy", "--hot-water-energy", "--heating-kwh",
        "--electricity-kwh", "--butane-bottles", "--top-floor",
    }  # fmt: skip
    assert released <= names
    assert {"--dpe-class", "--dpe-date", "--dpe-number"} <= names
    edited = {s.name for s in HOUSEHOLD.values() if s.edited}
    assert edited - {s.name for s in option_fields()} == {
        "consent_recontact_on", "consent_wording"
    }  # fmt: skip
    code, out, _err = cli("--lang", "en", "household", "add", "--help")
    assert code == 0 and "Living area (m²), from 5 to 2000" in out
