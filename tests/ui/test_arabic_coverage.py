"""In Arabic, no visible text of the main views is left in English (walk the widgets)."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QWidget,
)

from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.households.form import HouseholdForm
from siec_desk.ui.kit.context import UiContext

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
#: Latin text that is right in an Arabic UI: product name, units, currency codes,
#: shortcut names, language names in the language menu, the measures' brand-free units.
ALLOWED = re.compile(  # names, keys, units and French acronyms (DPE, ADEME) kept as such
    r"SIEC Desk|Ctrl|Alt|Shift|Enter|Delete|Del|Esc|kWh|CO₂|EUR|MAD|TND|English|Français|"
    r"MaPrimeRénov'|SQLite|Qt|PySide6|GPL|LGPL|Python|Linux|DPE|ADEME"
)


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget):
            continue
        name = child.objectName() or type(child).__name__
        if isinstance(child, QLabel | QAbstractButton):
            found.append((name, child.text()))
        if isinstance(child, QGroupBox):
            found.append((name, child.title()))
        if isinstance(child, QLineEdit):
            found.append((name, child.placeholderText()))
        if isinstance(child, QComboBox):
            found += [(name, child.itemText(i)) for i in range(child.count())]
        if isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            found += [
                (name, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(child.horizontalHeader().count())
            ]
    return found


def _untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (name, text)
        for name, text in texts
        if LATIN_WORD.search(ALLOWED.sub("", re.sub("<[^>]+>", "", text)))
    ]


def _data(ui: UiContext) -> int:
    for advisor in ui.app.centres.advisors():  # names are data: Arabic ones, as in Oujda
        ui.app.centres.rename_advisor(advisor.id, "سعاد بنعلي")
    household = ui.app.households.create(
        HouseholdInput(first_name="يوسف", last_name="العلمي", phone="0612345678", commune="شفشاون")
    )
    ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=household,
            follow_up_due=date.today(),
            measures=(MeasureChoice("led_lighting"),),
        )
    )
    return household


def test_every_main_view_is_translated(qtbot, ui: UiContext, arabic: None) -> None:  # type: ignore[no-untyped-def]
    household = _data(ui)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    problems = []
    for page in window.pages:
        window.show_page(page.key)
        if page.key == "households":
            window.open_household(household)
        # a page built on first show lays out its content in the event loop
        qtbot.waitUntil(lambda page=page: page.page().isVisible())
        problems += [(page.key, *p) for p in _untranslated(_texts(page))]
    menus = [a.text() for m in window.menuBar().findChildren(QMenu) for a in m.actions()]
    menus += [a.text() for a in window.menuBar().actions()]
    problems += [("menu", "", t) for t in menus if LATIN_WORD.search(ALLOWED.sub("", t))]
    assert problems == []


def test_the_forms_are_translated(qtbot, ui: UiContext, arabic: None) -> None:  # type: ignore[no-untyped-def]
    household = _data(ui)
    for dialog in (
        HouseholdForm(ui, household, None),
        ConsultationEditor(ui, None, household, None),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert _untranslated(_texts(dialog)) == [], type(dialog).__name__


def test_dates_and_times_read_left_to_right_in_arabic(qtbot, ui: UiContext, arabic: None) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate, QDateTime, QTime

    editor = ConsultationEditor(ui, None, _data(ui), None)
    qtbot.addWidget(editor)
    editor.when.setDateTime(QDateTime(QDate(2026, 11, 24), QTime(9, 36)))
    assert editor.isRightToLeft()
    # Qt would otherwise lay the sections out right to left: "36:09" for 09:36.
    assert not editor.when.isRightToLeft()
    assert editor.when.text() == "24/11/2026 09:36"
