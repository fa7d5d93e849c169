"""The before/after table of a network export (format version 3): its cohort, read from
the centre's database, and each household's before/after by the outcome's own function.

The cohort of an export of the months P: the consultations with a household (an act that
has a 6-month outcome, ``ACTS_NEEDING_HOUSEHOLD``) whose outcome date, the consultation
day + ``OUTCOME_DELAY`` (the rule of ``outcome_due``), falls in P; each household once, on
its earliest such consultation. The table itself is built and protected by
:mod:`siec_desk.network.export.before_after` (docs/network-export.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import func, select

from siec_desk.domain.activity_period import Period
from siec_desk.domain.codes import ACTS_NEEDING_HOUSEHOLD
from siec_desk.domain.consultation_rules import OUTCOME_DELAY
from siec_desk.domain.consumption import before_after
from siec_desk.domain.readings import Reading
from siec_desk.network.export.before_after import (
    BeforeAfterRow,
    Contribution,
    build_before_after,
    contributions,
)
from siec_desk.services.readings import reading_record
from siec_desk.storage.database import Database
from siec_desk.storage.models import Consultation, ConsumptionReading


def cohort(db: Database, period: Period) -> dict[int, date]:
    """Each cohort household's earliest consultation day whose outcome date is in
    *period* (the outcome date: the day + ``OUTCOME_DELAY``)."""
    first = period.starts_at - OUTCOME_DELAY
    after_last = period.ends_before - OUTCOME_DELAY
    with db.read() as session:
        rows = session.execute(
            select(Consultation.household_id, func.min(Consultation.occurred_at))
            .where(
                Consultation.household_id.is_not(None),
                Consultation.act.in_([str(a) for a in ACTS_NEEDING_HOUSEHOLD]),
                Consultation.occurred_at >= first,
                Consultation.occurred_at < after_last,
            )
            .group_by(Consultation.household_id)
        ).all()
    return {int(h): _day(when) for h, when in rows if h is not None}


def _day(value: datetime | str) -> date:
    if isinstance(value, str):  # SQLite's MIN() of a DATETIME may come back as text
        return datetime.fromisoformat(value).date()
    return value.date()


def _readings(db: Database, households: Iterable[int]) -> dict[int, list[Reading]]:
    wanted = sorted(set(households))
    found: dict[int, list[Reading]] = {h: [] for h in wanted}
    with db.read() as session:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in session.scalars(
                select(ConsumptionReading)
                .where(ConsumptionReading.household_id.in_(chunk))
                .order_by(
                    ConsumptionReading.household_id,
                    ConsumptionReading.end_on,
                    ConsumptionReading.kind,
                    ConsumptionReading.id,
                )
            ):
                found[row.household_id].append(reading_record(row))
    return found


def before_after_table(
    db: Database, period: Period, threshold: int, currency: str
) -> tuple[BeforeAfterRow, ...]:
    """The protected before/after table of the export of *period*. Amounts in another
    currency than the centre's (*currency*) count as missing."""
    days = cohort(db, period)
    readings = _readings(db, days)
    households: dict[int, dict[str, Contribution]] = {}
    for household, day in days.items():
        own = [
            r if r.currency == currency else replace(r, amount_minor=None)
            for r in readings[household]
        ]
        households[household] = contributions(before_after(own, day))
    return build_before_after(households, threshold)
