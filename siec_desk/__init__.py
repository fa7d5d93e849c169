"""SIEC Desk: the desktop app of local energy/climate advice centres."""

from __future__ import annotations

APP_NAME = "siec-desk"


def __getattr__(name: str) -> str:
    """``__version__`` on first use: reading package metadata costs ~50 ms at start-up."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib import metadata

    try:
        version = metadata.version("siec-desk")
    except metadata.PackageNotFoundError:  # a checkout that was never installed
        version = "0.0.0+checkout"
    globals()["__version__"] = version
    return version
