"""Wide grids laid out for the printed page: a grid with more columns than rows is
transposed, and a grid still wider than the page is cut into column groups that each
repeat the row labels, so a printed table never loses a column (a PDF cannot scroll).

Widths are estimated from the bundled fonts' advance widths (``resources/fonts``): the
same fonts WeasyPrint embeds, so the estimate follows the printed text closely; a margin
covers the cells' padding and Arabic shaping."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from siec_desk.core.i18n import _
from siec_desk.core.paths import resource_path
from siec_desk.documents.network_report.content import Grid, Shown

#: A4 landscape (297 mm) less the page margins (12 mm each side), in points.
PAGE_WIDTH_PT = (297 - 24) / 25.4 * 72
#: Where a label may wrap: a row label or header never gets narrower than its longest
#: word nor wider than this (points).
LABEL_MAX_PT = 60 / 25.4 * 72
HEADER_MAX_PT = 22 / 25.4 * 72
#: Cell padding and borders (points) and the safety factor of the estimate.
PADDING_PT = 4.0
SAFETY = 1.12


@cache
def _advances(bold: bool) -> tuple[dict[int, float], dict[int, float]]:
    """Advance widths per code point, in ems, of the Latin and Arabic bundled fonts."""
    from fontTools.ttLib import TTFont

    weight = "Bold" if bold else "Regular"
    found = []
    for family in ("NotoSans", "NotoNaskhArabic"):
        font = TTFont(str(resource_path("fonts", f"{family}-{weight}.ttf")), lazy=True)
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        found.append({code: metrics[name][0] / units for code, name in font.getBestCmap().items()})
        font.close()
    return found[0], found[1]


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of *text* on one line, in points (an estimate)."""
    latin, arabic = _advances(bold)
    ems = 0.0
    for char in text:
        code = ord(char)
        ems += latin.get(code, arabic.get(code, 0.6 if code >= 0x20 else 0.0))
    return ems * size_pt * SAFETY


def _words_width(text: str, size_pt: float, bold: bool) -> float:
    return max((text_width(w, size_pt, bold) for w in text.split()), default=0.0)


def label_width(texts: list[str], size_pt: float, bold: bool = False) -> float:
    """Width of a column of labels that may wrap: its longest line up to LABEL_MAX_PT,
    never less than its longest word."""
    whole = max((text_width(t, size_pt, bold) for t in texts), default=0.0)
    words = max((_words_width(t, size_pt, bold) for t in texts), default=0.0)
    return max(min(whole, LABEL_MAX_PT), words) + PADDING_PT


def column_width(header: str, entries: list[Shown], size_pt: float) -> float:
    """Width of one data column: its widest entry (numbers never wrap) and its header,
    wrapped to HEADER_MAX_PT but never narrower than its longest word."""
    cells = max((text_width(e.text, size_pt, e.total) for e in entries), default=0.0)
    head = max(
        min(text_width(header, size_pt, True), HEADER_MAX_PT), _words_width(header, size_pt, True)
    )
    return max(cells, head) + PADDING_PT


@dataclass(frozen=True)
class PrintedGrid:
    """One table as printed: *grid* (a part of the grid the report holds), and its place
    among the parts (``part`` of ``parts``)."""

    grid: Grid
    part: int = 1
    parts: int = 1
    #: Estimated widths (points) of the label column, then of each column of *grid*:
    #: the PDF sets them as shares of the page (``table-layout: fixed``: WeasyPrint then
    #: measures no cell's text to size the columns; issue 22).
    widths: tuple[float, ...] = ()

    def shares(self) -> list[float]:
        """Each column's share of the table's width (percent), in proportion to its
        estimated width: every column gets at least its estimate when the estimates
        fit the page, which :func:`print_layout` sees to."""
        total = sum(self.widths)
        return [round(100 * w / total, 3) for w in self.widths] if total else []

    @property
    def title(self) -> str:
        if self.parts == 1:
            return self.grid.title
        return _("{title} (part {part} of {parts})").format(
            title=self.grid.title, part=self.part, parts=self.parts
        )


def transpose(grid: Grid) -> Grid:
    """Rows become columns: the corner "Month \\ Area" reads "Area \\ Month"."""
    rows_name, _sep, columns_name = grid.headers[0].partition(" \\ ")
    corner = f"{columns_name} \\ {rows_name}" if columns_name else grid.headers[0]
    names = [name for name, _entries in grid.rows]
    rows = [
        (header, [entries[i] for _name, entries in grid.rows])
        for i, header in enumerate(grid.headers[1:])
    ]
    return replace(grid, headers=[corner, *names], rows=rows, chart_column=None, row_months=())


def _groups(widths: list[float], room: float) -> list[list[int]]:
    """Column indexes cut into the fewest groups that fit *room*, as even as possible."""
    greedy: list[list[int]] = [[]]
    used = 0.0
    for i, width in enumerate(widths):
        if greedy[-1] and used + width > room:
            greedy.append([])
            used = 0.0
        greedy[-1].append(i)
        used += width
    count = len(greedy)
    if count == 1:
        return greedy
    size = -(-len(widths) // count)  # even groups, if they fit
    even = [list(range(i, min(i + size, len(widths)))) for i in range(0, len(widths), size)]
    if len(even) == count and all(sum(widths[i] for i in g) <= room for g in even):
        return even
    return greedy


def _split(
    grid: Grid, size_pt: float, extra_pt: float, page_pt: float
) -> tuple[list[list[int]], float, list[float]]:
    """The column groups, the label column's width and each column's width (points)."""
    labels = label_width([grid.headers[0], *(name for name, _e in grid.rows)], size_pt, True)
    widths = [
        column_width(grid.headers[1 + i], [entries[i] for _n, entries in grid.rows], size_pt)
        for i in range(len(grid.headers) - 1)
    ]
    return _groups(widths, page_pt - labels - extra_pt), labels, widths


def print_layout(
    grid: Grid,
    size_pt: float,
    may_transpose: bool = False,
    extra_pt: float = 0.0,
    page_pt: float = PAGE_WIDTH_PT,
) -> list[PrintedGrid]:
    """*grid* as the tables to print at *size_pt*: transposed (when *may_transpose*) if
    it has more columns than rows or if that takes fewer parts, then cut into column
    groups that fit *page_pt*, each repeating the row labels. *extra_pt*: room taken by a
    column the template adds (a chart). Every entry of *grid* is in exactly one printed
    table, and the row labels in every one."""
    groups, labels, widths = _split(grid, size_pt, extra_pt, page_pt)
    if may_transpose and grid.rows:
        turned = transpose(grid)
        turned_split = _split(turned, size_pt, extra_pt, page_pt)
        wide = len(grid.headers) - 1 > len(grid.rows)
        if len(turned_split[0]) < len(groups) or (wide and len(turned_split[0]) == len(groups)):
            grid, (groups, labels, widths) = turned, turned_split
    if len(groups) == 1:
        return [PrintedGrid(grid, widths=(labels, *widths))]
    parts = []
    for number, group in enumerate(groups, 1):
        part = replace(
            grid,
            headers=[grid.headers[0], *(grid.headers[1 + i] for i in group)],
            rows=[(name, [entries[i] for i in group]) for name, entries in grid.rows],
            note=grid.note if number == len(groups) else "",
            chart_column=None,
        )
        parts.append(PrintedGrid(part, number, len(groups), (labels, *(widths[i] for i in group))))
    return parts
