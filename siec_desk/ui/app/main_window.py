"""The main window: navigation between pages, menus with shortcuts, status bar.

Pages are created once; switching asks the current page whether it can be left
(unsaved changes). Geometry and the last page are remembered in QSettings.
"""

from __future__ import annotations

import dataclasses
import sys

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from siec_desk.core import i18n
from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.core.settings import load_preferences, save_preferences
from siec_desk.ui.admin.advisor_choice import AdvisorDialog
from siec_desk.ui.app.main_menus import build_menus
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.lazy_page import LazyPage
from siec_desk.ui.loans import loans_page
from siec_desk.ui.widgets.accessible import tag

TODAY, HOUSEHOLDS = "today", "households"  # the pages' keys (``Page.key``)


class MainWindow(QMainWindow):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self._restarting = False  # closing to restart after a restore: nothing to ask
        tag(self, "main_window", _("SIEC Desk"))
        self.setWindowTitle(ui.app.centre.name)  # Qt adds " — SIEC Desk" (D33: it was twice)
        # Each page, and its module, is built the first time it is shown (issue 22).
        ui_ = "siec_desk.ui."  # each page's module, imported on an idle turn (idle_warmup)
        self.pages: list[LazyPage] = [
            LazyPage(TODAY, lambda: _("Today"), lambda: _today_page(ui), ui_ + "today.page"),
            LazyPage(
                HOUSEHOLDS,
                lambda: _("Households"),
                lambda: _households_page(ui),
                ui_ + "households.page",
            ),
            LazyPage(
                "consultations",
                lambda: _("Consultations"),
                lambda: _consultations(ui),
                ui_ + "consultations.page",
            ),
            LazyPage(
                "followups",
                lambda: _("Follow-ups"),
                lambda: _followups_page(ui),
                ui_ + "consultations.followups",
            ),
            LazyPage(
                "activity", lambda: _("Activity"), lambda: _activity_page(ui), ui_ + "activity.page"
            ),
            LazyPage("events", lambda: _("Events"), lambda: _events_page(ui), ui_ + "events.page"),
            LazyPage("loans", lambda: _("Loans"), lambda: loans_page(ui), ui_ + "loans.page"),
        ]
        self.nav = QListWidget()
        tag(self.nav, "main.navigation", _("Views"))
        self.nav.setFixedWidth(200)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }"
        )
        self.stack = QStackedWidget()
        for index, page in enumerate(self.pages):
            item = QListWidgetItem(f"{page.title()}\u2003Ctrl+{index + 1}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page.title())
            self.nav.addItem(item)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._nav_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.help = build_menus(self)
        self._build_status_bar()
        self._connect_events()
        geometry = ui.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        self.show_page(ui.settings.last_view() or TODAY)

    # -- navigation --------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page of *key*, built if it was not shown yet."""
        return next(p for p in self.pages if p.key == key).page()

    def show_page(self, key: str) -> None:
        keys = [p.key for p in self.pages]
        self.nav.setCurrentRow(keys.index(key) if key in keys else 0)

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        current = self.stack.currentWidget()
        if isinstance(current, Page) and current is not self.pages[row] and not current.can_leave():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.stack.currentIndex())
            self.nav.blockSignals(False)
            return
        page = self.pages[row]
        self.stack.setCurrentWidget(page)
        page.refresh()
        page.focus_primary()
        self.ui.settings.set_last_view(page.key)

    def _build_status_bar(self) -> None:
        self.location_label = QLabel(ltr(self.ui.app.location))
        tag(self.location_label, "status.database")
        self.advisor_label = QLabel()
        tag(self.advisor_label, "status.advisor")
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.advisor_label)
        self.update_advisor_label()

    def update_advisor_label(self) -> None:
        advisors = {a.id: a.display_name for a in self.ui.app.centres.advisors()}
        name = advisors.get(self.ui.advisor_id or -1)
        self.advisor_label.setText(
            _("Advisor: {name}").format(name=name) if name else _("No advisor chosen")
        )

    def _connect_events(self) -> None:
        events = self.ui.events
        events.households_changed.connect(self.refresh_current)
        events.consultations_changed.connect(self.refresh_current)
        events.open_household.connect(self.open_household)
        events.new_consultation.connect(self.new_consultation)
        events.edit_consultation.connect(self.edit_consultation)

    # -- actions -----------------------------------------------------------------------
    def refresh_current(self) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.refresh()

    def find_household(self) -> None:
        self.show_page(HOUSEHOLDS)
        self.page(HOUSEHOLDS).focus_primary()

    def open_household(self, household_id: int) -> None:
        from siec_desk.ui.households.page import HouseholdsPage

        self.show_page(HOUSEHOLDS)
        page = self.page(HOUSEHOLDS)
        assert isinstance(page, HouseholdsPage)
        page.show_household(household_id)

    def new_household(self) -> None:
        from siec_desk.ui.households.form import HouseholdForm  # not needed at start-up

        form = HouseholdForm(self.ui, None, self)
        if form.exec() and form.saved_id is not None:
            self.ui.events.households_changed.emit()
            self.open_household(form.saved_id)

    def selected_household(self) -> int | None:
        """The household selected on the Households page while it is shown (D7)."""
        current = self.stack.currentWidget()
        if not isinstance(current, LazyPage) or current.key != HOUSEHOLDS or not current.built:
            return None
        from siec_desk.ui.households.page import HouseholdsPage

        page = current.page()
        return page.selected_household() if isinstance(page, HouseholdsPage) else None

    def new_consultation(self, household_id: int | None) -> None:
        from siec_desk.ui.consultations.editor import ConsultationEditor  # idem

        editor = ConsultationEditor(self.ui, None, household_id, self)
        if editor.exec():
            self.ui.events.consultations_changed.emit()

    def edit_consultation(self, consultation_id: int) -> None:
        from siec_desk.ui.consultations.editor import ConsultationEditor

        editor = ConsultationEditor(self.ui, consultation_id, None, self)
        if editor.exec():
            self.ui.events.consultations_changed.emit()

    def change_language(self, language: str) -> None:
        """Save the choice; apply it by a clean restart that reopens the same view."""
        if language == i18n.current_language():
            return
        save_preferences(dataclasses.replace(load_preferences(), language=language))
        if (
            self.ui.dialogs.confirm(
                _("Language"),
                _("The new language applies when SIEC Desk restarts. Restart now?"),
                _("&Restart now"),
            )
            and self.close()
        ):
            args = [a for a in sys.argv[1:]]
            if "--lang" in args:
                i = args.index("--lang")
                del args[i : i + 2]
            QProcess.startDetached(sys.executable, ["-m", "siec_desk", *args])

    def change_advisor(self) -> None:
        advisors = self.ui.app.centres.advisors()
        dialog = AdvisorDialog(advisors, self)
        if self.ui.advisor_id is not None:
            dialog.combo.setCurrentIndex(max(0, dialog.combo.findData(self.ui.advisor_id)))
        if dialog.exec():
            if dialog.title_changed():  # the title their letters are signed with
                self.ui.app.centres.set_advisor_title(dialog.advisor_id(), dialog.title_gender())
            self.ui.advisor_id = dialog.advisor_id()
            self.ui.settings.set_advisor_id(self.ui.app.location, self.ui.advisor_id)
            self.update_advisor_label()

    def email_settings(self) -> None:
        from siec_desk.ui.admin.email_settings import EmailSettingsDialog

        EmailSettingsDialog(self.ui, self).exec()

    def letter_settings(self) -> None:
        from siec_desk.ui.letters.settings import LetterSettingsDialog

        LetterSettingsDialog(self.ui, self).exec()

    def import_spreadsheet(self) -> None:
        from siec_desk.ui.import_wizard.wizard import ImportWizard  # not needed at start-up

        ImportWizard(self.ui, self).exec()

    def backups(self) -> None:
        from siec_desk.ui.admin.backups import BackupsDialog

        BackupsDialog(self.ui, self, can_leave=self.can_leave_all, restart=self.restart).exec()

    def can_leave_all(self) -> bool:
        """Every page agrees to be left (unsaved work saved or discarded)."""
        return all(page.can_leave() for page in self.pages)

    def restart(self) -> None:
        """Close without asking the pages again and start SIEC Desk anew (after a restore:
        every page and service reopens the restored file through the start-up path)."""
        from siec_desk.services.restore import relaunch_command

        self._restarting = True
        if self.close():
            QProcess.startDetached(*relaunch_command())

    def parameters(self) -> None:
        from siec_desk.ui.admin.parameters_dialog import ParametersDialog

        ParametersDialog(self.ui, self).exec()

    def retention(self) -> None:
        from siec_desk.ui.admin.retention_dialog import RetentionDialog

        RetentionDialog(self.ui, self).exec()

    def audit(self) -> None:
        from siec_desk.ui.admin.audit_dialog import AuditDialog

        AuditDialog(self.ui, self).exec()

    def network_export(self) -> None:
        from siec_desk.ui.network.export_dialog import NetworkExportDialog

        NetworkExportDialog(self.ui, self).exec()

    def network(self) -> None:
        from siec_desk.ui.network.window import NetworkWindow

        NetworkWindow(self.ui, self).exec()

    def about(self) -> None:
        from siec_desk.ui.admin.about import AboutDialog

        AboutDialog(self.ui, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._restarting and not self.can_leave_all():
            event.ignore()
            return
        self.ui.settings.set_geometry(self.saveGeometry())
        self.ui.settings.sync()
        self.ui.shutdown()
        event.accept()


def _today_page(ui: UiContext) -> Page:
    from siec_desk.ui.today.page import TodayPage

    return TodayPage(ui)


def _households_page(ui: UiContext) -> Page:
    from siec_desk.ui.households.page import HouseholdsPage

    return HouseholdsPage(ui)


def _consultations(ui: UiContext) -> Page:
    from siec_desk.ui.consultations.page import ConsultationsPage

    return ConsultationsPage(ui)


def _followups_page(ui: UiContext) -> Page:
    from siec_desk.ui.consultations.followups import FollowUpsPage

    return FollowUpsPage(ui)


def _activity_page(ui: UiContext) -> Page:
    from siec_desk.ui.activity.page import ActivityPage  # QtCharts: not at start-up

    return ActivityPage(ui)


def _events_page(ui: UiContext) -> Page:
    from siec_desk.ui.events.page import EventsPage

    return EventsPage(ui)
