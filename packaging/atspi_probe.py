"""List SIEC Desk's accessible tree over AT-SPI: roles, names and accessible ids.

Run by ``check_atspi.sh`` with the system python3 (python3-pyatspi). Exits 1 when the
app is not on the bus or an interactive node has no accessible id.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import pyatspi

INTERACTIVE = {
    "push button",
    "text",
    "combo box",
    "check box",
    "list",
    "table",
    "spin button",
    "menu item",
    "page tab",
    "toggle button",
    "radio button",
}
Node = tuple[int, str, str, str]


def walk(node: Any, depth: int = 0, out: list[Node] | None = None) -> list[Node]:
    out = [] if out is None else out
    if node is None or len(out) > 5000:
        return out
    ident = node.get_accessible_id() if hasattr(node, "get_accessible_id") else ""
    out.append((depth, node.getRoleName(), node.name or "", ident or ""))
    for i in range(node.childCount):
        walk(node.getChildAtIndex(i), depth + 1, out)
    return out


def find_app() -> Any:
    desktop = pyatspi.Registry.getDesktop(0)
    for _ in range(40):
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and "siec" in (app.name or "").lower():
                return app
        time.sleep(0.5)
    return None


def main() -> int:
    app = find_app()
    if app is None:
        print("SIEC Desk is not on the accessibility bus")
        return 1
    tree = walk(app)
    for depth, role, name, ident in tree[:80]:
        print("  " * min(depth, 8) + f"{role}: {name!r} [{ident}]")
    interactive = [t for t in tree if t[1] in INTERACTIVE]
    missing = [t for t in interactive if not t[3]]
    print(f"{len(tree)} nodes, {len(interactive)} interactive, {len(missing)} without an id")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
