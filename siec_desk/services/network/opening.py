"""The network window's work on the DB thread, no Qt: each call opens the network
database, does one thing and closes it (the window may switch databases at any time)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from siec_desk.core.files import write_private
from siec_desk.core.paths import user_data_dir
from siec_desk.documents.engine.worker import DocumentJob
from siec_desk.documents.network_report.content import NetworkReportContent, compose_report
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.services.network.coordinator import ImportOutcome, NetworkCoordinator, report_job

DEFAULT_NAME = "network.sqlite3"


def default_network_db() -> Path:
    """Where the network database lives unless the coordinator picks another file."""
    return user_data_dir() / DEFAULT_NAME


def load(path: Path, language: str) -> NetworkReportContent | None:
    """The summary grids, or None when the file does not exist yet."""
    if not path.exists():
        return None
    db = open_network_database(path)
    try:
        coordinator = NetworkCoordinator(db)
        return compose_report(
            coordinator.summary(), [], language, coordinator.measure_name, date.today()
        )
    finally:
        db.close()


def import_files(
    path: Path, files: Sequence[Path], replace: Sequence[str] = ()
) -> list[ImportOutcome]:
    """*replace*: the centres whose earlier, different figures the coordinator confirmed
    replacing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_network_database(path)
    try:
        return NetworkCoordinator(db).import_files(files, replace=replace)
    finally:
        db.close()


def write_report(path: Path, out: Path, language: str) -> Path:
    db = open_network_database(path)
    try:
        data = NetworkCoordinator(db).report(out.suffix.lower().lstrip("."), language)
    finally:
        db.close()
    return write_private(out, data)


def pdf_report_job(path: Path, language: str) -> DocumentJob:
    """The network report composed (DB thread), for the document worker to render."""
    db = open_network_database(path)
    try:
        return report_job(NetworkCoordinator(db).report_content(language))
    finally:
        db.close()


def save_pdf(out: Path, pdf: bytes) -> Path:
    return write_private(out, pdf)
