"""One hub of "something changed" signals; views refresh themselves when told.

Services return after a write; the view that wrote emits the matching signal here, and
every other view showing that kind of data reloads it (as Anki's operation hooks do).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    households_changed = Signal()
    consultations_changed = Signal()
    open_household = Signal(int)  # ask the main window to show a household
    new_consultation = Signal(object)  # household id or None
    edit_consultation = Signal(int)
    letters_changed = Signal(int)  # a letter was saved for this household
