"""Files holding personal data: written whole or not at all, readable by the user only;
and why a file or SQLite operation failed, in translated words.

On POSIX, letters and other files written here get mode 0600 and the folders SIEC Desk
creates for them 0700, whatever the umask (a shared office PC has other accounts).
A failed write (disk full, read-only folder) removes its ``.partial`` file and raises
one translated line; the OS's own reason is English, so the usual ones are translated.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from siec_desk.core.errors import SiecError, driver_reason
from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
#: A ``.partial`` file not written to for this long is a crash's leftover, not a copy
#: in progress (a 100 MB backup writes every second; a letter in well under one).
STALE_PARTIAL_S = 15 * 60
PRIVATE_FOLDER = 0o700
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_MISSING = {errno.ENOENT, errno.ENOTDIR}
# SQLite's primary result codes (https://sqlite.org/rescode.html)
SQLITE_READONLY = 8
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
#: PostgreSQL's SQLSTATE for "permission denied" (insufficient_privilege)
PG_INSUFFICIENT_PRIVILEGE = "42501"


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's language where the cause is common."""
    if exc.errno in _FULL:
        return _("the disk is full")
    if exc.errno in _DENIED:
        return _("permission denied (the file or its folder is read-only)")
    if exc.errno in _MISSING:
        return _("the folder does not exist")
    return exc.strerror or str(exc)


def sqlite_code(exc: BaseException | None) -> int | None:
    """SQLite's primary result code of a sqlite3 error (or of one SQLAlchemy wraps)."""
    exc = getattr(exc, "orig", None) or exc
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def sqlite_reason(exc: BaseException) -> str:
    """Why SQLite failed, in the user's language where the cause is common."""
    code = sqlite_code(exc)
    if code == SQLITE_FULL:
        return _("the disk is full")
    if code == SQLITE_READONLY:
        return _("permission denied (the file or its folder is read-only)")
    if code == SQLITE_CANTOPEN:
        return _("the file cannot be opened (check that its folder exists and can be written)")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return _("the file is damaged")
    if getattr(getattr(exc, "orig", None), "sqlstate", None) == PG_INSUFFICIENT_PRIVILEGE:
        return _(
            "the database role lacks a privilege ({detail}); see the PostgreSQL guide "
            "for the grants SIEC Desk needs"
        ).format(detail=driver_reason(exc))
    return driver_reason(exc)  # one line, no SQL, parameters or password


def make_private(path: Path) -> None:
    """Readable and writable by the user only (POSIX; elsewhere the folder's ACL rules)."""
    if os.name == "posix":
        path.chmod(PRIVATE_FILE)


def private_folder(folder: Path) -> None:
    """Create *folder* if missing; each folder created here (parents too) is 0700."""
    missing: list[Path] = []
    current = folder
    while not current.is_dir() and current != current.parent:
        missing.append(current)
        current = current.parent
    for created in reversed(missing):
        created.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        if os.name == "posix":
            created.chmod(PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask


def write_private(path: Path, data: bytes, *, create_folder: bool = False) -> Path:
    """Write *path* whole (``.partial``, flushed to disk, renamed) and private, or raise
    :class:`SiecError` leaving nothing behind."""
    partial = path.with_name(path.name + ".partial")
    try:
        if create_folder:
            private_folder(path.parent)
        elif not path.parent.is_dir():
            raise SiecError(_("The folder {folder} does not exist.").format(folder=path.parent))
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise SiecError(
            _("The file {path} could not be written: {reason}").format(
                path=path, reason=os_reason(exc)
            )
        ) from exc
    return path


def write_whole(
    path: Path,
    data: bytes,
    lock: threading.Lock | None = None,
    may_commit: Callable[[], bool] | None = None,
) -> bool:
    """Write *data* to ``<path>.partial``, fsync, then rename to *path*: the file is whole
    or absent (with the user's usual mode: for exports made to be shared). Under *lock*,
    *may_commit* is asked right before the rename: False leaves nothing and returns False.
    Raises :class:`SiecError` leaving nothing behind."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with lock or contextlib.nullcontext():
            if may_commit is not None and not may_commit():
                partial.unlink(missing_ok=True)
                return False
            os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SiecError(
            _("Cannot write {path}: {reason}").format(path=ltr(str(path)), reason=os_reason(exc))
        ) from exc
    return True


def remove_stale_partials(
    folder: Path, *, depth: int = 0, older_than_s: float = STALE_PARTIAL_S
) -> list[Path]:
    """Delete the ``*.partial`` files (and SQLite's ``*.partial-journal``, ``-wal``,
    ``-shm``) a crash or a full disk left in *folder* (and *depth* levels of sub-folders),
    once nobody has written to them for *older_than_s* seconds. Returns what was removed.
    They are partial copies of personal data: no later run would ever use them."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if depth > 0:
                    removed += remove_stale_partials(
                        Path(entry.path), depth=depth - 1, older_than_s=older_than_s
                    )
                continue
            if ".partial" not in entry.name or not entry.is_file(follow_symlinks=False):
                continue
            if not entry.name.endswith((".partial", "-journal", "-wal", "-shm")):
                continue
            if now - entry.stat().st_mtime <= older_than_s:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            log.warning("could not remove leftover %s", entry.name, exc_info=True)
    return removed
