"""What the schema cannot say about a file's before/after table (format version 3): each
reading kind once, in the file's currency; a suppressed row with no figure; a published
row never with 1 to k − 1 households (the centre's threshold), with its means when it has
households and none without, and its change worked out from its means."""

from __future__ import annotations

from typing import Any

from siec_desk.core.i18n import _
from siec_desk.network.export.before_after import MEASURES, BeforeAfterRow, percent


def _row_problem(row: dict[str, Any], threshold: int) -> str | None:
    figures = [row[m] for m in MEASURES]
    if row["suppressed"]:
        return None if all(v is None for v in figures) else _("a hidden row holds figures")
    households = row["households"]
    if households is None:
        return _("a published row has no households")
    if 0 < households < threshold:
        return _("a published row has fewer households than the threshold")
    means = [row[m] for m in MEASURES[1:3]]
    if households == 0:
        return (
            None
            if all(v is None for v in figures[1:])
            else _("a row without households holds figures")
        )
    if any(v is None for v in means):
        return _("a published row lacks its means")
    if (row["amount_before_minor"] is None) != (row["amount_after_minor"] is None):
        return _("a published row has one amount only")
    expected = percent(row["quantity_before"], row["quantity_after"])
    if expected is None and row["change_percent"] is not None:
        return _("its change does not match its means")
    if expected is not None and (
        row["change_percent"] is None or abs(expected - row["change_percent"]) > 0.11
    ):
        return _("its change does not match its means")
    return None


def parse_before_after(raw: dict[str, Any], currency: str) -> tuple[BeforeAfterRow, ...] | str:
    """The rows of *raw*'s before/after table (none before version 3), or the phrase
    saying what is wrong."""
    table = raw.get("before_after")
    if table is None:
        return ()
    if table["currency"] != currency:
        return _("its before/after table is in another currency.")
    threshold = int(raw["protection"]["threshold"])
    rows: list[BeforeAfterRow] = []
    for row in table["rows"]:
        if any(r.kind == row["kind"] for r in rows):
            return _("its before/after table gives {kind} twice.").format(kind=row["kind"])
        problem = _row_problem(row, threshold)
        if problem:
            return _("its before/after table is not coherent ({kind}: {problem}).").format(
                kind=row["kind"], problem=problem
            )
        rows.append(
            BeforeAfterRow(
                kind=row["kind"],
                suppressed=bool(row["suppressed"]),
                households=row["households"],
                quantity_before=row["quantity_before"],
                quantity_after=row["quantity_after"],
                change_percent=row["change_percent"],
                amount_before_minor=row["amount_before_minor"],
                amount_after_minor=row["amount_after_minor"],
            )
        )
    return tuple(rows)
