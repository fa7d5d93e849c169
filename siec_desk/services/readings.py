"""A household's consumption readings: add, change, delete, list; before/after a consultation.

Every change is checked whole by :func:`~siec_desk.domain.readings.validate_reading` and
audited in the same transaction (``consumption_reading``, the household's id and the
field names, never values).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from siec_desk.core.formatting import currency_digits
from siec_desk.core.i18n import _
from siec_desk.domain import audit_codes as a
from siec_desk.domain.consumption import OUTCOME_MONTHS, ConsumptionChange, before_after
from siec_desk.domain.readings import EDITED, Reading, ReadingInput, validate_reading
from siec_desk.services.audit import AuditService, changed_fields
from siec_desk.services.centre import CentreInfo
from siec_desk.storage.database import Database
from siec_desk.storage.models import ConsumptionReading, Household
from siec_desk.storage.sessions import get_row


def reading_record(row: ConsumptionReading) -> Reading:
    return Reading(
        id=row.id,
        household_id=row.household_id,
        kind=row.kind,
        source=row.source,
        start_on=row.start_on,
        end_on=row.end_on,
        quantity=row.quantity,
        amount_minor=row.amount_minor,
        currency=row.currency,
        notes=row.notes,
    )


def household_readings(session: Session, household_id: int) -> list[Reading]:
    """The household's readings, oldest first (by date, kind, then id)."""
    rows = session.scalars(
        select(ConsumptionReading)
        .where(ConsumptionReading.household_id == household_id)
        .order_by(ConsumptionReading.end_on, ConsumptionReading.kind, ConsumptionReading.id)
    )
    return [reading_record(r) for r in rows]


class ReadingService:
    def __init__(self, db: Database, centre: CentreInfo, audit: AuditService) -> None:
        self.db = db
        self.centre = centre
        self.audit = audit

    def _valid(self, data: ReadingInput, today: date | None = None) -> dict[str, object]:
        digits = currency_digits(self.centre.currency)
        valid = validate_reading(data, today=today or date.today(), minor_digits=digits)
        return valid.columns()

    def add(self, household_id: int, data: ReadingInput) -> int:
        """Stores a reading for the household (``NotFoundError`` without it)."""
        values = self._valid(data)
        with self.db.write() as session:
            get_row(session, Household, household_id, _("Household {id} not found."))
            row = ConsumptionReading(
                household_id=household_id, currency=self.centre.currency, **values
            )
            session.add(row)
            session.flush()
            filled = sorted(name for name, value in values.items() if value is not None)
            self.audit.record_in(
                session, a.CREATE, a.READING, row.id, household_id=household_id, fields=filled
            )
            return row.id

    def update(self, reading_id: int, data: ReadingInput) -> None:
        values = self._valid(data)
        with self.db.write() as session:
            row = self._row(session, reading_id)
            before = {name: getattr(row, name) for name in EDITED}
            for name, value in values.items():
                setattr(row, name, value)
            fields = changed_fields(before, values)
            if fields:
                self.audit.record_in(
                    session,
                    a.UPDATE,
                    a.READING,
                    reading_id,
                    household_id=row.household_id,
                    fields=fields,
                )

    def delete(self, reading_id: int) -> None:
        with self.db.write() as session:
            row = self._row(session, reading_id)
            household_id = row.household_id
            session.delete(row)
            self.audit.record_in(
                session, a.DELETE, a.READING, reading_id, household_id=household_id
            )

    def get(self, reading_id: int) -> Reading:
        with self.db.read() as session:
            return reading_record(self._row(session, reading_id))

    def of_household(self, household_id: int) -> list[Reading]:
        """The household's readings, oldest first (``NotFoundError`` without it)."""
        with self.db.read() as session:
            get_row(session, Household, household_id, _("Household {id} not found."))
            return household_readings(session, household_id)

    def before_after(
        self, household_id: int, consulted_on: date, months: int = OUTCOME_MONTHS
    ) -> list[ConsumptionChange]:
        """Per kind, the average month before and after *consulted_on* (see
        :mod:`siec_desk.domain.consumption`)."""
        with self.db.read() as session:
            readings = household_readings(session, household_id)
        return before_after(readings, consulted_on, months)

    @staticmethod
    def _row(session: Session, reading_id: int) -> ConsumptionReading:
        return get_row(
            session, ConsumptionReading, reading_id, _("Consumption reading {id} not found.")
        )
