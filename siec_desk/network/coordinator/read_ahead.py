"""Reading a run of received files ahead of storing them (issue 22): a file is read and
checked (:func:`~siec_desk.network.coordinator.reading.parse_export`, pure) in a worker
process while the coordinator stores the one before, on the other core.

* :func:`read_file` reads one file whole: its size bounded before a byte is read, parsed
  and checked, its SHA-256; or :class:`ImportRefusedError`, one translated line.
* :func:`read_result` is the same, never raising: a :class:`ReadResult` holding the file,
  or the refusal's line, or the name of the unexpected error (worded by the caller, as it
  words one raised while storing).
* :func:`read_ahead` yields the :class:`ReadResult` of each file in the files' order. A
  run of more than :data:`HEAD` files starts one ``spawn`` worker process (never ``fork``
  a process running Qt) that reads the files after the first :data:`HEAD` while they are
  read here and stored (the worker's start takes about as long). Its results come in
  order through one pipe, which bounds how far it reads ahead: it waits while the pipe
  holds a file not yet taken. The worker translates in the caller's language and dies
  with its parent (``documents.engine.worker_guard``). If it stops (crashed, killed), the
  file it was reading is reported as not imported, the rest are read here; it never hangs
  the run.

A parsed file crosses the process boundary pickled: its cells are plain tuples (about
0.7 ms to pickle and 0.9 ms to unpickle a centre's year of 2,600 cells, against 9 ms to
read and check it).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from siec_desk.core.errors import SiecError
from siec_desk.core.files import os_reason
from siec_desk.core.i18n import _, current_language, set_language
from siec_desk.network.coordinator.reading import (
    MAX_BYTES,
    ImportRefusedError,
    ParsedExport,
    parse_export,
    too_large,
)

#: Files read here before the worker's first (a run of at most this many starts none).
HEAD = 8

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadResult:
    """A file read: *parsed* and its *digest*; or *error*, the refusal's translated line;
    or *failure*, the type name of an unexpected error while reading it."""

    path: Path
    parsed: ParsedExport | None = None
    digest: str = ""
    error: str | None = None
    failure: str | None = None


def read_file(path: Path) -> tuple[ParsedExport, str]:
    """*path* parsed and checked, with the SHA-256 of its bytes; or
    :class:`ImportRefusedError`."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # refused before a byte is read
            raise ImportRefusedError(
                _("{file}: {reason}").format(file=path.name, reason=too_large())
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefusedError(
            _("{file}: cannot be read: {reason}").format(file=path.name, reason=os_reason(exc))
        ) from exc
    return parse_export(path, data), hashlib.sha256(data).hexdigest()


def read_result(path: Path) -> ReadResult:
    """:func:`read_file` as a :class:`ReadResult` (what the worker sends back)."""
    try:
        parsed, digest = read_file(path)
    except SiecError as exc:
        return ReadResult(path, error=str(exc))
    except Exception as exc:
        return ReadResult(path, failure=type(exc).__name__)
    return ReadResult(path, parsed, digest)


def worker_stopped(path: Path) -> ReadResult:
    return ReadResult(
        path,
        error=_(
            "{file}: cannot be imported (the process reading the files stopped); nothing "
            "of it was stored."
        ).format(file=path.name),
    )


def _worker(
    sender: Connection, paths: list[Path], language: str, reader: Callable[[Path], ReadResult]
) -> None:
    """In the worker: end with the parent, translate as the caller does, and send the
    result of each file in turn (``send`` waits while the pipe is full)."""
    from siec_desk.documents.engine.worker_guard import die_with_parent

    die_with_parent()
    set_language(language)
    for path in paths:
        sender.send(reader(path))
    sender.close()


def _start_worker(
    paths: list[Path], reader: Callable[[Path], ReadResult]
) -> tuple[BaseProcess, Connection]:
    """The worker reading *paths*, started; and the end of the pipe its results come by."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_worker,
        args=(sender, paths, current_language(), reader),
        name="siec-desk-network-import",
        daemon=True,
    )
    process.start()
    sender.close()  # the worker holds its own end: EOF here if it dies
    return process, receiver


def read_ahead(
    paths: Sequence[Path],
    *,
    head: int | None = None,
    reader: Callable[[Path], ReadResult] = read_result,
) -> Generator[ReadResult, None, None]:
    """The :class:`ReadResult` of every file of *paths*, in their order (see the module
    doc). *reader* reads one file in the worker (a module-level function; tests give one
    that crashes; *head* is :data:`HEAD` unless given). Close the iterator when stopping
    early: it ends the worker."""
    head = HEAD if head is None else head
    if len(paths) <= head:
        yield from (read_result(path) for path in paths)
        return
    ahead = list(paths[head:])
    process, receiver = _start_worker(ahead, reader)
    finished = False
    try:
        yield from (read_result(path) for path in paths[:head])
        for index, path in enumerate(ahead):
            try:
                result = receiver.recv()
            except (EOFError, OSError):
                _log.warning("the network import's reading process stopped")
                yield worker_stopped(path)
                yield from (read_result(p) for p in ahead[index + 1 :])
                return
            assert isinstance(result, ReadResult) and result.path == path  # one pipe, in order
            yield result
        finished = True
    finally:
        receiver.close()
        if not finished:  # stopped early (or the worker died): it is not needed any more
            process.terminate()
        process.join(timeout=5)
