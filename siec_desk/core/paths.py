"""Where SIEC Desk finds its resources and keeps its data.

Resources (catalogue, templates, fonts) live in the top-level ``resources/`` folder of a
checkout, in ``siec_desk/_resources`` inside an installed wheel, and under
``sys._MEIPASS`` in a frozen bundle; :func:`resource_path` hides the difference.
User data goes to the platform's user data directory (platformdirs), which the
``SIEC_DESK_HOME`` environment variable overrides (tests, portable installs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_DIR_NAME = "siec-desk"
DATABASE_FILE_NAME = "siec-desk.sqlite3"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_DIR_NAME, appauthor=False)


def _home_override() -> Path | None:
    home = os.environ.get("SIEC_DESK_HOME")
    return Path(home) if home else None


def user_data_dir() -> Path:
    return _home_override() or _dirs().user_data_path


def user_config_dir() -> Path:
    home = _home_override()
    return home / "config" if home else _dirs().user_config_path


def user_log_dir() -> Path:
    home = _home_override()
    return home / "logs" if home else _dirs().user_log_path


def default_database_path() -> Path:
    return user_data_dir() / DATABASE_FILE_NAME


def _resource_roots() -> list[Path]:
    roots = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root) / "resources")
    roots.append(_PACKAGE_DIR / "_resources")
    roots.append(_PACKAGE_DIR.parent / "resources")
    return roots


def resources_dir() -> Path:
    for root in _resource_roots():
        if root.is_dir():
            return root
    raise FileNotFoundError("SIEC Desk resources folder not found; the installation is broken.")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def locale_dir() -> Path:
    """Compiled gettext catalogues (``<lang>/LC_MESSAGES/siec_desk.mo``)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "siec_desk" / "locale"
    return _PACKAGE_DIR / "locale"
