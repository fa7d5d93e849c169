"""The agenda list's cells are made apart from its items (issue 22: on the database
thread for the 1000 "Upcoming" rows, each distinct day formatted once): every row still
shows its own day, time, household, phone, kind, action and status, and says the same to
a screen reader, after any number of refills, whether the texts were made beforehand
(as the agenda view does) or by the list itself."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from siec_desk.core.formatting import format_date, plain
from siec_desk.domain.agenda import AgendaRow
from siec_desk.texts.labels import FOLLOW_UP_KINDS, FOLLOW_UP_STATUSES, label
from siec_desk.ui.agenda.rows import (
    AgendaList,
    action_text,
    name_text,
    phone_text,
    time_text,
)

pytestmark = pytest.mark.ui

TODAY = date(2025, 3, 14)


PHONES = (None, "+33612345678", "+212612345678", "+21620123456")
NAMES = ("Martin", "العلوي", "Ben Salah (SARL 2000)")
ACTIONS = (None, "Rappeler au 06 12 34 56 78", "إرسال ملف MaPrimeRénov'")
STATUSES = ("to_call_back", "appointment_set", "done", "cancelled")


def _row(ident: int, due: date) -> AgendaRow:
    return AgendaRow(
        consultation_id=ident,
        household_id=ident,
        household_name=NAMES[ident % len(NAMES)],
        phone=PHONES[ident % len(PHONES)],
        due=due,
        at=time(9 + ident % 8, 30) if ident % 3 else None,
        kind=("call_back", "appointment", "visit")[ident % 3],
        action=ACTIONS[ident % len(ACTIONS)],
        status=STATUSES[ident % len(STATUSES)],
        note=None,
        advisor_id=None,
        advisor_name=None,
        postponed=0,
        version=1,
    )


def _expected(row: AgendaRow, locale: str, country: str) -> tuple[str, ...]:
    """Each cell as the list made it before issue 22, one call per row and cell."""
    return (
        format_date(row.due, locale),
        time_text(row, locale),
        name_text(row),
        phone_text(row, country),
        label(FOLLOW_UP_KINDS, row.kind),
        action_text(row),
        label(FOLLOW_UP_STATUSES, row.status),
    )


def _shown(agenda: AgendaList) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each follow-up's cells and what a screen reader says of them, by consultation."""
    found = {}
    for index in range(agenda.topLevelItemCount()):
        top = agenda.topLevelItem(index)
        assert top is not None
        for child in (top.child(i) for i in range(top.childCount())):
            assert child is not None
            columns = range(agenda.columnCount())
            found[int(child.data(0, Qt.ItemDataRole.UserRole))] = (
                tuple(child.text(c) for c in columns),
                tuple(child.data(c, Qt.ItemDataRole.AccessibleTextRole) for c in columns),
            )
    return found


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fills=st.lists(
        st.lists(st.integers(min_value=-40, max_value=400), min_size=0, max_size=60),
        min_size=1,
        max_size=3,
    ),
    locale=st.sampled_from(["fr_FR", "ar_MA", "fr_TN", "en_GB"]),
    beforehand=st.booleans(),
)
def test_every_row_shows_its_own_cells(
    qtbot: Any, fills: list[list[int]], locale: str, beforehand: bool
) -> None:
    country = {"ar_MA": "MA", "fr_TN": "TN"}.get(locale, "FR")
    agenda = AgendaList("test.agenda", "Agenda", locale, country)
    qtbot.addWidget(agenda)
    for offsets in fills:  # refilled: nothing left over from the previous fill
        rows = [_row(i + 1, TODAY + timedelta(days=d)) for i, d in enumerate(offsets)]
        texts = agenda.row_texts(rows) if beforehand else None
        agenda.show_rows(rows, TODAY, texts=texts)
        expected = {}
        for r in rows:
            cells = _expected(r, locale, country)
            expected[r.consultation_id] = cells, tuple(plain(c) for c in cells)
        assert _shown(agenda) == expected
