"""The generic JSON of the command line's records: names, omissions and plain values are
what the hand-written ``as_json`` methods wrote, so the CLI's JSON contract holds."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from siec_desk.core.json_fields import MERGED_IN_JSON, NOT_IN_JSON, json_name, to_json
from siec_desk.domain.activity_results import Indicators
from siec_desk.domain.privacy_results import PurgeResult
from siec_desk.importing.plan_records import HouseholdMatch, ImportReport
from siec_desk.importing.rows import RowProblem, UnknownValue


class Colour(StrEnum):
    BLUE = "blue"


@dataclass(frozen=True)
class Inner:
    day: date


@dataclass(frozen=True)
class Outer:
    id: int
    secret: str = field(metadata=NOT_IN_JSON)
    path: Path = field(metadata=json_name("file"))
    at: datetime = datetime(2026, 1, 2, 3, 4, 5)
    colour: Colour = Colour.BLUE
    inner: tuple[Inner, ...] = (Inner(date(2026, 3, 1)),)
    by_key: dict[str, Inner] = field(default_factory=lambda: {"k": Inner(date(2026, 4, 1))})


def test_fields_are_renamed_left_out_and_made_plain_in_order() -> None:
    data = to_json(Outer(7, "hidden", Path("/tmp/a.pdf")))
    assert list(data) == ["id", "file", "at", "colour", "inner", "by_key"]
    assert data == {
        "id": 7,
        "file": str(Path("/tmp/a.pdf")),
        "at": "2026-01-02T03:04:05",
        "colour": "blue",
        "inner": [{"day": "2026-03-01"}],
        "by_key": {"k": {"day": "2026-04-01"}},
    }
    json.dumps(data)  # every value is JSON


def test_the_import_report_keeps_its_json_keys() -> None:
    report = ImportReport(rows=3)
    report.matches.append(HouseholdMatch(2, 40, "phone"))
    report.rejected.append(RowProblem(3, "phone", "12", "too short"))
    report.unknown_values.append(UnknownValue("mode", "visio", 2, 4))
    data = report.as_json()
    assert data["households"] == {
        "new": 0,
        "matched": 1,
        "matches": [{"line": 2, "household_id": 40, "by": "phone"}],
    }
    assert RowProblem(3, "phone", "12", "too short").as_json() == {
        "line": 3,
        "field": "phone",
        "value": "12",
        "reason": "too short",
    }
    assert UnknownValue("mode", "visio", 2, 4).as_json() == {
        "field": "mode",
        "value": "visio",
        "rows": 2,
        "first_line": 4,
    }


@dataclass(frozen=True)
class Named:
    first: str
    last: str

    def as_json(self) -> dict[str, object]:
        return {"name": f"{self.first} {self.last}"}


@dataclass(frozen=True)
class Place:
    commune: str
    since: date


@dataclass(frozen=True)
class Person:
    id: int
    who: Named = field(metadata=MERGED_IN_JSON)
    where: Place = field(metadata=MERGED_IN_JSON)
    version: int = 1


def test_a_merged_record_writes_its_keys_in_its_parent_through_its_own_json() -> None:
    data = to_json(Person(3, Named("Amina", "Alaoui"), Place("Fès", date(2025, 6, 1))))
    assert list(data) == ["id", "name", "commune", "since", "version"]
    assert data == {
        "id": 3,
        "name": "Amina Alaoui",
        "commune": "Fès",
        "since": "2025-06-01",
        "version": 1,
    }


def test_the_purge_result_keeps_its_json_keys_in_order() -> None:
    result = PurgeResult(
        mode="delete",
        retention_years=3,
        cutoff=date(2023, 1, 1),
        households=2,
        consultations=5,
        letters=1,
        ids=(4, 9),
        files_left=(Path("/tmp/l.pdf"),),
    )
    data = result.as_json()
    assert list(data) == [
        "mode",
        "dry_run",
        "retention_years",
        "cutoff",
        "households",
        "consultations",
        "letters",
        "household_ids",
        "files_not_deleted",
    ]
    assert data["cutoff"] == "2023-01-01"
    assert data["household_ids"] == [4, 9]
    assert data["files_not_deleted"] == [str(Path("/tmp/l.pdf"))]
    assert data["dry_run"] is False


def test_indicators_write_every_field_then_the_computed_figures() -> None:
    data = Indicators(
        households=5, new_households=2, outcomes_recorded=4, outcomes_done=1
    ).as_json()
    keys = list(data)
    assert keys[0] == "consultations"
    assert keys[-2:] == ["returning_households", "acted_share"]
    assert (data["returning_households"], data["acted_share"]) == (3, 0.25)
