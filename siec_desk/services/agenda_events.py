"""The centre's events of a range of days as the agenda shows them beside the
follow-ups (:class:`~siec_desk.domain.agenda.AgendaEvent`): one query, the participants
summed in SQL, filtered to an advisor's events when one is chosen."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, func, select

from siec_desk.domain.agenda import AgendaEvent, event_sort_key
from siec_desk.storage.database import Database
from siec_desk.storage.models import Event, EventAdvisor, EventAudience


def agenda_events(
    db: Database, start: date, end: date, *, advisor_id: int | None = None
) -> list[AgendaEvent]:
    """Events from *start* to *end* inclusive (past and planned), of *advisor_id* (one
    of its advisors) or of everyone; by day, all-day first, then by time. One query."""
    participants = (
        select(func.coalesce(func.sum(EventAudience.participants), 0))
        .where(EventAudience.event_id == Event.id)
        .correlate(Event)
        .scalar_subquery()
    )
    query = select(
        Event.id,
        Event.occurred_on,
        Event.starts_at,
        Event.duration_min,
        Event.event_type,
        Event.title,
        Event.place,
        Event.commune,
        participants,
    ).where(Event.occurred_on >= start, Event.occurred_on <= end)
    if advisor_id is not None:
        query = query.where(
            exists().where(EventAdvisor.event_id == Event.id, EventAdvisor.advisor_id == advisor_id)
        )
    with db.read() as session:
        found = [
            AgendaEvent(
                event_id=r[0],
                day=r[1],
                at=r[2],
                duration_min=r[3],
                event_type=r[4],
                title=r[5],
                place=r[6],
                commune=r[7],
                participants=int(r[8] or 0),
            )
            for r in session.execute(query).all()
        ]
    return sorted(found, key=event_sort_key)  # the same order on every backend
