"""``followup list|done|postpone|cancel`` and ``consultation add|update`` with a follow-up's
time and kind: JSON shapes, one-line refusals (exit 1 or 2), nothing half-written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from testkit.cli import Cli
from testkit.databases import Databases

TODAY = date.today()
NEXT_WEEK = (TODAY + timedelta(days=7)).isoformat()


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("cli"), capsys)


@pytest.fixture
def household(cli: Cli) -> int:
    found = cli.json(
        "household", "add", "--first-name", "Hélène", "--last-name", "Dupré",
        "--phone", "0612345678",
    )  # fmt: skip
    assert isinstance(found, dict)
    return int(found["id"])


def _add(cli: Cli, household: int, *extra: str) -> tuple[int, str, str]:
    return cli(
        "consultation", "add", "--household", str(household), "--mode", "phone",
        "--theme", "heating", *extra,
    )  # fmt: skip


def test_plan_a_call_back_next_week_and_list_it(cli: Cli, household: int) -> None:
    code, _out, err = _add(
        cli, household, "--follow-up-due", NEXT_WEEK, "--follow-up-time", "14:30",
        "--follow-up-kind", "appointment", "--follow-up-action", "Rappeler pour les devis",
    )  # fmt: skip
    assert code == 0, err
    rows = cli.json("followup", "list", "--status", "upcoming")
    assert isinstance(rows, list) and len(rows) == 1
    row = rows[0]
    assert (row["due"], row["time"], row["kind"]) == (NEXT_WEEK, "14:30", "appointment")
    assert (row["household"], row["phone"]) == ("Hélène Dupré", "+33612345678")
    assert row["action"] == "Rappeler pour les devis" and row["status"] == "to_call_back"
    assert cli.json("followup", "list", "--status", "due") == []
    code, out, _err = cli("followup", "list")
    assert code == 0 and "06 12 34 56 78" in out and "Appointment" in out


def test_done_postpone_cancel(cli: Cli, household: int) -> None:
    first = cli.json(
        "consultation", "add", "--household", str(household), "--mode", "phone",
        "--theme", "heating", "--follow-up-due", TODAY.isoformat(),
    )  # fmt: skip
    assert isinstance(first, dict)
    cid = str(first["id"])
    code, _out, err = cli("followup", "postpone", cid, "--to", NEXT_WEEK, "--time", "9:05")
    assert code == 0, err
    [row] = cli.json("followup", "list")  # type: ignore[misc]
    assert (row["due"], row["time"], row["postponed"]) == (NEXT_WEEK, "09:05", 1)
    code, out, _err = cli("followup", "done", cid, "--note", "Devis reçus")
    assert code == 0 and cid in out
    [row] = cli.json("followup", "list", "--status", "done")  # type: ignore[misc]
    assert row["note"] == "Devis reçus"
    code, _out, err = cli("followup", "cancel", cid)
    assert code == 1 and err.count("\n") == 1 and "already done or cancelled" in err


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--follow-up-action", "rappeler"), 1, "needs a date"),
        (("--follow-up-due", NEXT_WEEK, "--follow-up-time", "25:00"), 2, "not a time of day"),
        (("--follow-up-due", NEXT_WEEK, "--follow-up-kind", "lunch"), 2, "invalid choice"),
    ],
)
def test_bad_follow_ups_are_refused_in_one_line_and_nothing_is_written(
    cli: Cli, household: int, args: tuple[str, ...], code: int, words: str
) -> None:
    got, _out, err = _add(cli, household, *args)
    assert got == code and words in err
    assert cli.json("consultation", "list") == []


def test_update_plans_a_follow_up_on_an_existing_consultation(cli: Cli, household: int) -> None:
    added = cli.json(
        "consultation", "add", "--household", str(household), "--mode", "phone",
        "--theme", "heating",
    )  # fmt: skip
    assert isinstance(added, dict)
    cid = str(added["id"])
    updated = cli.json(
        "consultation", "update", cid, "--follow-up-due", NEXT_WEEK, "--follow-up-time", "10:00"
    )
    assert isinstance(updated, dict)
    assert (updated["id"], updated["follow_up_due"], updated["follow_up_time"]) == (
        int(cid),
        NEXT_WEEK,
        "10:00",
    )
    code, _out, err = cli("consultation", "update", cid, "--follow-up-time", "10:00")
    assert code == 2 and "--follow-up-due" in err
    code, _out, err = cli("followup", "postpone", cid, "--to", "2020-01-01")
    assert code == 1 and "today or a later day" in err
