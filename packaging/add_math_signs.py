"""Add ≥ ≤ − (U+2265, U+2264, U+2212) to the bundled Noto Sans, built from its own
">", "<" and "=" outlines (Noto Sans 2.004 has none of them, so WeasyPrint fell back on a
system font such as DejaVu Sans: documents-review item 25). Run once per weight; a font
that has the signs already is left as it is. Not imported by the application.

    python packaging/add_math_signs.py resources/fonts/NotoSans-Regular.ttf
"""

from __future__ import annotations

import sys

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

SIGNS = {0x2265: ("greaterequal", "greater"), 0x2264: ("lessequal", "less")}
MINUS = (0x2212, "minus")


def _contours(recording: RecordingPen) -> list[list[tuple[str, tuple]]]:  # type: ignore[type-arg]
    found: list[list[tuple[str, tuple]]] = [[]]  # type: ignore[type-arg]
    for op, args in recording.value:
        found[-1].append((op, args))
        if op in ("closePath", "endPath"):
            found.append([])
    return [c for c in found if c]


def _replay(contour: list[tuple[str, tuple]], pen: object) -> None:  # type: ignore[type-arg]
    for op, args in contour:
        getattr(pen, op)(*args)


def add_signs(path: str) -> None:
    font = TTFont(path)
    cmap = font.getBestCmap()
    if 0x2265 in cmap:
        return
    glyphs = font.getGlyphSet()
    equal = RecordingPen()
    glyphs["equal"].draw(equal)
    bars = sorted(_contours(equal), key=lambda c: min(p[1] for _op, a in c for p in a))
    bar = bars[0]  # the lower bar of "="
    bounds = BoundsPen(glyphs)
    glyphs["equal"].draw(bounds)
    bar_pen = BoundsPen(glyphs)
    _replay(bar, bar_pen)
    _x0, bar_bottom, _x1, bar_top = bar_pen.bounds
    thickness = bar_top - bar_bottom
    new: dict[str, tuple[int, object]] = {}
    for code, (name, source) in SIGNS.items():
        shape = BoundsPen(glyphs)
        glyphs[source].draw(shape)
        _sx0, bottom, _sx1, top = shape.bounds
        pen = TTGlyphPen(glyphs)
        bar_at = 20 - bar_bottom  # the bar just above the baseline
        _replay(bar, TransformPen(pen, (1, 0, 0, 1, 0, bar_at)))
        scale = 0.8
        lift = 20 + thickness + 0.16 * (top - bottom) - bottom * scale
        glyphs[source].draw(TransformPen(pen, (1, 0, 0, scale, 0, lift)))
        new[name] = (code, pen.glyph())
    plus = BoundsPen(glyphs)
    glyphs["plus"].draw(plus)
    axis = (plus.bounds[1] + plus.bounds[3]) / 2
    pen = TTGlyphPen(glyphs)
    _replay(bar, TransformPen(pen, (1, 0, 0, 1, 0, axis - (bar_bottom + bar_top) / 2)))
    new[MINUS[1]] = (MINUS[0], pen.glyph())

    order = font.getGlyphOrder()
    font.setGlyphOrder(order + [n for n in new if n not in order])
    advance = font["hmtx"]["equal"][0]
    for name, (code, glyph) in new.items():
        glyph.recalcBounds(font["glyf"])
        font["glyf"][name] = glyph
        font["hmtx"][name] = (advance, glyph.xMin)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[code] = name
    font.save(path)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        add_signs(argument)
