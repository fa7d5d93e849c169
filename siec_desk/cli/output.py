"""Printing for the command line: UTF-8 JSON for scripts, aligned text for people."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any


def _write(text: str) -> None:
    """UTF-8 whatever the console encoding; text already printed goes out first."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def print_json(data: Any) -> None:
    _write(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_line(text: str = "") -> None:
    _write(text)


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [_width(h) for h in headers]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

    print_line(line(headers).rstrip())
    for row in cells:
        print_line(line(row).rstrip())
