"""The Activity page's "Attestations issued" tile (issue 18): the France Rénov'
attestations archived in the period, counted by the monthly report's own service, compared
like the other tiles; French centres only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from testkit.activity import march_2024_centre
from testkit.contexts import make_ctx

from siec_desk.core.formatting import plain
from siec_desk.domain.activity_period import month
from siec_desk.services.app import AppContext
from siec_desk.storage.models import Letter
from siec_desk.ui.activity.page import ActivityPage
from siec_desk.ui.activity.tiles import Tile
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.events import DataEvents
from siec_desk.ui.kit.runner import ImmediateRunner
from siec_desk.ui.kit.ui_settings import UiSettings

APRIL_2024 = date(2024, 4, 15)  # "today": March 2024 is the last complete month


def _issued(ctx: AppContext, household: int, number: int, when: datetime) -> None:
    """An archived attestation as the attestation service records it."""
    with ctx.db.write() as session:
        session.add(
            Letter(
                household_id=household,
                reference=f"ATT-2024-{number:06d}",
                language="fr",
                file_path=f"letters/ATT-2024-{number:06d}.pdf",
                sha256="0" * 64,
                size_bytes=1,
                pages=1,
                kind="attestation",
                created_at=when,
            )
        )


def _ui(ctx: AppContext, tmp_path: Path, dialogs: Any) -> UiContext:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return UiContext(
        app=ctx,
        runner=ImmediateRunner(lambda exc: dialogs.error("", error_text(exc))),
        dialogs=dialogs,
        events=DataEvents(),
        settings=UiSettings(settings),
    )


@pytest.fixture
def french(tmp_path: Path, qapp: Any) -> Iterator[AppContext]:
    ctx, _ids = march_2024_centre(tmp_path / "fr.sqlite3")
    household = ctx.households.page(0, 1)[0].id
    _issued(ctx, household, 1, datetime(2024, 2, 20, 10, tzinfo=UTC))
    _issued(ctx, household, 2, datetime(2024, 3, 4, 9, tzinfo=UTC))
    _issued(ctx, household, 3, datetime(2024, 3, 28, 15, tzinfo=UTC))
    _issued(ctx, household, 4, datetime(2024, 4, 2, 15, tzinfo=UTC))  # next month
    yield ctx
    ctx.close()


def _page(qtbot: Any, ui: UiContext) -> ActivityPage:
    page = ActivityPage(ui, today=lambda: APRIL_2024)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: not page.is_loading())
    return page


def _tile(page: ActivityPage) -> Tile:
    return next(t for t in page.tiles if t.figures.key == "attestations")


def test_a_french_centre_sees_the_attestations_issued_in_the_period(
    qtbot: Any, french: AppContext, tmp_path: Path, dialogs: Any
) -> None:
    page = _page(qtbot, _ui(french, tmp_path, dialogs))
    tile = _tile(page)
    assert plain(tile.value.text()) == "2"
    # The monthly report's own count (services.activity), not one of the page's.
    assert french.stats.summary(month(date(2024, 3, 1))).attestations_issued == 2
    assert plain(tile.previous.text()) == "▲ 100% vs previous period"
    assert plain(tile.year_before.text()) == "None a year earlier"
    assert tile.objectName() == "activity.tile.attestations"
    assert plain(tile.accessibleName()).startswith("Attestations issued: 2")
    assert tile.focusPolicy() == Qt.FocusPolicy.StrongFocus
    # Eleven tiles in two rows; no consultation list opens behind this one.
    assert len(page.tiles) == 11
    tile.click()
    assert page.drilldown is None


def test_the_tile_counts_another_month_when_the_period_changes(
    qtbot: Any, french: AppContext, tmp_path: Path, dialogs: Any
) -> None:
    page = _page(qtbot, _ui(french, tmp_path, dialogs))
    page.set_period(month(date(2024, 2, 1)))
    qtbot.waitUntil(lambda: plain(_tile(page).value.text()) == "1")


def test_the_tile_reads_right_to_left_in_arabic(
    qtbot: Any, french: AppContext, tmp_path: Path, dialogs: Any, arabic: None
) -> None:
    page = _page(qtbot, _ui(french, tmp_path, dialogs))
    tile = _tile(page)
    assert page.isRightToLeft() and tile.isRightToLeft()
    assert plain(tile.value.text()) == "2"
    side = tile.value.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
    assert side & Qt.AlignmentFlag.AlignRight
    # In the same grid as the others: on the right-hand side of the second row's end.
    first, last = page.tiles[0], tile
    assert (
        last.mapTo(page, last.rect().topLeft()).x() < first.mapTo(page, first.rect().topLeft()).x()
    )


@pytest.mark.parametrize("country", ["MA", "TN"])
def test_moroccan_and_tunisian_centres_have_no_attestation_tile(
    qtbot: Any, tmp_path: Path, dialogs: Any, qapp: Any, country: str
) -> None:
    ctx = make_ctx(tmp_path / f"{country}.sqlite3", country)
    try:
        page = _page(qtbot, _ui(ctx, tmp_path, dialogs))
        assert [t.figures.key for t in page.tiles if t.figures.key == "attestations"] == []
        assert len(page.tiles) == 10
        assert page.findChild(Tile, "activity.tile.attestations") is None
    finally:
        ctx.close()
