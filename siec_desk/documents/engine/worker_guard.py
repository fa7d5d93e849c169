"""Worker processes that die with their parent (letters pool, report rendering).

A worker started with ``spawn`` outlives a parent that is killed (``kill -9``, a crash of
the GUI): it is re-parented to PID 1 and keeps its ~100 MB until it is killed by hand.
:func:`die_with_parent`, called first thing in every worker, prevents that:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker as soon as
  its parent dies. Linux ties it to the parent *thread* that started the worker, so the
  pools are started from a thread that outlives them (the GUI thread, the command's
  main thread, or a thread that waits for the worker, as ``reports.export`` does);
* everywhere (the only guard on Windows and macOS, a second one on Linux), a watchdog
  thread that waits on the parent's process sentinel (``multiprocessing.parent_process``:
  a pipe on POSIX, the process handle on Windows) or, without one, polls the parent PID,
  and ends the worker when the parent is gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the parent PID when there is no sentinel to wait on.
POLL_SECONDS = 1.0
_EXIT_CODE = 70  # the parent is gone: nothing to report to


def _set_parent_death_signal() -> bool:
    """Linux: ask the kernel to SIGKILL this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # returns when the parent's sentinel closes: the parent is gone
    else:
        stopped = threading.Event()
        while os.getppid() == parent_pid:
            stopped.wait(POLL_SECONDS)
    os._exit(_EXIT_CODE)


def die_with_parent(*, use_prctl: bool = True) -> None:
    """End this worker process when its parent process ends (see the module doc)."""
    parent_pid = os.getppid()
    if use_prctl and _set_parent_death_signal() and os.getppid() != parent_pid:
        os._exit(_EXIT_CODE)  # the parent died before the signal was asked for
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watchdog", daemon=True).start()
