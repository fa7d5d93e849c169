"""``siec-desk screenshot`` renders a real view to PNG, and refuses what it cannot do."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from siec_desk.cli import main


def test_screenshots_of_the_today_household_and_activity_views(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "shot.sqlite3")
    assert main(["--db", db, "demo", "--households", "30", "--json"]) == 0
    for view in ("today", "household", "activity"):
        out = tmp_path / f"{view}.png"
        assert (
            main(
                ["--db", db, "screenshot", "--view", view, "--out", str(out), "--size", "1024x700"]
            )
            == 0
        )
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1024, 700)
        # Not a blank picture: a real window has many distinct colours.
        colours = {image.pixel(x, y) for x in range(0, 1024, 16) for y in range(0, 700, 16)}
        assert len(colours) > 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "today", "--out", "x.jpg"], ".png"),
        (["--view", "household", "--out", "x.png"], "nothing to show"),
    ],
)
def test_screenshot_refusals_are_one_clear_line(
    tmp_path: Path,
    capsys,
    args: list[str],  # type: ignore[no-untyped-def]
    message: str,
) -> None:
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    code = main(["--db", str(tmp_path / "empty.sqlite3"), "screenshot", *args])
    err = capsys.readouterr().err
    assert code == 1 and message in err and err.count("\n") == 1


def test_the_application_keeps_running_events_after_a_screenshot(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The command runs its own event loop; it must leave nothing behind that stops the
    next ones (here: the screenshots of the tests above, in this process)."""
    from PySide6.QtCore import QObject, QTimer

    fired: list[str] = []
    context = QObject()
    QTimer.singleShot(0, context, lambda: fired.append("with a context"))
    QTimer.singleShot(0, lambda: fired.append("plain"))
    qtbot.waitUntil(lambda: len(fired) == 2)
    assert sorted(fired) == ["plain", "with a context"]
