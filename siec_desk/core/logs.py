"""Logging to a rotating file in the user log directory (never to the console).

The log is private, like the database: the file is 0600 and its folder 0700 (POSIX).
It never holds personal data or a database password:

- the engine hides SQL parameters (``hide_parameters=True``, storage/engine.py);
- an error is logged as its *class* and the place it happened (the traceback's file,
  line and function), never its message: a driver's message can quote a row's values
  (``DETAIL: Key (email)=(…) already exists``) and SQLAlchemy's adds the SQL;
- every line is passed through :func:`siec_desk.core.errors.mask_secrets` (URLs, ``password=``).

An unexpected error gets a short *reference* (:func:`log_unexpected`), written on its log
entry and shown in the one line the user sees, so support can find the entry.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import secrets
import traceback
from pathlib import Path
from types import TracebackType

from siec_desk.core.errors import mask_secrets
from siec_desk.core.paths import user_log_dir

LOG_FILE_NAME = "siec-desk.log"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def exception_outline(exc: BaseException) -> str:
    """*exc*'s traceback (and its causes'): file, line and function of each frame, and
    the class in place of the message (no source lines, no values)."""
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    for position, error in enumerate(reversed(chain)):
        if position:
            lines.append("The above exception led to:\n")
        frames = traceback.extract_tb(error.__traceback__)
        if frames:
            lines.append("Traceback (most recent call last):\n")
            lines.extend(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n' for f in frames)
        kind = type(error)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message not logged)\n")
    return "".join(lines).rstrip("\n")


class PrivateFormatter(logging.Formatter):
    """Exceptions as :func:`exception_outline`; every line with passwords masked."""

    def formatException(self, ei: ExcInfo) -> str:  # noqa: N802 (logging's name)
        error = ei[1]
        return exception_outline(error) if error is not None else ""

    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text  # another handler's full traceback, messages included
        record.exc_text = None
        try:
            return mask_secrets(super().format(record))
        finally:
            record.exc_text = cached


class PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are readable by the user only."""

    def _open(self) -> io.TextIOWrapper:
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, PRIVATE_FILE)
        return stream


def _private_folder(folder: Path) -> None:
    """Create the log folder (and missing parents) 0700; make an existing one 0700."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(PRIVATE_FOLDER)
        for old in folder.glob(LOG_FILE_NAME + "*"):  # files of earlier versions were 0644
            old.chmod(PRIVATE_FILE)


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach a rotating log file once; returns its path (None if it cannot be written)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    try:
        folder = user_log_dir()
        _private_folder(folder)
        path = folder / LOG_FILE_NAME
        handler = PrivateFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path


def new_reference() -> str:
    """A short reference for one incident, e.g. ``E-3F9A0C1B``."""
    return "E-" + secrets.token_hex(4).upper()


def log_unexpected(
    logger: logging.Logger, exc: BaseException, what: str = "unexpected error"
) -> str:
    """Log *exc* (class and place only) under a new reference; returns the reference."""
    reference = new_reference()
    logger.error("%s [%s] (%s)", what, reference, type(exc).__name__, exc_info=exc)
    return reference
