"""The GUI and the command line never touch a ``Database`` (issue 17): no ``….db`` of a
context in ``ui/`` or ``cli/`` (import-linter keeps storage and SQLAlchemy out of their
imports; this keeps the open database out of their hands)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "siec_desk"


def _reaches_for_db(path: Path, root: Path = PACKAGE) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Attribute) and node.attr in ("db", "engine", "session")):
            continue
        if isinstance(node.value, ast.Name) and node.value.id == "args":
            continue  # the --db option
        found.append(f"{path.relative_to(root)}:{node.lineno}: .{node.attr}")
    return found


def test_no_view_or_command_reaches_for_the_database() -> None:
    found = [
        hit
        for folder in ("ui", "cli")
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        for hit in _reaches_for_db(path)
    ]
    assert found == []


def test_the_check_sees_a_breach(tmp_path: Path) -> None:
    breach = tmp_path / "breach.py"
    breach.write_text("def f(ui, args):\n    return ui.app.db.path, args.db\n", encoding="utf-8")
    assert _reaches_for_db(breach, tmp_path) == ["breach.py:2: .db"]
