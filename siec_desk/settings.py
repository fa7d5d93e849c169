"""User preferences kept outside the database (language), as a small JSON file.

Window geometry and other per-machine UI state belong to QSettings in the UI layer;
data the centre shares belongs in the database.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from siec_desk.paths import user_config_dir

log = logging.getLogger(__name__)
SETTINGS_VERSION = 1


@dataclass
class Preferences:
    language: str | None = None
    version: int = SETTINGS_VERSION


def _file() -> Path:
    return user_config_dir() / "preferences.json"


def load_preferences() -> Preferences:
    try:
        raw = json.loads(_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable preferences %s: %s", _file(), exc)
        return Preferences()
    language = raw.get("language")
    return Preferences(language=language if isinstance(language, str) else None)


def save_preferences(preferences: Preferences) -> None:
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(preferences), indent=2), encoding="utf-8")
    tmp.replace(path)
