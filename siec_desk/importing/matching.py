"""Matching imported rows with what the database already holds, pure: the keys and the index.

Households are found by phone (E.164) or by folded names + commune
(:func:`siec_desk.domain.normalise.name_key`, the rule of the duplicate warning); a name
match is refused when both sides have a phone and the phones differ (two people of the
same name in one town). A household known only by its e-mail address is found by it.
Consultations are keyed by :func:`consultation_key`. The dry run (``plan``) receives an
:class:`ExistingIndex`; ``storage.import_matching`` fills one from the database, and
``services.importer`` wires the two together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from siec_desk.domain.normalise import fold, name_key

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
