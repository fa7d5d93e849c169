"""Follow-ups page (stub)."""

from __future__ import annotations

from siec_desk.i18n import _
from siec_desk.ui.context import UiContext
from siec_desk.ui.views.base import Page


class FollowUpsPage(Page):
    key = "followups"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui

    def title(self) -> str:
        return _("Follow-ups")
