"""Per-machine preferences kept outside the database, as a small JSON file.

The language, and where and how many automatic backups this PC keeps (a USB stick or a
synced folder is a path on this machine, not something the centre shares). Window
geometry and other UI state belong to QSettings in the UI layer; data the centre shares
belongs in the database. Fields are only ever added with defaults, so an older file
loads as is and a value out of range falls back to its default.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from siec_desk.core.paths import user_config_dir

log = logging.getLogger(__name__)
SETTINGS_VERSION = 1

#: Automatic backups kept: newest of each of the last N days / M months (see backups.py).
DEFAULT_DAILY_BACKUPS = 7
DEFAULT_MONTHLY_BACKUPS = 12
DAILY_BACKUPS_RANGE = (1, 366)
MONTHLY_BACKUPS_RANGE = (0, 120)


@dataclass
class Preferences:
    language: str | None = None
    #: Folder for backups; None: ``backups`` beside the database file.
    backup_folder: str | None = None
    daily_backups: int = DEFAULT_DAILY_BACKUPS
    monthly_backups: int = DEFAULT_MONTHLY_BACKUPS
    version: int = SETTINGS_VERSION


def chosen_backup_folder(preferences: Preferences) -> Path | None:
    """The backup folder chosen on this PC; None: the default beside the database."""
    return Path(preferences.backup_folder) if preferences.backup_folder else None


def _file() -> Path:
    return user_config_dir() / "preferences.json"


def _count(raw: dict[str, Any], key: str, default: int, bounds: tuple[int, int]) -> int:
    value = raw.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and bounds[0] <= value <= bounds[1]:
        return value
    return default


def _text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) and value else None


def load_preferences() -> Preferences:
    try:
        raw = json.loads(_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable preferences %s: %s", _file(), exc)
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    return Preferences(
        language=_text(raw, "language"),
        backup_folder=_text(raw, "backup_folder"),
        daily_backups=_count(raw, "daily_backups", DEFAULT_DAILY_BACKUPS, DAILY_BACKUPS_RANGE),
        monthly_backups=_count(
            raw, "monthly_backups", DEFAULT_MONTHLY_BACKUPS, MONTHLY_BACKUPS_RANGE
        ),
    )


def save_preferences(preferences: Preferences) -> None:
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(preferences), indent=2), encoding="utf-8")
    tmp.replace(path)
