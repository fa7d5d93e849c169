"""The services' validation, applied to imported rows without writing them one by one.

Households go through :meth:`HouseholdService._apply` itself (every check, the French
income category, the search text), on an unsaved object whose column values are then
inserted in bulk. Consultations follow :meth:`ConsultationService._apply` step by step
with the same :class:`~siec_desk.domain.validation.Checker` calls, constants and
anonymous-row rule; that method needs a session and a saved household, which rows of a
dry run do not have yet. ``tests/integration/test_import.py`` checks that both paths
store the same values.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import Any

from siec_desk.core.errors import ValidationError
from siec_desk.core.i18n import _
from siec_desk.domain import validation as v
from siec_desk.domain.codes import ACTS_NEEDING_HOUSEHOLD, ActLevel, ContactMode, Origin, Theme
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.consultations import (
    DEFAULT_DURATION,
    EARLIEST_DATE,
    OUTCOME_DELAY,
    ConsultationService,
)
from siec_desk.services.households import HouseholdService
from siec_desk.storage.models import Household

_SET_ON_INSERT = {"id", "created_at", "updated_at", "version"}
#: Distinct households whose check is remembered (least recently met forgotten first).
HOUSEHOLDS_REMEMBERED = 4_096
HOUSEHOLD_COLUMNS = tuple(c.key for c in Household.__table__.columns if c.key not in _SET_ON_INSERT)


class ImportRules:
    def __init__(self, households: HouseholdService, now: datetime) -> None:
        self.households = households
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
            household = Household(country=self.households.country)
            try:
                self.households._apply(household, data)  # raises; writes nothing
            except ValidationError as exc:
                known = self._households[data] = exc
            else:
                known = self._households[data] = {
                    name: getattr(household, name) for name in HOUSEHOLD_COLUMNS
                }
        if isinstance(known, ValidationError):
            raise known
        return known

    def consultation(self, data: ConsultationInput, identified: bool) -> dict[str, Any]:
        check = v.Checker()
        mode = check.code("mode", data.mode, ContactMode, required=True)
        act = check.code("act", data.act, ActLevel) or (
            ActLevel.ADVICE.value if identified else ActLevel.INFO.value
        )
        themes = [check.code("themes", t, Theme) for t in data.themes]
        if not data.themes:
            check.add("themes", _("Choose at least one theme."))
        occurred_at = data.occurred_at or self.now
        check.not_future("occurred_at", occurred_at, self.now)
        check.date_not_before("occurred_at", occurred_at.date(), EARLIEST_DATE)
        duration = check.int_range(
            "duration_min", data.duration_min, v.DURATION_MIN, v.DURATION_MAX
        ) or DEFAULT_DURATION.get(act, 15)
        origin = check.code("origin", data.origin, Origin)
        commune = check.text("commune", data.commune, v.COMMUNE_MAX)
        postal_code = check.text("postal_code", data.postal_code, v.POSTAL_CODE_MAX)
        notes = check.text("notes", data.notes, v.NOTES_MAX, multiline=True)
        action = check.text("follow_up_action", data.follow_up_action, v.SHORT_TEXT_MAX)
        check.date_not_before("follow_up_due", data.follow_up_due, occurred_at.date())
        if not identified:
            ConsultationService._check_anonymous(check, act, notes, action, data)
        check.raise_if_any()
        occurred = occurred_at.replace(microsecond=0, tzinfo=None)
        outcome_due = occurred.date() + OUTCOME_DELAY
        # History: a 6-month outcome already past when the sheet comes in was never asked;
        # a reminder for each one would bury the Follow-ups page under years of old calls.
        wants_outcome = identified and act in ACTS_NEEDING_HOUSEHOLD
        return {
            "advisor_id": None,
            "occurred_at": occurred,
            "duration_min": duration,
            "mode": str(mode),
            "act": act,
            "origin": origin,
            "commune": commune,
            "postal_code": postal_code,
            "notes": notes,
            "follow_up_action": action,
            "follow_up_due": data.follow_up_due,
            "follow_up_status": "to_call_back" if (action or data.follow_up_due) else None,
            "outcome_due": (
                outcome_due if wants_outcome and outcome_due >= self.now.date() else None
            ),
            "themes": tuple(dict.fromkeys(t for t in themes if t)),
        }
