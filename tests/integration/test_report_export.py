"""``reports.export``: a report file is written whole or not at all, and a cancel that is
accepted leaves nothing at the chosen path, whatever the step it arrives at."""

from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from testkit.activity import march_2024_centre
from testkit.reports import never_answers

from siec_desk.documents.activity_report.content import ReportContent
from siec_desk.documents.activity_report.export import (
    ExportCancelledError,
    ReportExport,
    render_pdf_in_process,
)
from siec_desk.domain.activity_period import month


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportContent]:
    ctx, _ids = march_2024_centre(tmp_path_factory.mktemp("export") / "c.sqlite3")
    yield ctx.reports.monthly(month(date(2024, 3, 1)), "fr")
    ctx.close()


def test_a_workbook_is_written_and_a_late_cancel_is_refused(
    content: ReportContent, tmp_path: Path
) -> None:
    job = ReportExport(content, "xlsx", tmp_path / "mars.xlsx")
    assert job.run() == tmp_path / "mars.xlsx"
    assert job.stage == "done"
    assert not job.cancel()  # too late: the file is in place and stays
    assert load_workbook(tmp_path / "mars.xlsx").worksheets[0]["B2"].value == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mars.xlsx"]


def test_a_cancel_arriving_as_rendering_ends_writes_nothing(
    content: ReportContent, tmp_path: Path
) -> None:
    (tmp_path / "mars.xlsx").write_bytes(b"the previous report")
    jobs: list[ReportExport] = []

    def render_then_cancelled(report: ReportContent, cancelled: threading.Event) -> bytes:
        assert jobs[0].cancel()  # the user clicks Cancel just as the bytes are ready
        return b"PK new workbook"

    job = ReportExport(content, "xlsx", tmp_path / "mars.xlsx", render_then_cancelled)
    jobs.append(job)
    with pytest.raises(ExportCancelledError):
        job.run()
    assert job.stage == "cancelled"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mars.xlsx"]  # no .partial
    assert (tmp_path / "mars.xlsx").read_bytes() == b"the previous report"


def test_an_error_in_the_rendering_process_comes_back_with_its_traceback(
    content: ReportContent, tmp_path: Path
) -> None:
    broken = dataclasses.replace(content, language="xx")  # no such catalogue
    job = ReportExport(broken, "pdf", tmp_path / "mars.pdf")
    with pytest.raises(RuntimeError, match="unsupported language: 'xx'"):
        job.run()
    assert job.stage == "failed"
    assert list(tmp_path.iterdir()) == []


def test_cancel_terminates_a_render_that_would_never_end(
    content: ReportContent, tmp_path: Path
) -> None:
    render = functools.partial(render_pdf_in_process, target=never_answers)
    job = ReportExport(content, "pdf", tmp_path / "mars.pdf", render)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            job.run()
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        while not [p for p in multiprocessing.active_children() if p.name == "siec-desk-report"]:
            assert thread.is_alive(), outcome
            thread.join(0.01)
        [worker] = [p for p in multiprocessing.active_children() if p.name == "siec-desk-report"]
        assert job.cancel()
    finally:
        job.cancel()
        thread.join(30)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], ExportCancelledError)
    assert not worker.is_alive() and worker.exitcode != 0
    assert list(tmp_path.iterdir()) == []
