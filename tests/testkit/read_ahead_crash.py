"""A reader for the network import's read-ahead worker that kills its process on a file
whose name holds ``crash`` (importable by the spawned worker: tests give it as *reader*)."""

from __future__ import annotations

import os
from pathlib import Path

from siec_desk.network.coordinator.read_ahead import ReadResult, read_result


def crash_on_marked(path: Path) -> ReadResult:
    if "crash" in path.name:
        os._exit(3)  # the worker dies as on a crash: no answer, no exception
    return read_result(path)
