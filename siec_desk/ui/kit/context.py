"""What every view receives: services, the DB runner, dialogs, events and settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from siec_desk.core.errors import SiecError, ValidationError, mask_secrets
from siec_desk.core.i18n import _
from siec_desk.core.logs import log_unexpected, setup_logging
from siec_desk.services.app import AppContext
from siec_desk.texts.labels import describe_errors
from siec_desk.ui.kit.dialogs import Dialogs
from siec_desk.ui.kit.events import DataEvents
from siec_desk.ui.kit.runner import Runner
from siec_desk.ui.kit.ui_settings import UiSettings

if TYPE_CHECKING:
    from siec_desk.ui.kit.letter_renderer import LetterRenderer

log = logging.getLogger(__name__)


def error_text(exc: Exception) -> str:
    """What to tell the user: the translated message, or where the details are logged."""
    if isinstance(exc, ValidationError):
        return describe_errors(exc.errors)
    if isinstance(exc, SiecError):
        return mask_secrets(str(exc))
    reference = log_unexpected(log, exc)
    return _("Something went wrong ({error}, reference {reference}). Details are in {log}.").format(
        error=type(exc).__name__, reference=reference, log=setup_logging()
    )


@dataclass
class UiContext:
    app: AppContext
    runner: Runner
    dialogs: Dialogs
    events: DataEvents
    settings: UiSettings
    renderer: LetterRenderer | None = field(default=None, repr=False)
    _advisor_id: int | None = field(default=None, init=False, repr=False)

    @property
    def advisor_id(self) -> int | None:
        """The advisor at this desk; every change made from now on is audited as theirs."""
        return self._advisor_id

    @advisor_id.setter
    def advisor_id(self, advisor_id: int | None) -> None:
        self._advisor_id = advisor_id
        self.app.audit.act_as(advisor_id)

    def show_error(self, exc: Exception) -> None:
        self.dialogs.error(_("SIEC Desk"), error_text(exc))

    def letter_renderer(self) -> LetterRenderer:
        """The one letter renderer (its worker process starts with the first letter)."""
        if self.renderer is None:
            from siec_desk.ui.kit.letter_renderer import LetterRenderer

            self.renderer = LetterRenderer()
        return self.renderer

    def shutdown(self) -> None:
        """Stop the DB thread and the letter worker (the application is ending)."""
        self.runner.shutdown()
        if self.renderer is not None:
            self.renderer.close()
            self.renderer = None
