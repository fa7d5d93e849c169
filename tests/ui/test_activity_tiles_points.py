"""The Activity page's tiles word a change like the activity report (D27): a percentage
in points, anything else in percent; one function (documents/activity_report/change.py)."""

from __future__ import annotations

from siec_desk.core.formatting import plain
from siec_desk.ui.activity.tiles import previous_line, year_line


def test_tiles_compare_a_percentage_in_points_and_counts_in_percent() -> None:
    assert plain(previous_line(0.22, 0.21, "en_GB", share=True)) == "▲ 1 pt vs previous period"
    assert plain(year_line(0.22, 0.30, "en_GB", share=True)) == "▼ 8 pts vs a year earlier"
    assert plain(previous_line(40, 10, "en_GB")) == "▲ 300% vs previous period"
    assert plain(year_line(5, 0, "en_GB")) == "None a year earlier"
