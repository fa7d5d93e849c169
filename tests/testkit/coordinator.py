"""Centres' network export files for the coordinator's tests, made by the real export
service from small demo databases (fixed seeds)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import update

from siec_desk.network.export.export_format import json_bytes
from siec_desk.network.export.tables import REGISTER_GROUPS
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.services.network.export import ExportOptions
from siec_desk.storage.models import Centre
from testkit.contexts import make_ctx

YEAR = ExportOptions(date(2025, 1, 1), date(2025, 12, 1), threshold=5)


def older_file(data: dict[str, Any], version: int) -> dict[str, Any]:
    """An export as an earlier version wrote it: version 2 (SIEC Desk 0.6) has neither the
    before/after table nor the events and loans tables; version 1 (0.5) no orientations."""
    old = {k: v for k, v in data.items() if k != "before_after"}
    old["format_version"] = version
    old["tables"] = [
        t
        for t in data["tables"]
        if t["group"] not in REGISTER_GROUPS
        and (version > 1 or t["group"] != "orientation_mentions")
    ]
    return old


def centre_export(
    folder: Path,
    country: str,
    code: str,
    seed: int,
    households: int = 150,
    periods: tuple[ExportOptions, ...] = (YEAR,),
) -> list[Path]:
    """A demo centre in *country* with network code *code*, exported for each period
    (files ``<code>-<first>-<last>.json``). The files are written without the service's
    log, so overlapping periods (a year and its quarters) can be made from one database,
    as a coordinator may receive them (corrections, files of older versions)."""
    ctx = make_ctx(folder / f"{code}.sqlite3", country, name=f"Centre {code}")
    try:
        generate_demo(
            ctx, DemoOptions(households=households, seed=seed, years=1, until=date(2025, 12, 31))
        )
        with ctx.db.write() as session:
            session.execute(update(Centre).values(network_code=code))
        files = []
        for options in periods:
            document = ctx.network_export.build(options)
            months = document.meta.months
            out = folder / f"{code}-{months[0]}-{months[-1]}.json"
            out.write_bytes(json_bytes(document))
            files.append(out)
        return files
    finally:
        ctx.close()


def grand_total(path: Path, table: str, measure: str, row: str = "*", column: str = "*") -> object:
    """One entry of an export file, as the centre published it (None when suppressed)."""
    data = json.loads(path.read_text("utf-8"))
    spec = next(t for t in data["tables"] if t["id"] == table)
    rows, columns = spec["dimensions"]
    for cell in spec["cells"]:
        if cell[rows] == row and cell[columns] == column:
            return cell[measure]
    return 0
