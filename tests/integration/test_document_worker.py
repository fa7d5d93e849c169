"""``documents.worker``: the one way every PDF is rendered — a job renders in a process of
its own and comes back whole; a cancel terminates the process; an error comes back with
its traceback; the command line renders the same job in its own process."""

from __future__ import annotations

import dataclasses
import multiprocessing
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from testkit.activity import march_2024_centre
from testkit.reports import never_renders

from siec_desk.documents.activity_report.content import ReportContent
from siec_desk.documents.engine.worker import (
    DocumentJob,
    RenderCancelledError,
    RenderFailedError,
    process_name,
    render_here,
    render_in_process,
)
from siec_desk.domain.activity_period import month


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportContent]:
    ctx, _ids = march_2024_centre(tmp_path_factory.mktemp("worker") / "c.sqlite3")
    yield ctx.reports.monthly(month(date(2024, 3, 1)), "fr")
    ctx.close()


def _workers(name: str) -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == name]  # type: ignore[misc]


def test_a_job_renders_in_a_process_of_its_own_as_it_does_here(content: ReportContent) -> None:
    job = DocumentJob("report", content)
    rendered = render_in_process(job)
    here = render_here(job)
    assert rendered.pdf.startswith(b"%PDF") and rendered.pages == here.pages >= 1
    assert _workers(process_name(job)) == []  # the process is gone once it answered


def test_cancel_terminates_a_render_that_would_never_end(content: ReportContent) -> None:
    job = DocumentJob("rights", content)  # never rendered: the target never answers
    cancelled = threading.Event()
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            render_in_process(job, cancelled, never_renders)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        while not _workers("siec-desk-rights"):
            assert thread.is_alive(), outcome
            thread.join(0.01)
        [worker] = _workers("siec-desk-rights")
        cancelled.set()
        thread.join(30)
    finally:
        cancelled.set()
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], RenderCancelledError)
    assert not worker.is_alive() and worker.exitcode != 0


def test_an_error_comes_back_with_its_traceback(content: ReportContent) -> None:
    broken = DocumentJob("report", dataclasses.replace(content, language="xx"))
    with pytest.raises(RenderFailedError, match="unsupported language: 'xx'"):
        render_in_process(broken)


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown document kind"):
        DocumentJob("poster", None)
