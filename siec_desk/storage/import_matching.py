"""What the database already holds, read once, to match imported rows against it.

The SQL side of the import's matching: the index and the keys themselves are pure
(:mod:`siec_desk.importing.matching`); this module fills an index from the database.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, select

from siec_desk.importing.matching import (
    ConsultationKey,
    ExistingIndex,
    consultation_key,
    household_name_key,
)
from siec_desk.storage.models import Consultation, ConsultationTheme, Household


def load_households(connection: Connection) -> ExistingIndex:
    index = ExistingIndex()
    rows = connection.execute(
        select(
            Household.id,
            Household.first_name,
            Household.last_name,
            Household.commune,
            Household.postal_code,
            Household.phone,
            Household.email,
        ).where(Household.anonymised_at.is_(None))
    )
    for household_id, first, last, commune, postal_code, phone, email in rows:
        index.places[household_id] = (commune, postal_code)
        index.add(household_id, phone, household_name_key(first, last, commune), email)
    return index


def load_consultations(
    connection: Connection, index: ExistingIndex, first: date, last: date
) -> None:
    """Add the keys of the consultations from *first* to *last* (inclusive)."""
    start = datetime.combine(first, time())
    end = datetime.combine(last + timedelta(days=1), time())
    in_range = Consultation.occurred_at >= start, Consultation.occurred_at < end
    themes: defaultdict[int, list[str]] = defaultdict(list)
    for consultation_id, theme in connection.execute(
        select(ConsultationTheme.consultation_id, ConsultationTheme.theme)
        .join(Consultation, Consultation.id == ConsultationTheme.consultation_id)
        .where(*in_range)
    ):
        themes[consultation_id].append(theme)
    keys: defaultdict[ConsultationKey, list[time]] = defaultdict(list)
    for consultation_id, household_id, occurred_at, mode, commune in connection.execute(
        select(
            Consultation.id,
            Consultation.household_id,
            Consultation.occurred_at,
            Consultation.mode,
            Consultation.commune,
        ).where(*in_range)
    ):
        key = consultation_key(
            household_id, commune, occurred_at.date(), mode, tuple(themes[consultation_id])
        )
        keys[key].append(occurred_at.time().replace(second=0, microsecond=0))
    index.consultations = dict(keys)
