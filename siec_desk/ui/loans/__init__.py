"""Equipment loans: the inventory with who has each item, lend and return, an item's
history and the loan slip."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from siec_desk.ui.kit.base import Page
    from siec_desk.ui.kit.context import UiContext


def loans_page(ui: UiContext) -> Page:
    """The Loans page, built when first shown."""
    from siec_desk.ui.loans.page import LoansPage

    return LoansPage(ui)
