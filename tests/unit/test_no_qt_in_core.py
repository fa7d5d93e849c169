"""The core (domain, storage, services, CLI) must never import Qt."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "siec_desk"
UI_DIR = PACKAGE / "ui"


def _imports(path: Path) -> set[str]:
    """Module-level imports (lazy imports inside functions are checked at run time below)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_pyside6_or_the_ui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if UI_DIR in path.parents:
            continue
        for name in _imports(path):
            if name.split(".")[0] == "PySide6" or name.startswith("siec_desk.ui"):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_running_a_command_loads_no_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from siec_desk.cli import main; "
        f"rc = main(['--db', r'{tmp_path / 'x.sqlite3'}', 'measures', 'list', '--json']); "
        "assert rc == 0; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"SIEC_DESK_HOME": str(tmp_path), "PATH": ""},
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_opening_the_application_loads_no_document_engine(tmp_path: Path) -> None:
    """Start-up stays light: WeasyPrint, Jinja2 and openpyxl load only when a letter or a
    report is made (the GUI's cold-start goal)."""
    code = (
        "import sys; from siec_desk.services.app import open_app; "
        f"ctx = open_app(r'{tmp_path / 'x.sqlite3'}'); ctx.close(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'weasyprint', 'jinja2', 'openpyxl', 'pypdf'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"SIEC_DESK_HOME": str(tmp_path), "PATH": ""},
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
