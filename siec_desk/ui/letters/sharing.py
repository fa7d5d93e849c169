"""Save as… and Send by e-mail… for an archived letter or attestation.

:func:`save_copy_as` asks where to put a copy (its readable default name from the letter
service), then writes the archived file's bytes there on the DB thread (checked against
their SHA-256: never rendered again). :func:`share_buttons` makes the two buttons the
letter dialog and a household's timeline show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QPushButton, QWidget

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.builders import push_button


def save_copy_as(
    ui: UiContext,
    letter_id: int,
    parent: QWidget | None,  # noqa: ARG001 (the desk's file dialog has its own parent)
    done: Callable[[Path], object] | None = None,
) -> None:
    """Ask for a place (default: the readable name), then copy the archived PDF there."""
    from siec_desk.services.letter_copies import with_pdf_suffix  # not at start-up

    letters = ui.app.letters

    def ask(name: str) -> None:
        chosen = ui.dialogs.save_file(_("Save as"), name, _("PDF documents (*.pdf)"))
        if not chosen:
            return
        out = with_pdf_suffix(Path(chosen))
        ui.runner.run(
            lambda: letters.save_copy(letter_id, out),
            lambda path: _saved(path),
            ui.show_error,
        )

    def _saved(path: Path) -> None:
        if done is not None:
            done(path)
        else:
            ui.dialogs.info(_("Save as"), _("Saved: {file}").format(file=ltr(str(path))))

    ui.runner.run(lambda: letters.copy_name(letter_id), ask, ui.show_error)


def share_buttons(
    prefix: str, save_as: Callable[[], object], send: Callable[[], object]
) -> tuple[QPushButton, QPushButton]:
    """ "Save as…" (``<prefix>.save_as``) and "Send by e-mail…" (``<prefix>.email``)."""
    save_button = push_button(_("Save &as…"), f"{prefix}.save_as", _("Save as"), on_click=save_as)
    send_button = push_button(
        _("Send by e-&mail…"), f"{prefix}.email", _("Send by e-mail"), on_click=send
    )
    for button in (save_button, send_button):
        button.setAutoDefault(False)
        button.setEnabled(False)
    return save_button, send_button
