"""Undo and redo for the whole application: one :class:`QUndoStack` behind Edit ▸ Undo/Redo.

A view that changed something undoable pushes a command made of two callables::

    push_undoable(ui, _("Mark the follow-up done"),
                  undo=lambda: service.restore(previous),  # runs on the DB thread
                  redo=lambda: service.complete(fid),      # idem, when redone
                  changed=ui.events.consultations_changed.emit)  # GUI thread, after either

The change itself is already made when it is pushed (the first ``redo`` is not run).
Both callables run through the UI's runner (``ui.runner``), never on the GUI thread; Undo
and Redo are disabled while one is under way. If undoing or redoing fails (the record was
changed or deleted meanwhile: :class:`ConflictError`, :class:`NotFoundError`, or any
other error), the user reads one translated line and the command is dropped from the
stack (it can no longer be applied); nothing else on the stack moves.

The stack lives as long as the :class:`UiContext` (one per application run): nothing is
kept across sessions. The main window adds them to its Edit menu (:meth:`UndoManager.add_to`);
their shortcuts are window shortcuts, so a focused line or text edit keeps its own Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu

from siec_desk.core.errors import ConflictError, NotFoundError
from siec_desk.core.i18n import _
from siec_desk.ui.kit.context import UiContext, error_text

Work = Callable[[], object]


class FunctionCommand(QUndoCommand):
    """A command whose undo and redo are two callables run on the DB thread."""

    def __init__(
        self, text: str, undo: Work, redo: Work, changed: Callable[[], object] | None
    ) -> None:
        super().__init__(text)
        self.undo_work = undo
        self.redo_work = redo
        self.changed = changed

    # The stack only moves its index: the work is run by UndoManager before.
    def undo(self) -> None:
        return None

    def redo(self) -> None:
        return None


class UndoManager(QObject):
    """The application's undo stack and the runner-driven undo/redo (see the module)."""

    failed = Signal(str)  # the one line shown when an undo or redo could not be applied

    def __init__(self, ui: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siec_desk.undo")
        self.ui = ui
        self.stack = QUndoStack(self)
        self.busy = False
        self._undo_action: QAction | None = None
        self._redo_action: QAction | None = None
        self.stack.indexChanged.connect(self._update_actions)

    # -- pushing -----------------------------------------------------------------------
    def push(
        self, text: str, undo: Work, redo: Work, changed: Callable[[], object] | None = None
    ) -> FunctionCommand:
        """Record a change already made; *text* (translated) names it in the Edit menu."""
        command = FunctionCommand(text, undo, redo, changed)
        self.stack.push(command)  # takes ownership; redo() does nothing
        return command

    # -- undo / redo -------------------------------------------------------------------
    def can_undo(self) -> bool:
        return not self.busy and self.stack.canUndo()

    def can_redo(self) -> bool:
        return not self.busy and self.stack.canRedo()

    def undo(self) -> None:
        """Undo the last change (through the runner); on failure drop it, say why."""
        if not self.can_undo():
            return
        command = self.stack.command(self.stack.index() - 1)
        assert isinstance(command, FunctionCommand)
        self._apply(command, command.undo_work, self.stack.undo, undoing=True)

    def redo(self) -> None:
        if not self.can_redo():
            return
        command = self.stack.command(self.stack.index())
        assert isinstance(command, FunctionCommand)
        self._apply(command, command.redo_work, self.stack.redo, undoing=False)

    def _apply(
        self, command: FunctionCommand, work: Work, move: Callable[[], None], *, undoing: bool
    ) -> None:
        self._set_busy(True)
        text = command.text()

        def done(_result: object) -> None:
            self._set_busy(False)
            move()
            if command.changed is not None:
                command.changed()

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            command.setObsolete(True)  # the stack deletes an obsolete command as it moves
            move()
            message = _failure_line(text, exc, undoing=undoing)
            self.failed.emit(message)
            self.ui.dialogs.error(_("Undo"), message)
            if command.changed is not None:
                command.changed()

        self.ui.runner.run(work, done, failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_actions()

    # -- the Edit menu's actions ---------------------------------------------------------
    def actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """Edit ▸ Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z), kept up to date with the stack."""
        undo = QAction(parent)
        undo.setObjectName("action.undo")
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        redo = QAction(parent)
        redo.setObjectName("action.redo")
        # The platform's Redo (Ctrl+Y on Windows) and Ctrl+Shift+Z everywhere.
        redo_keys = [QKeySequence(QKeySequence.StandardKey.Redo)]
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        redo.setShortcuts(redo_keys)
        for action in (undo, redo):
            # A focused QLineEdit/QTextEdit claims Ctrl+Z first (ShortcutOverride).
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        undo.triggered.connect(self.undo)
        redo.triggered.connect(self.redo)
        self._undo_action, self._redo_action = undo, redo
        self._update_actions()
        return undo, redo

    def add_to(self, menu: QMenu) -> None:
        """Undo and Redo at the top of *menu* (the main window's Edit menu), then a line."""
        parent = menu.parent()
        menu.addActions(list(self.actions(parent if parent is not None else menu)))
        menu.addSeparator()

    def _update_actions(self) -> None:
        if self._undo_action is not None:
            text = self.stack.undoText() if self.stack.canUndo() else ""
            self._undo_action.setText(
                _("&Undo {action}").format(action=text) if text else _("&Undo")
            )
            self._undo_action.setEnabled(self.can_undo())
        if self._redo_action is not None:
            text = self.stack.redoText() if self.stack.canRedo() else ""
            self._redo_action.setText(
                _("&Redo {action}").format(action=text) if text else _("&Redo")
            )
            self._redo_action.setEnabled(self.can_redo())


def _failure_line(text: str, exc: Exception, *, undoing: bool) -> str:
    if isinstance(exc, (ConflictError, NotFoundError)):
        template = (
            _("“{action}” cannot be undone: the record was changed or deleted since.")
            if undoing
            else _("“{action}” cannot be redone: the record was changed or deleted since.")
        )
        return template.format(action=text)
    return _("“{action}” could not be undone or redone: {reason}").format(
        action=text, reason=error_text(exc)
    )


def undo_manager(ui: UiContext) -> UndoManager:
    """The application's one undo manager (made on first use, kept with *ui*'s events)."""
    found = ui.events.findChild(UndoManager, "siec_desk.undo")
    if isinstance(found, UndoManager):
        return found
    return UndoManager(ui, ui.events)


def undo_stack(ui: UiContext) -> QUndoStack:
    """The application-wide QUndoStack."""
    return undo_manager(ui).stack


def push_undoable(
    ui: UiContext,
    text: str,
    *,
    undo: Work,
    redo: Work,
    changed: Callable[[], object] | None = None,
) -> None:
    """Record a change just made so Edit ▸ Undo can reverse it (see the module)."""
    undo_manager(ui).push(text, undo, redo, changed)
