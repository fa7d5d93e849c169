"""The quick-log line: an anonymous first-level contact in a few keystrokes.

Mode, theme(s), commune, duration; Enter saves. Themes are typed as words of their
labels ("chauf, aides" → heating, financial aid), accent- and case-insensitively, the
Arabic article optional ("تدف" → التدفئة, D8), with completion of each theme after a
comma (D29); several are separated by commas (Latin or Arabic). A message goes as soon
as the advisor types again, and "Logged." after a few seconds.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.i18n import _
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.normalise import fold, query_word, search_words
from siec_desk.texts.labels import CONTACT_MODES, THEMES
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.consultation_table import list_separator

_SEPARATORS = re.compile("[,;،؛]")
#: How long "Logged." stays (an error stays until the advisor types again).
SAID_MS = 6000


def _starts(label: str, wanted: str) -> bool:
    """A word of *label*, with or without its Arabic article, starts with *wanted*."""
    stem = query_word(wanted)
    return any(
        form.startswith(wanted) or form.startswith(stem)
        for word in label.split()
        for form in search_words(word)
    )


def parse_themes(text: str) -> tuple[list[str], list[str]]:
    """(theme codes, pieces not understood) for what was typed in the themes field."""
    labels = {code: fold(str(lazy)) for code, lazy in THEMES.items()}
    codes: list[str] = []
    unknown: list[str] = []
    for piece in (p.strip() for p in _SEPARATORS.split(text)):
        if not piece:
            continue
        wanted = fold(piece)
        match = (
            next((c for c, lab in labels.items() if lab == wanted), None)
            or next((c for c, lab in labels.items() if lab.startswith(wanted) or c == piece), None)
            or next((c for c, lab in labels.items() if _starts(lab, wanted)), None)
        )
        if match is None:
            unknown.append(piece)
        elif match not in codes:
            codes.append(match)
    return codes, unknown


class ThemeCompleter(QCompleter):
    """Completes the theme being typed after the last comma, keeping those before it."""

    def __init__(self, themes: list[str], field: QLineEdit, parent: QObject) -> None:
        super().__init__(themes, parent)
        self.field = field
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def _head(self) -> str:
        """What comes before the theme being typed ("Isolation, ")."""
        text = self.field.text()
        found = list(_SEPARATORS.finditer(text))
        return text[: found[-1].end()].rstrip() + " " if found else ""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [_SEPARATORS.split(path)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt override
        return self._head() + str(index.data())


class QuickLogBar(QWidget):
    """Emits ``logged(consultation_id)`` after a successful save."""

    logged = Signal(int)

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.mode = CodeCombo(CONTACT_MODES)
        self.mode.set_code("phone")
        self.themes = QLineEdit()
        self.themes.setPlaceholderText(_("e.g. heating, financial aid"))
        self.themes.setCompleter(
            ThemeCompleter([str(t) for t in THEMES.values()], self.themes, self)
        )
        self.commune = QLineEdit()
        self.commune.setPlaceholderText(_("Commune"))
        self.duration = QSpinBox()
        self.duration.setRange(1, 600)
        self.duration.setValue(5)
        self.duration.setSuffix(_(" min"))
        self.save = QPushButton(_("Log"))
        tag(self.save, "today.quick_log.save", _("Log this contact"))
        self.message = QLabel()
        tag(self.message, "today.quick_log.message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message_timer = QTimer(self)
        self.message_timer.setSingleShot(True)
        self.message_timer.setInterval(SAID_MS)
        self.message_timer.timeout.connect(lambda: self._say("", error=False))

        row = QHBoxLayout()
        for text, field, ident in (
            (_("&Mode"), self.mode, "today.quick_log.mode"),
            (_("&Themes"), self.themes, "today.quick_log.themes"),  # as in the editor (D42)
            (_("C&ommune"), self.commune, "today.quick_log.commune"),
            (_("D&uration"), self.duration, "today.quick_log.duration"),
        ):
            row.addWidget(labelled(text, field, ident))
            row.addWidget(field, 2 if field is self.themes else 1)
        row.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.save.clicked.connect(self.submit)
        for field in (self.themes, self.commune):
            field.returnPressed.connect(self.submit)
            field.textEdited.connect(lambda _text: self._say("", error=False))
        self.duration.lineEdit().returnPressed.connect(self.submit)
        self.setTabOrder(self.mode, self.themes)
        self.setTabOrder(self.themes, self.commune)
        self.setTabOrder(self.commune, self.duration)
        self.setTabOrder(self.duration, self.save)

    def set_communes(self, communes: list[str]) -> None:
        completer = QCompleter(communes, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.commune.setCompleter(completer)

    def submit(self) -> None:
        completer = self.themes.completer()
        popup = completer.popup() if completer else None
        if popup is not None and popup.isVisible():
            if self.themes.hasFocus():
                return  # Enter chose a completion; the next Enter saves
            popup.hide()  # Enter in another field: the proposal is not wanted
        codes, unknown = parse_themes(self.themes.text())
        if unknown or not codes:
            self._say(
                _("Unknown theme: {text}").format(text=list_separator().join(unknown))
                if unknown
                else _("Type at least one theme."),
                error=True,
            )
            self.themes.setFocus()
            return
        data = ConsultationInput(
            mode=self.mode.code() or "phone",
            themes=tuple(codes),
            commune=self.commune.text(),
            duration_min=self.duration.value(),
            advisor_id=self.ui.advisor_id,
        )
        self.ui.runner.run(
            lambda: self.ui.app.consultations.add(data),
            self._saved,
            lambda exc: self._say(error_text(exc), error=True),
        )

    def _saved(self, consultation_id: int) -> None:
        self._say(_("Logged."), error=False)
        self.themes.clear()
        self.commune.clear()
        self.duration.setValue(5)
        self.themes.setFocus()
        self.logged.emit(consultation_id)

    def _say(self, text: str, *, error: bool) -> None:
        self.message_timer.stop()
        if text and not error:
            self.message_timer.start()
        self.message.setVisible(bool(text))
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e;" if error else "color: #1b5e20;")
