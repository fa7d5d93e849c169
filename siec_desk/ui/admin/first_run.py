"""First run: one page asks the centre's name, country, language and first advisor."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.i18n import _
from siec_desk.texts.labels import COUNTRIES, LANGUAGES, TITLE_GENDERS
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.code_combo import CodeCombo


@dataclass(frozen=True)
class FirstRunAnswers:
    centre_name: str
    country: str
    language: str
    advisor_name: str
    load_demo: bool
    #: The grammatical gender of the advisor's title in letters (feminine, masculine,
    #: neutral).
    advisor_title: str = "neutral"


class FirstRunDialog(QDialog):
    """Collects the answers; the caller creates the centre (and checks them)."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to SIEC Desk"))
        tag(self, "first_run", _("Welcome to SIEC Desk"))
        intro = QLabel(
            _(
                "Welcome! Tell us about your centre; you can change its name and address "
                "later, not its country. Everything stays on this computer."
            )
        )
        intro.setWordWrap(True)
        self.centre = QLineEdit()
        self.centre.setPlaceholderText(_("e.g. Espace Conseil France Rénov' de Gap"))
        self.country = CodeCombo(COUNTRIES)
        self.country.set_code("MA" if language == "ar" else "FR")  # a guess; easy to change
        self.language = CodeCombo(LANGUAGES)
        self.language.set_code(language)
        self.advisor = QLineEdit()
        self.title = CodeCombo(TITLE_GENDERS)
        self.title.set_code("neutral")  # nobody is given a gender they did not choose
        self.demo = QCheckBox(_("Load demo data (1,000 fictitious households) to try the app"))
        tag(self.demo, "first_run.demo")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        tag(self.error, "first_run.error")
        form = QFormLayout()
        form.addRow(labelled(_("&Centre name"), self.centre, "first_run.centre"), self.centre)
        form.addRow(labelled(_("C&ountry"), self.country, "first_run.country"), self.country)
        form.addRow(labelled(_("&Language"), self.language, "first_run.language"), self.language)
        form.addRow(
            labelled(_("&Your name (advisor)"), self.advisor, "first_run.advisor"), self.advisor
        )
        form.addRow(labelled(_("&Title in letters"), self.title, "first_run.title"), self.title)
        form.addRow(self.demo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Start"))
        tag(ok, "first_run.start")
        tag(buttons.button(QDialogButtonBox.StandardButton.Cancel), "first_run.cancel")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        for field in (self.centre, self.advisor):  # the message goes once it is answered (D34)
            field.textEdited.connect(self._answered)

    def _answered(self) -> None:
        if self.centre.text().strip() and self.advisor.text().strip():
            self.error.clear()

    def _check(self) -> None:
        if not self.centre.text().strip() or not self.advisor.text().strip():
            self.error.setText(_("Please give the centre's name and your name."))
            (self.centre if not self.centre.text().strip() else self.advisor).setFocus()
            return
        self.accept()

    def answers(self) -> FirstRunAnswers:
        return FirstRunAnswers(
            centre_name=self.centre.text(),
            country=self.country.code() or "FR",
            language=self.language.code() or "en",
            advisor_name=self.advisor.text(),
            load_demo=self.demo.isChecked(),
            advisor_title=self.title.code() or "neutral",
        )
