"""The before/after table as people read it (format version 3), shared by the export's
workbook and preview and by the coordinator's window and report: translated headers and
kinds, amounts in major units of the currency, and the same mark for a suppressed row.

:func:`centre_lines` shows a centre's own rows (export); :func:`merged_lines` the
coordinator's merged rows, by country (an incomplete row: some centre suppressed it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel import numbers as babel_numbers

from siec_desk.core.formatting import currency_digits, format_money, format_number
from siec_desk.core.i18n import N_, _
from siec_desk.network.export.before_after import BeforeAfterRow, MergedBeforeAfter
from siec_desk.texts.labels import COUNTRIES, READING_KINDS, label

TITLE = N_("Consumption before and after advice, by energy")


def note(threshold: int | None = None) -> str:
    """What the table holds (and, for a centre's file, its threshold)."""
    text = _(
        "Households whose 6-month outcome date falls in the period (each once, on its "
        "earliest consultation), with readings on both sides: mean consumption per month "
        "over the 3 months before the consultation and the 3 months after; bills spanning "
        "the consultation day are left out. Amounts only when every household has them."
    )
    if threshold is not None:
        text += " " + _("An energy with fewer than {k} households is not published.").format(
            k=threshold
        )
    return text


def headers(currency: str | None) -> list[str]:
    """The column headers after the energy (and, merged, the country); *currency* None:
    amounts of several currencies, each value naming its own."""
    if currency is None:
        amounts = [_("Amount per month before"), _("Amount per month after")]
    else:
        amounts = [
            _("Amount per month before ({currency})").format(currency=currency),
            _("Amount per month after ({currency})").format(currency=currency),
        ]
    return [
        _("Households"),
        _("Per month before"),
        _("Per month after"),
        _("Change (%)"),
        *amounts,
    ]


def value_text(index: int, value: float | int | None, currency: str, locale: str) -> str:
    """The value of column *index* (as :func:`headers`) formatted in *locale*; "—" for
    an empty cell."""
    if value is None:
        return "—"
    if index == 0:
        return format_number(value, locale)
    if index in (1, 2):
        return format_number(value, locale, 1)
    if index == 3:
        text: str = babel_numbers.format_percent(value / 100, format="#,##0.0%", locale=locale)
        return text
    return format_money(value, currency, locale)


def kind_label(kind: str) -> str:
    return label(READING_KINDS, kind)


@dataclass(frozen=True)
class Line:
    """One displayed row: the energy (and country), then six values in display units
    (amounts in major units), None for an empty cell; *suppressed*: every value hidden;
    *incomplete*: a merged row some centre's file hid."""

    country: str
    currency: str
    kind: str
    label: str
    values: tuple[float | int | None, ...]
    suppressed: bool = False
    incomplete: bool = False


def _major(value: int | None, currency: str) -> float | None:
    if value is None:
        return None
    return float(Decimal(value) / Decimal(10) ** currency_digits(currency))


def _values(
    row: BeforeAfterRow | MergedBeforeAfter, households: int | None, currency: str
) -> tuple[float | int | None, ...]:
    return (
        households,
        row.quantity_before,
        row.quantity_after,
        row.change_percent,
        _major(row.amount_before_minor, currency),
        _major(row.amount_after_minor, currency),
    )


def centre_lines(rows: Sequence[BeforeAfterRow], country: str, currency: str) -> list[Line]:
    return [
        Line(
            country,
            currency,
            r.kind,
            kind_label(r.kind),
            _values(r, r.households, currency),
            suppressed=r.suppressed,
        )
        for r in rows
    ]


def merged_lines(rows: Sequence[MergedBeforeAfter]) -> list[Line]:
    """The merged rows with at least one centre file behind them (published or hidden)."""
    return [
        Line(
            r.country,
            r.currency,
            r.kind,
            f"{label(COUNTRIES, r.country)} — {kind_label(r.kind)}",
            _values(r, r.households if r.centres else None, r.currency),
            suppressed=r.centres == 0,
            incomplete=r.incomplete and r.centres > 0,
        )
        for r in rows
        if r.centres or r.hidden
    ]
