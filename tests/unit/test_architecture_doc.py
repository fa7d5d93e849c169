"""docs/architecture.md stays true: every package of the tree is described there, every
module it names exists, and its layer diagram is the order import-linter enforces."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "siec_desk"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
SKIP = {"locale", "_resources", "migrations", "versions", "__pycache__"}


def _packages() -> list[Path]:
    return sorted(
        p.parent.relative_to(PACKAGE)
        for p in PACKAGE.rglob("__init__.py")
        if not SKIP & set(p.relative_to(PACKAGE).parts) and p.parent != PACKAGE
    )


def test_every_package_is_described() -> None:
    missing = []
    for package in _packages():
        parent, name = package.parent, package.name
        # "documents/letters/" is named in a row that starts with its parent, or whole.
        whole = f"{package.as_posix()}/" in DOC
        in_row = any(
            line.startswith(f"| `{parent.as_posix()}/") and f"`{name}/`" in line
            for line in DOC.splitlines()
        )
        if not (whole or in_row):
            missing.append(package.as_posix())
    assert missing == []


def test_every_module_the_page_names_exists() -> None:
    rows = [line for line in DOC.splitlines() if line.startswith("| `")]
    absent = []
    for row in rows:
        where, what = row.split(" | ", 1)
        folders = re.findall(r"`([a-z_/]+)/`", where)
        for i, folder in enumerate(folders):
            if folder.split("/")[0] in {
                "resources",
                "translations",
                "packaging",
                "tests",
                "benchmarks",
            }:
                continue
            if i and "/" not in folder and not (PACKAGE / folder).is_dir():  # beside the first
                # "`documents/letters/`, `rights/`": later folders sit beside the first.
                folder = f"{Path(folders[0]).parent.as_posix()}/{folder}"
            base = PACKAGE / folder
            if not base.is_dir():
                absent.append(folder)
                continue
            if len(folders) > 1 or folder.count("/") > 1:
                continue
            code = "\n".join(p.read_text(encoding="utf-8") for p in base.rglob("*.py"))
            for name in re.findall(r"`([a-z][a-z_]+)`", what):
                module = (base / f"{name}.py").exists() or (base / name).is_dir()
                defined = re.search(rf"^\s*(def|class) {name}\b|^{name}\b", code, re.M)
                if not (module or defined):
                    absent.append(f"{folder}/{name}")
    assert absent == [], absent


def test_the_diagram_is_the_enforced_layer_order() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["id"] == "layers")["layers"]
    enforced = [name.removeprefix("siec_desk.").replace(".", "/") + "/" for name in layers]
    diagram = DOC.split("```")[1]
    drawn = re.findall(r"([a-z_]+(?:/[a-z_]+)?/)\s", diagram)
    assert [d for d in drawn if d in enforced] == enforced
