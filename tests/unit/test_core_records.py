"""The shared helpers that replaced copied code (issue 17, duplication): a record read from
an object of the same attribute names, and a file written whole or not at all."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from siec_desk.core.errors import SiecError
from siec_desk.core.files import write_whole
from siec_desk.core.records import record_from


@dataclass(frozen=True)
class _Entry:
    id: int
    actor: str
    details: dict[str, object]


def test_record_from_reads_every_field_and_takes_the_given_ones() -> None:
    row = SimpleNamespace(id=7, actor="Samira", details='{"a": 1}', unrelated=True)
    entry = record_from(_Entry, row, details={"a": 1})
    assert entry == _Entry(7, "Samira", {"a": 1})


def test_record_from_names_a_field_the_source_lacks() -> None:
    with pytest.raises(AttributeError, match="actor"):
        record_from(_Entry, SimpleNamespace(id=1), details={})


def test_write_whole_replaces_the_file_and_leaves_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes(b"old")
    assert write_whole(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_write_whole_refused_at_the_last_moment_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    assert not write_whole(target, b"%PDF", threading.Lock(), lambda: False)
    assert list(tmp_path.iterdir()) == []


def test_write_whole_into_a_missing_folder_says_why_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.xlsx"
    with pytest.raises(SiecError, match="Cannot write") as caught:
        write_whole(target, b"PK")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "missing").exists()
