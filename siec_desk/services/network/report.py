"""The network report of the coordinator's database: composed from the merged figures
(``services.network.figures``) by ``documents.network_report`` on the caller's thread
(the DB thread in the GUI), then written as a workbook, or rendered as a PDF by the one
document worker (in a process of its own in the GUI, here for the command line)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.core.paths import resource_path
from siec_desk.domain.catalogue import CatalogueMeasure, load_catalogue
from siec_desk.network.coordinator.database import NetworkDatabase
from siec_desk.services.network.figures import read_before_after, read_summary, read_tables

if TYPE_CHECKING:
    from siec_desk.documents.engine.pdf import RenderedPdf
    from siec_desk.documents.engine.worker import DocumentJob
    from siec_desk.documents.network_report.content import NetworkReportContent


def measure_name(code: str, language: str) -> str:
    """A catalogue measure's name (the network database holds codes only)."""
    found = _catalogue().get(code)
    return found.name(language) if found else code


def report_job(content: NetworkReportContent) -> DocumentJob:
    """The network report's PDF as a job for the document worker."""
    from siec_desk.documents.engine.worker import DocumentJob

    return DocumentJob("network", content)


def report_content(
    db: NetworkDatabase, language: str, today: date | None = None
) -> NetworkReportContent:
    """The network report's content in *language* (composed here, on the DB thread)."""
    from siec_desk.documents.network_report.content import compose_report

    summary = read_summary(db)
    if summary.empty:
        raise SiecError(_("The network database holds no centre file yet: import some first."))
    return compose_report(
        summary,
        read_tables(db),
        language,
        measure_name,
        today or date.today(),
        read_before_after(db),
    )


def report_bytes(
    db: NetworkDatabase,
    fmt: str,
    language: str,
    today: date | None = None,
    render: Callable[[DocumentJob], RenderedPdf] | None = None,
) -> bytes:
    """The network report as ``xlsx`` or ``pdf`` bytes, in *language*; the PDF is
    rendered by *render* (the document worker's ``render_here`` by default: the
    command line; the GUI renders :func:`report_job` in a process of its own)."""
    content = report_content(db, language, today)
    if fmt == "xlsx":
        from siec_desk.documents.network_report.xlsx import network_workbook

        return network_workbook(content)
    from siec_desk.documents.engine.worker import render_here

    return (render or render_here)(report_job(content)).pdf


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, CatalogueMeasure]:
    return {m.code: m for m in load_catalogue(resource_path("catalogue", "measures.json"))}
