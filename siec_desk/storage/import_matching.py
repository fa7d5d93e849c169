"""What the database already holds, read once, to match imported rows against it.

Households are found by phone (E.164) or by folded names + commune
(:func:`siec_desk.domain.normalise.name_key`, the rule of the duplicate warning); a name
match is refused when both sides have a phone and the phones differ (two people of the
same name in one town). A household known only by its e-mail address is found by it.
Consultations are keyed by :func:`consultation_key`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, select

from siec_desk.domain.normalise import fold, name_key
from siec_desk.storage.models import Consultation, ConsultationTheme, Household

ConsultationKey = tuple[object, ...]
#: The time given to a consultation whose row has a date only (as ``consultation add``).
DATE_ONLY_TIME = time(12)


def household_name_key(first: str | None, last: str | None, commune: str | None) -> str | None:
    """The name + commune key, or None when names or commune are missing."""
    if not (first or last) or not commune:
        return None
    key = name_key(first, last, commune)
    return None if key.startswith("|") or key.endswith("|") else key


def consultation_key(
    household: int | None, commune: str | None, day: date, mode: str, themes: tuple[str, ...]
) -> ConsultationKey:
    """Same household (or, anonymous, same commune), same day, mode and themes.

    The time of day is compared apart (:class:`ExistingIndex`), because many sheets
    give none: a row without a time matches a consultation of that day at any time.
    """
    place = household if household is not None else fold(commune)
    return (household is None, place, day, mode, tuple(sorted(themes)))


@dataclass
class ExistingIndex:
    by_phone: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    places: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    #: key → times of day of the consultations with that key (each matched once)
    consultations: dict[ConsultationKey, list[time]] = field(default_factory=dict)

    def household(
        self, phone: str | None, key: str | None, email: str | None
    ) -> tuple[int, str] | None:
        """(id, "phone", "name" or "email") of the household this one already is, if any."""
        if phone and phone in self.by_phone:
            return self.by_phone[phone], "phone"
        for candidate, candidate_phone in self.by_name.get(key or "", ()):
            if not (phone and candidate_phone and phone != candidate_phone):
                return candidate, "name"
        if email and not phone and not key and email in self.by_email:
            return self.by_email[email], "email"
        return None

    def add(self, household_id: int, phone: str | None, key: str | None, email: str | None) -> None:
        if phone:
            self.by_phone.setdefault(phone, household_id)
        if key:
            self.by_name.setdefault(key, []).append((household_id, phone))
        if email:
            self.by_email.setdefault(email, household_id)

    def take_consultation(self, key: ConsultationKey, clock: time | None) -> bool:
        """True (and that consultation is used up) when the database already has it."""
        times = self.consultations.get(key)
        if not times:
            return False
        if clock is None:  # noon first: what a date-only row was imported at before
            times.remove(DATE_ONLY_TIME if DATE_ONLY_TIME in times else min(times))
            return True
        if clock in times:
            times.remove(clock)
            return True
        return False


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
