"""A tagged PDF read back as a screen reader gets it: the structure tree (pypdf) and the
fonts (``pdffonts``, poppler-utils)."""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

#: The fonts of ``resources/fonts`` as pdffonts names them (subset prefix dropped).
BUNDLED = {
    "Noto-Sans",
    "Noto-Sans-Bold",
    "Noto-Naskh-Arabic",
    "Noto-Naskh-Arabic-Bold",
}


@dataclass(frozen=True)
class Node:
    tag: str  # H1, P, Table, TH, Figure…
    depth: int
    attributes: dict[str, Any]  # /A (merged when an array)
    alt: str | None
    lang: str | None


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _attributes(element: DictionaryObject) -> dict[str, Any]:
    found = _resolve(element.get("/A"))
    merged: dict[str, Any] = {}
    for part in found if isinstance(found, ArrayObject) else [found] if found else []:
        part = _resolve(part)
        if isinstance(part, DictionaryObject):
            merged.update({str(k): _resolve(v) for k, v in part.items()})
    return merged


def structure(pdf: bytes) -> tuple[str | None, list[Node]]:
    """The document's /Lang and every structure element in reading order."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    root = _resolve(catalog["/StructTreeRoot"])
    nodes: list[Node] = []

    def walk(kids: Any, depth: int) -> None:
        kids = _resolve(kids)
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            kid = _resolve(kid)
            if not isinstance(kid, DictionaryObject) or "/S" not in kid:
                continue  # a marked-content id or an object reference
            alt, lang = kid.get("/Alt"), kid.get("/Lang")
            nodes.append(
                Node(
                    str(kid["/S"]).lstrip("/"),
                    depth,
                    _attributes(kid),
                    str(alt) if alt is not None else None,
                    str(lang) if lang is not None else None,
                )
            )
            if "/K" in kid:
                walk(kid["/K"], depth + 1)

    walk(root["/K"], 0)
    lang = catalog.get("/Lang")
    return (str(lang) if lang is not None else None), nodes


def headings(nodes: list[Node]) -> list[int]:
    return [int(n.tag[1]) for n in nodes if n.tag in ("H1", "H2", "H3", "H4", "H5", "H6")]


def assert_accessible(pdf: bytes, language: str) -> list[Node]:
    """One H1 first, no heading level skipped, every TH with a scope, every figure with
    a text, no layout table tagged as a table; the nodes, for further checks."""
    lang, nodes = structure(pdf)
    assert lang == language
    levels = headings(nodes)
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels  # H2 → H4 would skip a level
    headers = [n for n in nodes if n.tag == "TH"]
    assert headers, "no table header"
    assert all(str(n.attributes.get("/Scope")) in ("/Column", "/Row") for n in headers)
    assert [n for n in nodes if n.tag == "Table"], "no data table"
    for figure in (n for n in nodes if n.tag == "Figure"):
        assert figure.alt and figure.alt.strip(), figure
    return nodes


def fonts(pdf: bytes, folder: Path) -> dict[str, str]:
    """``pdffonts``: each font's name (subset prefix dropped) → "yes" when embedded."""
    assert shutil.which("pdffonts"), "poppler-utils (pdffonts) is needed"
    path = folder / "fonts-check.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    found: dict[str, str] = {}
    for line in out:
        parts = line.split()
        name = parts[0].split("+", 1)[-1]
        found[name] = parts[-5]  # emb column (then sub, uni, object id, generation)
    return found


def assert_bundled_fonts(pdf: bytes, folder: Path) -> set[str]:
    found = fonts(pdf, folder)
    assert found and set(found) <= BUNDLED, found
    assert set(found.values()) == {"yes"}, found
    return set(found)
