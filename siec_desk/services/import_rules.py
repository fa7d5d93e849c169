"""The import's rows bound to the records' rules: no check is written here.

Each household goes through :func:`~siec_desk.domain.household_rules.validate_household`
and each consultation through
:func:`~siec_desk.domain.consultation_rules.validate_consultation`, the functions the
services call; this only turns their result into the column values the import inserts in
bulk. ``tests/integration/test_import.py`` checks that an imported row and the same
consultation logged by hand are stored alike.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import Any

from siec_desk.core.errors import ValidationError
from siec_desk.domain.act_types import CentreActs
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.consultation_rules import validate_consultation
from siec_desk.domain.fields import HOUSEHOLD_INTERNAL, Record, columns
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.household_rules import validate_household
from siec_desk.services.households import HouseholdService

#: Distinct households whose check is remembered (least recently met forgotten first).
HOUSEHOLDS_REMEMBERED = 4_096
_SET_ON_INSERT = {"id", "created_at", "updated_at", "version"}
#: The columns of a new household, as the import inserts them.
HOUSEHOLD_COLUMNS = (
    *(c for c in HOUSEHOLD_INTERNAL if c not in _SET_ON_INSERT),
    *columns(Record.HOUSEHOLD),
)


class ImportRules:
    def __init__(
        self, households: HouseholdService, now: datetime, acts: CentreActs | None = None
    ) -> None:
        self.country = households.country
        self.acts = acts  # the centre's own and hidden act types
        self.rules = households.rules()
        self.now = now
        self._households: OrderedDict[HouseholdInput, dict[str, Any] | ValidationError] = (
            OrderedDict()
        )

    def household(self, data: HouseholdInput) -> dict[str, Any]:
        """A household met again is not checked again (a sheet lists people on many rows):
        the last :data:`HOUSEHOLDS_REMEMBERED` distinct ones are remembered, so that a big
        sheet of distinct people does not keep every one of them twice in memory."""
        known = self._households.get(data)
        if known is not None:
            self._households.move_to_end(data)
        else:
            if len(self._households) >= HOUSEHOLDS_REMEMBERED:
                self._households.popitem(last=False)
            try:
                valid = validate_household(data, self.rules).columns()
            except ValidationError as exc:
                known = self._households[data] = exc
            else:
                valid["country"] = self.country
                known = self._households[data] = {c: valid.get(c) for c in HOUSEHOLD_COLUMNS}
        if isinstance(known, ValidationError):
            raise known
        return known

    def consultation(self, data: ConsultationInput, identified: bool) -> dict[str, Any]:
        valid = validate_consultation(
            data, identified, self.now, country=self.country, acts=self.acts
        )
        # History: a 6-month outcome already past when the sheet comes in was never asked;
        # a reminder for each one would bury the Follow-ups page under years of old calls.
        due = valid.outcome_due
        return {
            "advisor_id": None,
            "occurred_at": valid.occurred_at,
            "duration_min": valid.duration_min,
            "mode": valid.mode,
            "act": valid.act,
            "project_type": valid.project_type,
            "origin": valid.origin,
            "commune": valid.commune,
            "postal_code": valid.postal_code,
            "notes": valid.notes,
            "follow_up_action": valid.follow_up_action,
            "follow_up_due": valid.follow_up_due,
            "follow_up_status": valid.follow_up_status,
            "follow_up_kind": valid.follow_up_kind,
            "outcome_due": due if due is not None and due >= self.now.date() else None,
            "themes": valid.themes,
            "orientations": valid.orientations,
        }
