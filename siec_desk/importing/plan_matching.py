"""The dry run's matching: each valid row's household (pass 1) and consultation (pass 2).

Pass 1 finds a row's household in the database, on an earlier row of the file, or makes
it new (:class:`HouseholdMatcher`); pass 2, once the consultations recorded on the file's
days are loaded, drops the rows already recorded (:func:`match_rows`). The keys and the
index are ``importing.matching``.
"""

from __future__ import annotations

from typing import Any

from siec_desk.importing.matching import ExistingIndex, consultation_key, household_name_key
from siec_desk.importing.plan_records import (
    HouseholdMatch,
    ImportPlan,
    ImportReport,
    NewConsultation,
    NewHousehold,
    Packer,
)


class HouseholdMatcher:
    """Pass 1's households: found in the database, met on an earlier row, or new."""

    def __init__(self, existing: ExistingIndex, report: ImportReport) -> None:
        self.existing = existing
        self.report = report
        self.in_file = ExistingIndex()  # households first met in this file (ids: indexes)
        self.households: list[NewHousehold] = []
        self.packer = Packer(())

    def find(self, line: int, household: dict[str, Any]) -> tuple[int | None, int | None]:
        """(database id, None) or (None, index of the new household)."""
        phone = household.get("phone")
        key = household_name_key(
            household.get("first_name"), household.get("last_name"), household.get("commune")
        )
        email = household.get("email")
        found = self.existing.household(phone, key, email)
        if found is not None:
            self.report.matches.append(HouseholdMatch(line, found[0], found[1]))
            return found[0], None
        again = self.in_file.household(phone, key, email)
        if again is not None:
            return None, again[0]
        index = len(self.households)
        place = self.packer.share(household.get("commune"))
        postal = self.packer.share(household.get("postal_code"))
        self.households.append(NewHousehold(line, self.packer.pack(household), place, postal))
        self.in_file.add(index, phone, key, email)
        return None, index


def match_rows(
    valid: list[NewConsultation], matcher: HouseholdMatcher, packer: Packer, report: ImportReport
) -> ImportPlan:
    """Pass 2: consultations already recorded or new (households were matched in pass 1).
    *valid* becomes the plan's list of new consultations (filtered in place)."""
    existing = matcher.existing
    households = matcher.households
    kept = 0
    for row in valid:
        if row.new_household is None:
            key = consultation_key(row.household_id, row.commune, row.day, row.mode, row.themes)
            if existing.take_consultation(key, row.clock):
                report.consultations_existing += 1
                continue
            if row.household_id is not None:
                place, postal = existing.places.get(row.household_id, (None, None))
                row.commune = row.commune or packer.share(place)
                row.postal_code = row.postal_code or packer.share(postal)
        else:
            new = households[row.new_household]
            row.commune = row.commune or new.commune
            row.postal_code = row.postal_code or new.postal_code
        valid[kept] = row
        kept += 1
    del valid[kept:]
    report.households_new = len(households)
    report.consultations_new = len(valid)
    return ImportPlan(report, households, valid, matcher.packer.columns, packer.columns)
