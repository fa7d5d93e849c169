"""Stand-ins for the report's rendering process (run in a spawned child: importable)."""

from __future__ import annotations

import threading
from multiprocessing.connection import Connection

from siec_desk.documents.activity_report.content import ReportContent


def never_answers(sender: Connection, content: ReportContent) -> None:
    """A render that never ends: only terminating the process stops it."""
    threading.Event().wait()


def never_renders(sender: Connection, job: object) -> None:
    """A document worker's render that never ends (``documents.worker.render_in_process``)."""
    threading.Event().wait()
