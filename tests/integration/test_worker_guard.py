"""Render workers die with their parent (redteam LOW-1).

A parent process starts workers the way the app does (the letters pool; a spawned
process with only the portable watchdog, as on Windows and macOS), prints their PIDs and
waits; the test kills it with SIGKILL, as ``kill -9`` or a crash would, and then polls
until every worker is gone, within a bounded wait.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

POOL_PARENT = """
import time
from siec_desk.documents.letters.pool import RenderPool

if __name__ == "__main__":
    pool = RenderPool(2)
    futures = [pool._executor.submit(time.sleep, 0.5) for _ in range(2)]
    for future in futures:
        future.result()  # both workers started, their initialiser (guard, warm-up) done
    print(" ".join(str(pid) for pid in pool._executor._processes), flush=True)
    time.sleep(600)
"""

WATCHDOG_PARENT = """
import multiprocessing, sys, time
from siec_desk.documents.engine.worker_guard import die_with_parent

def child(ready):
    die_with_parent(use_prctl=False)  # the portable guard alone
    ready.set()
    time.sleep(600)

if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    worker = context.Process(target=child, args=(ready,))
    worker.start()
    ready.wait(60)
    print(worker.pid, flush=True)
    time.sleep(600)
"""

#: How long workers may survive their parent (the watchdog notices at once; start-up of
#: a loaded machine aside).
BOUND_SECONDS = 20


def alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.is_dir() and Path("/proc/self").exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
        except (OSError, IndexError):
            return False
    if sys.platform == "win32":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:  # pragma: no cover - macOS
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _kill_parent_and_wait(script: str, tmp_path: Path) -> tuple[list[int], list[int]]:
    """(worker PIDs, those still alive after the bound)."""
    path = tmp_path / "parent.py"
    path.write_text(script, encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, str(path)], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        assert parent.stdout is not None
        line = parent.stdout.readline()
        workers = [int(pid) for pid in line.split()]
        assert workers and all(alive(pid) for pid in workers), line
    finally:
        parent.kill()  # SIGKILL (TerminateProcess on Windows): no clean-up runs
        parent.wait()
    deadline = time.monotonic() + BOUND_SECONDS
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:  # do not leave them behind if the test fails
        os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
    return workers, survivors


def test_letter_pool_workers_die_when_their_parent_is_killed(tmp_path: Path) -> None:
    workers, survivors = _kill_parent_and_wait(POOL_PARENT, tmp_path)
    assert len(workers) == 2
    assert survivors == []


def test_the_portable_watchdog_alone_ends_a_worker_whose_parent_is_killed(
    tmp_path: Path,
) -> None:
    workers, survivors = _kill_parent_and_wait(WATCHDOG_PARENT, tmp_path)
    assert len(workers) == 1
    assert survivors == []
