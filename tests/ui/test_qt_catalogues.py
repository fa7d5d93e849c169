"""Qt's own dialogs in the user's language (D12): the save dialog's labels, mnemonics
included, come from Qt's catalogue even where Qt 6.11 added a mnemonic it lacks."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from siec_desk.ui.app.launch import install_language

pytestmark = pytest.mark.ui

LABELS = ("lookInLabel", "fileTypeLabel", "fileNameLabel")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["&Voir dans\xa0:", "&Fichiers de type\xa0:", "&Nom de fichier\xa0:"]),
        ("ar", ["اعثر في:", "الملفّات من النّوع:", "ا&سم الملفّ:"]),
    ],
)
def test_the_save_dialog_is_translated_whole(
    qtbot: Any, qapp: Any, language: str, expected: list[str]
) -> None:
    translators = install_language(qapp, language)
    try:
        dialog = QFileDialog()
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        assert [dialog.findChild(QLabel, name).text() for name in LABELS] == expected
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_shortcuts_keep_their_plus_sign_under_qt_catalogues(qapp: Any, language: str) -> None:
    """The fallback for Qt's new mnemonics must not answer "" for what it does not
    translate: Qt would take it for a translation and every "Ctrl+S" read "CtrlS"."""
    from PySide6.QtGui import QKeySequence

    translators = install_language(qapp, language)
    try:
        native = QKeySequence("Ctrl+Shift+S").toString(QKeySequence.SequenceFormat.NativeText)
        assert native.replace("Maj", "Shift") == "Ctrl+Shift+S"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
