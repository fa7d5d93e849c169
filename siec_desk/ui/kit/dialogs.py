"""Every message box and file dialog goes through :class:`Dialogs`, which tests replace.

Native modal dialogs block pytest-qt (and hang on some CI machines); views call these
methods instead, and the test suite swaps in a fake that records the questions and
returns prepared answers. Opening a file or folder in the desktop's own application
goes through here too, so tests never launch anything.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

from siec_desk.core.i18n import _


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ConflictChoice(Enum):
    """What to do when someone else saved the record first (see ``resolve_conflict``)."""

    RELOAD = "reload"  # show their version; my changes are dropped
    OVERWRITE = "overwrite"  # save mine over theirs, knowingly
    CANCEL = "cancel"  # keep editing; nothing saved yet


_Answer = TypeVar("_Answer", Unsaved, ConflictChoice)


def _ask(
    box: QMessageBox, answers: tuple[tuple[QPushButton, _Answer], ...], cancel: _Answer
) -> _Answer:
    """Add Cancel, make the first of *answers* the default, ask; the answer of the button
    clicked (*cancel* for Cancel, Escape or closing the box)."""
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(answers[0][0])
    box.exec()
    clicked = box.clickedButton()
    return next((answer for button, answer in answers if button is clicked), cancel)


class Dialogs:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)

    def confirm(self, title: str, text: str, action: str) -> bool:
        """A yes/no question whose "yes" button names the action (e.g. "Delete")."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def ask_unsaved(self, what: str) -> Unsaved:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Unsaved changes"),
            _("{what} has unsaved changes. Save them?").format(what=what),
            parent=self.parent,
        )
        save = box.addButton(QMessageBox.StandardButton.Save)
        discard = box.addButton(QMessageBox.StandardButton.Discard)
        # Our words, not Qt's catalogue's ("ارفض" next to "احفظ", D39).
        save.setText(_("&Save"))
        discard.setText(_("Do&n't save"))
        return _ask(box, ((save, Unsaved.SAVE), (discard, Unsaved.DISCARD)), Unsaved.CANCEL)

    def resolve_conflict(self, title: str, text: str) -> ConflictChoice:
        """Someone else saved first: reload their version, or overwrite it with mine."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        box.setInformativeText(
            _(
                "Reload their version to see it (your changes in this window are dropped), "
                "or overwrite it with yours (their changes are lost)."
            )
        )
        reload = box.addButton(_("Reload their version"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(_("Overwrite with mine"), QMessageBox.ButtonRole.DestructiveRole)
        return _ask(
            box,
            ((reload, ConflictChoice.RELOAD), (overwrite, ConflictChoice.OVERWRITE)),
            ConflictChoice.CANCEL,
        )

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        path, _chosen = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return path or None

    def open_file(self, title: str, filters: str) -> str | None:
        path, _chosen = QFileDialog.getOpenFileName(self.parent, title, "", filters)
        return path or None

    def open_files(self, title: str, filters: str) -> list[str]:
        """Several existing files (empty when cancelled)."""
        paths, _chosen = QFileDialog.getOpenFileNames(self.parent, title, "", filters)
        return list(paths)

    def choose_folder(self, title: str, start: str) -> str | None:
        """An existing folder (e.g. on a USB stick), or None when cancelled."""
        path = QFileDialog.getExistingDirectory(self.parent, title, start)
        return path or None

    def choose_printer(self, title: str) -> QPrinter | None:
        """The system print dialog; the printer chosen, or None when cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.parent)
        dialog.setWindowTitle(title)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def open_path(self, path: Path) -> bool:
        """Open a file or folder with the desktop's application for it."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
