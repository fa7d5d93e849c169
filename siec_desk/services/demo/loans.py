"""Demo equipment loans: a small inventory per centre (Chefchaouen-style in Morocco:
wattmeters, temperature loggers, one thermal camera, a hygrometer…) and, for each item,
loans one after the other over the demo period to households already seen, most returned
on time, some late (one now and then lost), a few still out and overdue on the last
demo day. Drawn from their
own random stream, so that the rest of the demo data stays what it was for a given seed.
Nothing is added to a database that already has an inventory."""

from __future__ import annotations

import bisect
import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from siec_desk.storage.models import Loan, LoanItem

#: Per country: (type, name, label prefix, how many, deposit in major units or None).
INVENTORY: dict[str, tuple[tuple[str, str, str, int, int | None], ...]] = {
    "MA": (
        ("wattmeter", "Wattmètre Voltcraft Energy Logger 4000", "WM", 4, 100),
        ("temperature_logger", "Enregistreur de température Testo 174T", "TL", 3, 100),
        ("thermal_camera", "Caméra thermique FLIR C5", "CT", 1, 500),
        ("hygrometer", "Hygromètre", "HY", 1, None),
        ("energy_kit", "Mallette économies d'énergie (LED, mousseurs)", "KIT", 2, None),
    ),
    "TN": (
        ("wattmeter", "Wattmètre Chacon", "WM", 3, 30),
        ("temperature_logger", "Enregistreur de température Elitech RC-5", "TL", 2, 30),
        ("thermal_camera", "Caméra thermique FLIR One", "CT", 1, 150),
    ),
    "FR": (
        ("wattmeter", "Wattmètre Voltcraft Energy Check 3000", "WM", 3, None),
        ("temperature_logger", "Enregistreur température/humidité", "TL", 2, None),
        ("thermal_camera", "Caméra thermique FLIR C5", "CT", 1, 300),
        ("co2_meter", "Capteur CO₂ Aranet4", "CO2", 1, None),
    ),
}
#: Where the items are kept.
LOCATION = "Armoire de l'accueil"


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(11, 0), UTC)


def add_loans(
    conn: Any,
    *,
    seed: int,
    country: str,
    currency: str,
    digits: int,
    start: date,
    until: date,
    households: list[tuple[date, int]],
    advisors: list[int],
) -> int:
    """The inventory and its loans (*households*: (first seen, id), oldest first); how
    many loans were added."""
    if conn.scalar(select(func.count()).select_from(LoanItem)) or not households:
        return 0
    rng = random.Random(f"loans-{seed}")
    items: list[dict[str, Any]] = []
    deposits: list[int | None] = []
    next_id = int(conn.scalar(select(func.coalesce(func.max(LoanItem.id), 0)))) + 1
    for item_type, name, prefix, count, deposit in INVENTORY.get(country, INVENTORY["FR"]):
        for n in range(1, count + 1):
            items.append(
                {
                    "id": next_id + len(items),
                    "item_name": name,
                    "item_type": item_type,
                    "label": f"{prefix}-{n:02d}",
                    "state": "good",
                    "location": LOCATION,
                    "notes": None,
                    "created_at": _stamp(start),
                    "updated_at": _stamp(start),
                    "version": 1,
                }
            )
            deposits.append(deposit * 10**digits if deposit is not None else None)
    seen = [d for d, _id in households]
    loans: list[dict[str, Any]] = []
    for item, deposit in zip(items, deposits, strict=True):
        lent = _item_loans(rng, start, until, seen, households, advisors)
        for loan in lent:
            loan.update(item_id=item["id"], deposit_minor=deposit, currency=currency)
            if loan["state_at_return"] is not None:  # the item is as it last came back
                item["state"] = loan["state_at_return"]
        loans.extend(lent)
    conn.execute(insert(LoanItem), items)
    if loans:
        conn.execute(insert(Loan), loans)
    return len(loans)


def _item_loans(
    rng: random.Random,
    start: date,
    until: date,
    seen: list[date],
    households: list[tuple[date, int]],
    advisors: list[int],
) -> list[dict[str, Any]]:
    """One item's loans, one after the other (without item, deposit and currency)."""
    loans: list[dict[str, Any]] = []
    day = start + timedelta(days=rng.randrange(0, 30))
    while day < until:
        known = bisect.bisect_right(seen, day)
        if known == 0:
            day += timedelta(days=7)
            continue
        due = day + timedelta(days=rng.choice((7, 14, 14, 21, 28)))
        late = rng.random() < (0.7 if (until - day).days < 50 else 0.2)
        back = due + timedelta(days=rng.randrange(3, 40) if late else -rng.randrange(0, 3))
        back = max(back, day + timedelta(days=1))
        returned = back <= until  # else still out on the last demo day
        draw = rng.random()
        state = "lost" if draw < 0.002 else "worn" if draw < 0.08 else "good"
        loans.append(
            {
                "household_id": households[rng.randrange(known)][1],
                "advisor_id": rng.choice(advisors) if advisors else None,
                "out_on": day,
                "due_on": due,
                "returned_on": back if returned else None,
                "state_at_return": state if returned else None,
                "notes": None,
                "created_at": _stamp(day),
                "updated_at": _stamp(back if returned else day),
                "version": 2 if returned else 1,
            }
        )
        if not returned or state == "lost":
            break  # still out (overdue if its due date is past), or lent no more
        day = back + timedelta(days=rng.randrange(1, 25))
    return loans
