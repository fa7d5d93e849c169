"""What activity can be grouped by: each dimension is a column of the consultation, of
its household, its themes or its orientations (a consultation counts once in each of its
themes, and once in each place it referred the household to; a consultation that
referred nowhere is in no orientation group)."""

from __future__ import annotations

from dataclasses import dataclass

from siec_desk.core.i18n import N_, LazyText

CONSULTATION, HOUSEHOLD, THEME = "consultation", "household", "theme"
ORIENTATION = "orientation"


@dataclass(frozen=True)
class Dimension:
    code: str
    source: str  # CONSULTATION | HOUSEHOLD | THEME | ORIENTATION
    column: str
    label: LazyText
    label_table: str | None  # key of labels.ALL_LABELS; None: shown as stored


DIMENSIONS: dict[str, Dimension] = {
    d.code: d
    for d in (
        Dimension("mode", CONSULTATION, "mode", N_("Contact mode"), "contact_mode"),
        Dimension("act", CONSULTATION, "act", N_("Act level"), "act_level"),
        Dimension("theme", THEME, "theme", N_("Theme"), "theme"),
        Dimension("orientation", ORIENTATION, "code", N_("Orientation"), "orientation"),
        Dimension("advisor", CONSULTATION, "advisor_id", N_("Advisor"), None),
        Dimension("commune", CONSULTATION, "commune", N_("Commune"), None),
        Dimension("origin", CONSULTATION, "origin", N_("How they heard of us"), "origin"),
        Dimension("tenure", HOUSEHOLD, "tenure", N_("Tenure"), "tenure"),
        Dimension(
            "income_category",
            HOUSEHOLD,
            "income_category",
            N_("Income category"),
            "income_category",
        ),
        Dimension(
            "dwelling_type", HOUSEHOLD, "dwelling_type", N_("Dwelling type"), "dwelling_type"
        ),
        Dimension("country", HOUSEHOLD, "country", N_("Country"), "country"),
    )
}
