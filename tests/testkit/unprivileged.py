"""File permissions that hold for root too, for tests that check a refused folder or file.

CI runs as root, and root ignores permission bits because of two capabilities:
``CAP_DAC_OVERRIDE`` (write, read and enter anything) and ``CAP_DAC_READ_SEARCH``.
:func:`permissions_apply` drops both from the calling thread's *effective* set for the
block (Linux ``capset``), then restores them: inside, the kernel checks the permission
bits as it does for any user, so a read-only folder really refuses a new file with
``EACCES`` (no simulation, no second user, no copy of the tree). Capabilities belong to
the thread, so the code under test must run on this thread (the in-process CLI does).
Outside root it does nothing: the bits already apply.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_VERSION_3 = 0x20080522  # _LINUX_CAPABILITY_VERSION_3: two 32-bit words per set
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2
_OVERRIDES = (1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH)


class _Header(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _Data(ctypes.Structure):
    _fields_ = (
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    )


def _call(name: str, data: ctypes.Array[_Data]) -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    header = _Header(_VERSION_3, 0)  # pid 0: the calling thread
    if getattr(libc, name)(ctypes.byref(header), data) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{name}: {os.strerror(code)}")


def _effective() -> int:
    data = (_Data * 2)()
    _call("capget", data)
    return int(data[0].effective)


def _set_effective(effective: int) -> None:
    data = (_Data * 2)()
    _call("capget", data)
    data[0].effective = effective
    _call("capset", data)


def is_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0


@contextmanager
def permissions_apply() -> Iterator[None]:
    """Inside the block, this thread obeys permission bits even as root."""
    if not is_root():
        yield
        return
    if not sys.platform.startswith("linux"):
        raise RuntimeError("running as root: file permissions cannot be enforced here")
    saved = _effective()
    _set_effective(saved & ~_OVERRIDES)
    try:
        yield
    finally:
        _set_effective(saved)
