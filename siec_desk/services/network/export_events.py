"""The events-register and loans facts of a network export (format version 3), read from
the centre's database; the tables are folded by :mod:`siec_desk.network.export.event_tables`
and protected with the others by ``build_tables`` (docs/network-export.md, "Events and
people reached").

Read: each past event of the period (its month, type and participants by audience; never
its place, title, partners or notes), the (household, event) pairs of the consultations
linked to those events, and the loans that went out before the period's end (their item's
type, household and dates).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from siec_desk.domain.activity_period import Period
from siec_desk.network.export.event_tables import (
    EventRow,
    LoanRow,
    MeetingRow,
    event_facts,
    loan_facts,
)
from siec_desk.network.export.suppression import Key
from siec_desk.network.export.tables import Facts
from siec_desk.storage.database import Database
from siec_desk.storage.models import Consultation, Event, EventAudience, Loan, LoanItem


def register_facts(
    db: Database, period: Period, months: list[str], today: date
) -> dict[Key, Facts]:
    """The facts of the ``events``, ``participants``, ``households_met`` and ``loans``
    groups for *months* (an export's whole period; planned events, after *today*, are
    never counted)."""
    last = min(period.end, today - timedelta(days=1))
    with db.read() as session:
        found = session.execute(
            select(Event.id, Event.occurred_on, Event.event_type).where(
                Event.occurred_on.between(period.start, last)
            )
        ).all()
        audiences: dict[int, dict[str, int]] = {}
        for event_id, audience, people in session.execute(
            select(EventAudience.event_id, EventAudience.audience, EventAudience.participants)
            .join(Event, Event.id == EventAudience.event_id)
            .where(Event.occurred_on.between(period.start, last))
        ):
            audiences.setdefault(int(event_id), {})[str(audience)] = int(people)
        meetings = session.execute(
            select(Consultation.household_id, Event.id, Event.occurred_on, Event.event_type)
            .join(Event, Event.id == Consultation.event_id)
            .where(Event.occurred_on.between(period.start, last))
            .where(Consultation.household_id.is_not(None))
            .distinct()
        ).all()
        loans = session.execute(
            select(
                Loan.id,
                Loan.household_id,
                LoanItem.item_type,
                Loan.out_on,
                Loan.due_on,
                Loan.returned_on,
            )
            .join(LoanItem, LoanItem.id == Loan.item_id)
            .where(Loan.out_on <= period.end)
        ).all()
    events = [
        EventRow(int(i), f"{day:%Y-%m}", str(kind), audiences.get(int(i), {}))
        for i, day, kind in found
    ]
    met = [
        MeetingRow(h, int(e), f"{day:%Y-%m}", str(kind))
        for h, e, day, kind in meetings
        if h is not None
    ]
    facts = event_facts(events, met)
    facts.update(
        loan_facts(
            (LoanRow(int(i), int(h), str(t), out, due, back) for i, h, t, out, due, back in loans),
            months,
        )
    )
    return facts
