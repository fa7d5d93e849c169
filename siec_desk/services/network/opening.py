"""The coordinator's network database, opened for one piece of work and closed again:
:func:`open_coordinator` for ``siec-desk network …``, and the network window's calls on
its DB thread (no Qt; the window may switch databases at any time)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from siec_desk.core.errors import SiecError
from siec_desk.core.files import write_private
from siec_desk.core.i18n import _
from siec_desk.core.paths import user_data_dir
from siec_desk.documents.engine.worker import DocumentJob
from siec_desk.documents.network_report.content import NetworkReportContent, compose_report
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.services.network.coordinator import ImportOutcome, NetworkCoordinator, report_job

DEFAULT_NAME = "network.sqlite3"


def default_network_db() -> Path:
    """Where the network database lives unless the coordinator picks another file."""
    return user_data_dir() / DEFAULT_NAME


@contextmanager
def open_coordinator(path: Path, *, must_exist: bool = False) -> Iterator[NetworkCoordinator]:
    """Open the network database at *path* (created if missing, unless *must_exist*),
    give its coordinator, and close it however the work ends."""
    if must_exist and not path.exists():
        raise SiecError(
            _(
                "The network database {path} does not exist: import centre files into it first."
            ).format(path=path)
        )
    db = open_network_database(path)
    try:
        yield NetworkCoordinator(db)
    finally:
        db.close()


def load(path: Path, language: str) -> NetworkReportContent | None:
    """The summary grids, every merged table, and the before/after table, or None when
    the file does not exist yet."""
    if not path.exists():
        return None
    with open_coordinator(path) as coordinator:
        return compose_report(
            coordinator.summary(),
            coordinator.tables(),
            language,
            coordinator.measure_name,
            date.today(),
            coordinator.before_after(),
        )


def import_files(
    path: Path, files: Sequence[Path], replace: Sequence[str] = ()
) -> list[ImportOutcome]:
    """*replace*: the centres whose earlier, different figures the coordinator confirmed
    replacing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_coordinator(path) as coordinator:
        return coordinator.import_files(files, replace=replace)


def write_report(path: Path, out: Path, language: str) -> Path:
    with open_coordinator(path) as coordinator:
        data = coordinator.report(out.suffix.lower().lstrip("."), language)
    return write_private(out, data)


def pdf_report_job(path: Path, language: str) -> DocumentJob:
    """The network report composed (DB thread), for the document worker to render."""
    with open_coordinator(path) as coordinator:
        return report_job(coordinator.report_content(language))


def save_pdf(out: Path, pdf: bytes) -> Path:
    return write_private(out, pdf)
