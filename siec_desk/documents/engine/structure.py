"""What WeasyPrint 70 leaves out of a tagged PDF's structure tree, added while it is written.

WeasyPrint (``weasyprint/pdf/tags.py``) maps HTML to PDF structure elements: headings,
paragraphs, lists, tables with TH/TD and ``/Headers``, figures with the ``alt`` of an image
or the ``<title>`` of an SVG. A screen reader also needs:

* ``/Scope`` (``/Column`` or ``/Row``) on every table header, from its ``scope`` attribute
  (a header without one is a column header, as WeasyPrint itself assumes);
* ``/Lang`` on an element whose language differs from the document's: an explicit
  ``lang`` attribute, or a run isolated in the other direction by the templates' bidi
  filters (``<span dir="…">``): Arabic letters in a French or English document are
  Arabic, Latin letters in an Arabic document are taken as French (:data:`LATIN_IN_ARABIC`:
  the second language of every centre's country), so "MaPrimeRénov'" or "Jean Dupont" is
  not voiced as Arabic. Runs of digits, references and e-mail addresses get no ``/Lang``
  unless they hold letters;
* layout tables (``role="presentation"`` or ``"none"``, e.g. the letterhead) tagged as
  ``Div`` rather than as data tables;
* ``/Alt`` on an SVG chart with an ``aria-label`` but no ``<title>``.

It works by wrapping WeasyPrint's recursive ``_build_box_tree`` (the module attribute the
recursion goes through) for the time of one :func:`annotating` block; the test of each
document kind (``tests/integration/test_pdf_structure.py``) reads the tree back, so a
WeasyPrint upgrade that changes the hook fails there, not silently.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

#: The language of Latin-script text inside an Arabic document.
LATIN_IN_ARABIC = "fr"
_SVG = "{http://www.w3.org/2000/svg}svg"
_LAYOUT_ROLES = ("presentation", "none")
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "th", "td")
_SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}


@dataclass
class _Extras:
    """Per HTML element (by id): its language when it differs, whether it is layout."""

    lang: dict[int, str] = field(default_factory=dict)
    layout: set[int] = field(default_factory=set)
    layout_cells: list[Any] = field(default_factory=list)


_current = threading.local()
_lock = threading.Lock()


def _script(text: str) -> str | None:
    """'ar' when *text* holds Arabic letters, 'latin' for Latin letters only, else None."""
    latin = False
    for char in text:
        if not char.isalpha():
            continue
        if unicodedata.bidirectional(char) in ("AL", "R"):
            return "ar"
        latin = True
    return "latin" if latin else None


def _language_of(element: Element, document: str) -> str | None:
    explicit = element.get("lang")
    if explicit:
        return explicit
    direction = element.get("dir")
    if element.tag not in ("span", "p", "div", "td", "th", "li") or direction not in ("ltr", "rtl"):
        return None
    script = _script("".join(element.itertext()))
    if script == "ar" and direction == "rtl" and document != "ar":
        return "ar"
    if script == "latin" and direction == "ltr" and document == "ar":
        return LATIN_IN_ARABIC
    return None


def collect(root: Element) -> _Extras:
    """The languages and layout tables of the document *root* (the parsed HTML)."""
    extras = _Extras()
    document = (root.get("lang") or "").split("-")[0]

    def walk(element: Element, layout: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            layout = element.get("role") in _LAYOUT_ROLES
        if layout and tag in _TABLE_PARTS:
            extras.layout.add(id(element))
        if element is not root:
            lang = _language_of(element, document)
            if lang and lang.split("-")[0] != document:
                extras.lang[id(element)] = lang
        for child in element:
            walk(child, layout)

    walk(root, False)
    return extras


def _enrich(element: Any, box: Any, parent: Any, extras: _Extras) -> None:
    html = getattr(box, "element", None)
    if html is None or getattr(box, "element_tag", None) in ("html", "body"):
        return
    kind = str(element.get("S", ""))
    if kind == "/TH" and "A" in element:
        scope = _SCOPES.get(str(html.get("scope", "col")).lower(), "/Column")
        element["A"]["Scope"] = scope
    if id(html) in extras.layout:
        _unmark_layout_table(element, kind, extras)
    _add_texts(element, kind, html, parent, extras)


def _unmark_layout_table(element: Any, kind: str, extras: _Extras) -> None:
    """A table used for layout is a ``Div``, its cells without table attributes."""
    if kind in ("/Table", "/THead", "/TBody", "/TFoot", "/TR", "/TH", "/TD"):
        element["S"] = "/Div"
        if kind in ("/TH", "/TD"):
            extras.layout_cells.append(element)  # its /A goes once the table is done
    if kind == "/Table":
        for cell in extras.layout_cells:
            cell.pop("A", None)
            cell.pop("ID", None)
        extras.layout_cells.clear()


def _add_texts(element: Any, kind: str, html: Any, parent: Any, extras: _Extras) -> None:
    """A figure's text from its SVG's ``aria-label``; the language of a passage in the
    other script."""
    import pydyf

    if kind == "/Figure" and "Alt" not in element and html.tag == _SVG:
        label = html.get("aria-label")
        if label:
            element["Alt"] = pydyf.String(label)
    lang = extras.lang.get(id(html))
    inherited = getattr(parent.get("Lang"), "string", None)
    if lang and kind not in ("/NonStruct", "") and inherited != lang:
        element["Lang"] = pydyf.String(lang)


def _install() -> None:
    """Wrap WeasyPrint's structure builder once per process (it reads :data:`_current`)."""
    from weasyprint.pdf import tags

    # WeasyPrint has no public hook for its structure tree: this private function is the
    # one place it is built (tests/integration/test_pdf_structure.py fails if it moves).
    original = tags._build_box_tree  # noqa: SLF001
    if getattr(original, "siec_desk", False):
        return

    def build_box_tree(
        box: Any, parent: Any, pdf: Any, page: Any, nums: Any, annotations: Any, marks: Any
    ) -> Iterator[Any]:
        extras: _Extras | None = getattr(_current, "extras", None)
        for element in original(box, parent, pdf, page, nums, annotations, marks):
            if extras is not None:
                _enrich(element, box, parent, extras)
            yield element

    build_box_tree.siec_desk = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree  # noqa: SLF001 - see above


@contextmanager
def annotating(root: Element) -> Iterator[None]:
    """While the block writes the PDF of *root*, add what the structure tree lacks."""
    with _lock:
        _install()
    _current.extras = collect(root)
    try:
        yield
    finally:
        _current.extras = None
