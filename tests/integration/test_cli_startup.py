"""``siec-desk --version`` and ``--help`` answer at once: they import no database layer,
service, document engine or command module (issue 17: ≤ 0.15 s; checked here by what is
loaded, in a fresh interpreter, not by timing). A command still loads what it needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: Modules ``--version`` and ``--help`` must not load (each costs tens of milliseconds).
HEAVY = ("sqlalchemy", "alembic", "psycopg", "weasyprint", "jinja2", "openpyxl", "PySide6")


def loaded_after(args: list[str], home: Path) -> dict[str, object]:
    """Run ``main(args)`` in a fresh interpreter: its exit code, output and the modules
    it left loaded."""
    code = (
        "import json, sys\n"
        "from siec_desk.cli import main\n"
        "try:\n"
        f"    rc = main({args!r})\n"
        "except SystemExit as exc:\n"
        "    rc = exc.code or 0\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(json.dumps({'rc': rc, 'modules': sorted(sys.modules)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"SIEC_DESK_HOME": str(home), "PATH": "", "LANG": "C.UTF-8"},
    )
    report: dict[str, object] = json.loads(result.stderr.strip().splitlines()[-1])
    report["out"] = result.stdout
    return report


def heavy_modules(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return sorted(
        m
        for m in modules
        if m.split(".")[0] in HEAVY
        or m.startswith(("siec_desk.services", "siec_desk.storage", "siec_desk.documents"))
        or m.startswith("siec_desk.cli.commands.")
    )


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["--lang", "fr", "--help"], ["--lang", "ar", "--help"]],
    ids=["version", "help", "help-fr", "help-ar"],
)
def test_version_and_help_import_no_database_layer_or_command(
    args: list[str], tmp_path: Path
) -> None:
    report = loaded_after(args, tmp_path)
    assert report["rc"] == 0
    assert heavy_modules(report["modules"]) == []
    out = str(report["out"])
    if "--help" in args:  # complete: every command is listed
        for command in ("demo", "household", "centre", "advisor", "letters", "screenshot"):
            assert f"    {command} " in out
    else:
        assert out.startswith("siec-desk ")


def test_a_usage_error_before_any_command_loads_nothing_heavy(tmp_path: Path) -> None:
    report = loaded_after(["nosuchcommand"], tmp_path)
    assert report["rc"] == 2
    assert heavy_modules(report["modules"]) == []


def test_a_command_loads_its_own_module_only(tmp_path: Path) -> None:
    report = loaded_after(["--db", str(tmp_path / "c.sqlite3"), "centre", "show"], tmp_path)
    assert report["rc"] == 0
    modules = report["modules"]
    assert isinstance(modules, list)
    commands = [m for m in modules if m.startswith("siec_desk.cli.commands.")]
    # `centre` and its `centre acts` sub-commands (split by size), nothing else
    assert sorted(commands) == [
        "siec_desk.cli.commands.centre",
        "siec_desk.cli.commands.centre_acts",
    ]
    assert "sqlalchemy" in modules  # the command did open the database
