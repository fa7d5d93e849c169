"""A keyboard shortcut in words, for lists and messages (Help ▸ Keyboard shortcuts, the
empty views' hints).

The platform's own notation ("Ctrl+N"; "⌘N" on a Mac), isolated (LRI … PDI) so that it
reads left to right inside Arabic. When the installed translators have lost Qt's "+"
between keys (a translator answering an empty text for what it lacks: "CtrlN"), the
portable notation is used instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from siec_desk.core.formatting import ltr


def key_text(keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    notation = QKeySequence.SequenceFormat.NativeText
    if QCoreApplication.translate("QShortcut", "+") != "+":
        notation = QKeySequence.SequenceFormat.PortableText
    return ltr(sequence.toString(notation))
