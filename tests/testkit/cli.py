"""Running ``siec-desk`` commands in-process, as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from siec_desk.cli import main


class Cli:
    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main(["--db", str(self.db), *args])
        except SystemExit as exc:  # argparse usage errors and --version
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> object:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return json.loads(out)
