"""Demo consumption readings: monthly bills for about one household in five, from six
months before its first visit to six months after (never after the last demo day), with
the seasons and a saving after the advice. Morocco and Tunisia: butane bottles and
electricity; France: electricity and gas. Drawn from their own random stream, so that the
rest of the demo data stays what it was for a given seed."""

from __future__ import annotations

import calendar
import math
import random
from datetime import UTC, date, datetime, time
from typing import Any

from siec_desk.domain.consumption import add_months

#: Share of households with readings.
SHARE = 0.2
#: Per country: (kind, typical monthly quantity, winter swing, price per unit in major units).
SERIES: dict[str, tuple[tuple[str, float, float, float], ...]] = {
    "FR": (("electricity_kwh", 380.0, 0.25, 0.25), ("gas_kwh", 900.0, 0.8, 0.12)),
    "MA": (("butane_bottles", 3.0, 0.35, 50.0), ("electricity_kwh", 170.0, 0.15, 1.1)),
    "TN": (("butane_bottles", 2.5, 0.35, 8.0), ("electricity_kwh", 200.0, 0.15, 0.2)),
}


def _seasonal(month: int, swing: float) -> float:
    """1 ± *swing*: highest in January, lowest in July."""
    return 1.0 + swing * math.cos((month - 1) / 12 * 2 * math.pi)


def reading_rows(
    rng: random.Random,
    country: str,
    currency_digits: int,
    currency: str,
    household_id: int,
    first_seen: date,
    until: date,
) -> list[dict[str, Any]]:
    """The household's bills (none for four households in five)."""
    if rng.random() >= SHARE:
        return []
    rows: list[dict[str, Any]] = []
    scale = 10**currency_digits
    size = rng.uniform(0.7, 1.4)  # this home uses more or less than the typical one
    saving = rng.uniform(0.05, 0.3)  # what the advice saved, from the month after
    for kind, typical, swing, price in SERIES.get(country, SERIES["FR"]):
        for offset in range(-6, 6):
            start = add_months(first_seen.replace(day=1), offset)
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
            if end >= until:
                break
            quantity = typical * size * _seasonal(start.month, swing) * rng.uniform(0.9, 1.1)
            if start > first_seen:
                quantity *= 1 - saving
            if kind == "butane_bottles":
                quantity = float(max(0, round(quantity)))
            else:
                quantity = float(round(quantity))
            stamp = datetime.combine(end, time(12, 0), UTC)
            rows.append(
                {
                    "household_id": household_id,
                    "kind": kind,
                    "source": "bill",
                    "start_on": start,
                    "end_on": end,
                    "quantity": quantity,
                    "amount_minor": round(quantity * price * scale),
                    "currency": currency,
                    "notes": None,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
    return rows
