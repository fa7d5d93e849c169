"""The network report's before/after grid (files of format version 3): the merged rows
by country and energy (``network.export.before_after.merge_before_after``), shown with
their figures formatted in the report's language. A row some centre hid reads "~ n"
(the mean of the centres that published it, on orange); one every centre hid, the
suppressed mark."""

from __future__ import annotations

from collections.abc import Sequence

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _, is_rtl, pgettext
from siec_desk.documents.network_report.content import Grid, Shown
from siec_desk.network.export import before_after_display as ba
from siec_desk.network.export.before_after import MergedBeforeAfter
from siec_desk.network.export.display import suppressed_mark


def before_after_grid(rows: Sequence[MergedBeforeAfter], locale: str) -> Grid | None:
    """The grid, or None when no imported file has a before/after table."""
    lines = ba.merged_lines(rows)
    if not lines:
        return None
    rtl = is_rtl()
    body = []
    for line in lines:
        entries = []
        for index, value in enumerate(line.values):
            if line.suppressed:
                entries.append(Shown(None, suppressed_mark(), incomplete=True))
                continue
            text = ba.value_text(index, value, line.currency, locale)
            if line.incomplete and value is not None and index > 0:
                text = pgettext("incomplete mean", "~ {value}").format(value=text)
                if rtl:  # "~ 363,8" keeps its order in a right-to-left table
                    text = ltr(text)
            entries.append(Shown(value, text, incomplete=line.incomplete and index > 0))
        body.append((line.label, entries))
    note = " ".join(
        (
            ba.note(),
            _(
                "Means are weighted by households over the centres' files; amounts are "
                "never merged across currencies."
            ),
            _(
                "~ n: some centres hid this row (fewer households than their threshold); "
                "n is the mean of the centres that published it. {mark}: every centre hid "
                "it."
            ).format(mark=suppressed_mark()),
        )
    )
    return Grid(str(ba.TITLE), [_("Country and energy"), *ba.headers(None)], body, note)
