"""Charts of the report as SVG shapes only: text stays in HTML around them, because
WeasyPrint lays out SVG text badly in right-to-left documents (checked with 70.0)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

GREEN, LIGHT = "#2e7d32", "#a5d6a7"


def title(text: str) -> Markup:
    """An SVG chart's text for screen readers: its ``<title>`` (the PDF figure's /Alt)."""
    return Markup("<title>{}</title>").format(text) if text else Markup("")


def bar(share: float, rtl: bool, width: int = 120, height: int = 10, alt: str = "") -> Markup:
    """A horizontal bar, *share* of the full width, growing from the start side; *alt*
    says what it shows (a tagged PDF's figure needs a text)."""
    length = max(0.0, min(1.0, share)) * width
    x = width - length if rtl else 0.0
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="bar" width="{w}" height="{h}" '
        'viewBox="0 0 {w} {h}" role="img" aria-label="{label}">{title}'
        '<rect x="{x:.1f}" y="0" width="{length:.1f}" height="{h}" fill="{fill}"/></svg>'
    ).format(w=width, h=height, x=x, length=length, fill=GREEN, label=alt, title=title(alt))


def columns(
    series: Sequence[tuple[int, int]],
    rtl: bool,
    width: int = 480,
    height: int = 120,
    alt: str = "",
) -> Markup:
    """Paired columns (consultations, households) per month, oldest first (from the right
    in a right-to-left document, as its month labels are); *alt*: a short text summary."""
    top = max((max(a, b) for a, b in series), default=0) or 1
    slot = width / max(1, len(series))
    shapes = []
    for i, (consultations, households) in enumerate(series):
        index = len(series) - 1 - i if rtl else i
        left = index * slot + slot * 0.15
        for j, (value, fill) in enumerate(((consultations, GREEN), (households, LIGHT))):
            h = value / top * (height - 2)
            shapes.append(
                f'<rect x="{left + j * slot * 0.35:.1f}" y="{height - h:.1f}" '
                f'width="{slot * 0.33:.1f}" height="{h:.1f}" fill="{fill}"/>'
            )
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="columns" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" preserveAspectRatio="none" '
        f'role="img" aria-label="{escape(alt)}">'
        + str(title(alt))
        + f'<line x1="0" y1="{height}" x2="{width}" y2="{height}" stroke="#999"/>'
        + "".join(shapes)
        + "</svg>"
    )
