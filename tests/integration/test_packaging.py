"""An installed wheel carries everything the app reads at run time, and finds it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("siec_desk-*.whl")
    return built


def test_wheel_contains_resources_migrations_and_compiled_catalogues(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "siec_desk/_resources/catalogue/measures.json",
        "siec_desk/_resources/parameters/FR-2025.json",
        "siec_desk/_resources/parameters/MA-2025.json",
        "siec_desk/_resources/parameters/TN-2025.json",
        "siec_desk/_resources/guide/ar.html",  # Help ▸ User guide, with its pictures
        "siec_desk/_resources/guide/images/ar/today.png",
        "siec_desk/storage/migrations/env.py",
        "siec_desk/storage/migrations/script.py.mako",
        "siec_desk/storage/migrations/versions/0001_initial_schema.py",
        "siec_desk/locale/fr/LC_MESSAGES/siec_desk.mo",
        "siec_desk/locale/ar/LC_MESSAGES/siec_desk.mo",
    ):
        assert expected in names
    assert not any(n.endswith(".po") for n in names)


def test_unpacked_wheel_runs_from_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from siec_desk.core import paths, i18n; "
        "print(paths.resources_dir()); "
        "i18n.set_language('fr'); print(i18n._('Phone call')); "
        "from siec_desk.cli import main; "
        f"raise SystemExit(main(['--db', r'{tmp_path / 'w.sqlite3'}', 'measures', 'list', "
        "'--json']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "SIEC_DESK_HOME": str(tmp_path / "home"), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(site / "siec_desk" / "_resources")
    assert lines[1] == "Appel téléphonique"
    assert '"code": "led_lighting"' in result.stdout
