"""Hatchling build hook: compile the gettext catalogues (translations/*.po) to .mo.

The .po files are the source; compiled catalogues are never committed. They are written
to ``siec_desk/locale/<lang>/LC_MESSAGES/siec_desk.mo`` (git-ignored) for both wheels and
editable installs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, _version: str, _build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        sys.path.insert(0, str(root / "packaging"))
        from compile_catalogues import compile_all

        compile_all(root / "translations", root / "siec_desk" / "locale")
