"""How a figure changed since an earlier period, in words people read the same way in the
activity report (PDF) and on the Activity page's tiles: a count or an amount changes by a
relative percentage ("+12 %"), a percentage indicator by percentage points ("+1 pt"), since
"22 % vs 21 %" is one point more, not 5 % more. Pure: no Qt."""

from __future__ import annotations

from siec_desk.core.formatting import format_number, format_percent
from siec_desk.core.i18n import ngettext


def change_text(
    current: float | None,
    before: float | None,
    locale: str,
    *,
    share: bool = False,
    arrows: bool = False,
) -> str | None:
    """ "+12 %", "-3 %", "0 %" (or "▲ 12 %", "▼ 3 %", "= 0 %" with *arrows*); a *share*
    (0.22 for 22 %) changes in points: "+1 pt", "-8 pts". None when there is nothing to
    compare with (no earlier figure; none at all before, for a relative change)."""
    if current is None or before is None:
        return None
    if share:
        points = round((current - before) * 100)
        direction = (points > 0) - (points < 0)
        size = ngettext("{points} pt", "{points} pts", abs(points)).format(
            points=format_number(abs(points), locale)
        )
    else:
        if before == 0:
            return None
        ratio = (current - before) / before
        direction = 1 if ratio >= 0.005 else -1 if ratio <= -0.005 else 0
        size = format_percent(abs(ratio), locale)
    if arrows:
        return f"{'▲' if direction > 0 else '▼' if direction < 0 else '='}\u00a0{size}"
    return f"{'+' if direction > 0 else '-' if direction < 0 else ''}{size}"
