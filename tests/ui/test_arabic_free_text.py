"""Arabic free text in the window keeps phones, references and brand names in order
(documents-review items 5 and 33, shown in the household detail)."""

from __future__ import annotations

import dataclasses
from typing import Any

from testkit.letters import ARABIC

from siec_desk.ui.households.detail import household_facts
from siec_desk.ui.kit.context import UiContext


def test_household_notes_isolate_phones_references_and_brands(qtbot: Any, ui: UiContext) -> None:
    notes = "اتصلت على الرقم +212 6 61 23 45 67 بخصوص المرجع 2026-009004 ومنحة MaPrimeRénov'."
    household_id = ui.app.households.create(dataclasses.replace(ARABIC, notes=notes))
    facts = household_facts(ui.app.households.get(household_id), "MA")
    shown = facts["notes"]
    for value in ("+212 6 61 23 45 67", "2026-009004", "MaPrimeRénov'"):
        assert f"\u2066{value}\u2069" in shown, value
    assert shown.replace("\u2066", "").replace("\u2069", "") == notes  # nothing else changes
