"""The layers of docs/architecture.md hold: import-linter's contracts (pyproject.toml,
``[tool.importlinter]``) are kept, they do catch a breach, and no two top-level packages
import each other (no package cycle)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_every_layer_contract_is_kept() -> None:
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "BROKEN" not in run.stdout


@pytest.mark.parametrize(
    ("module", "breach", "contract"),
    [
        ("domain/breach.py", "import siec_desk.storage.database\n", "Layers"),
        ("ui/breach.py", "from siec_desk.storage import models\n", "storage"),
        ("documents/breach.py", "import siec_desk.services.letters\n", "Layers"),
        ("services/breach.py", "import PySide6.QtCore\n", "Only the GUI imports Qt"),
        ("ui/other_breach.py", "import sqlalchemy\n", "SQLAlchemy"),
    ],
)
def test_a_deliberate_breach_fails_the_check(
    tmp_path: Path, module: str, breach: str, contract: str
) -> None:
    """The same contracts, run on a copy of the package with one wrong-way import added."""
    shutil.copytree(
        ROOT / "siec_desk",
        tmp_path / "siec_desk",
        ignore=shutil.ignore_patterns("__pycache__", "locale", "*.mo"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "siec_desk" / module).write_text(breach, encoding="utf-8")
    run = _lint(tmp_path)
    assert run.returncode != 0
    broken = run.stdout[run.stdout.index("Broken contracts") :]
    assert contract in broken
    assert f"siec_desk.{module[:-3].replace('/', '.')}" in broken


def test_no_two_top_level_packages_import_each_other() -> None:
    graph = grimp.build_graph("siec_desk", cache_dir=None)
    tops = sorted(m for m in graph.find_children("siec_desk") if graph.find_children(m))
    # network holds two layers (export below storage, coordinator above it): check its halves.
    tops = [m for m in tops if m != "siec_desk.network"] + [
        "siec_desk.network.export",
        "siec_desk.network.coordinator",
    ]
    both_ways = [
        (a, b)
        for i, a in enumerate(tops)
        for b in tops[i + 1 :]
        if graph.direct_import_exists(importer=a, imported=b, as_packages=True)
        and graph.direct_import_exists(importer=b, imported=a, as_packages=True)
    ]
    assert both_ways == []
