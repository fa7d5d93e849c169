"""Logging to a rotating file in the user log directory (never to the console)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from siec_desk.paths import user_log_dir


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach a rotating log file once; returns its path (None if it cannot be written)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    try:
        folder = user_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "siec-desk.log"
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
