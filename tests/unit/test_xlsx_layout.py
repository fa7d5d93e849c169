"""The workbook helper (siec_desk/documents/engine/xlsx.py): sheet titles whole and unique within
31 characters (documents review 28), typed cells, print set-up (review 21); and how a
change is worded (review 18, D27: a percentage changes in points)."""

from __future__ import annotations

import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from siec_desk.core.formatting import plain
from siec_desk.documents.activity_report.change import change_text
from siec_desk.documents.engine.sheet_titles import MAX_TITLE, sheet_titles
from siec_desk.documents.engine.xlsx import Book, Hidden, Month

WORD = st.text(alphabet="abcdeéسلام", min_size=1, max_size=14)
TITLE = st.lists(WORD, min_size=1, max_size=9).map(" ".join)


def _words_are_whole(title: str, source: str) -> bool:
    words = set(source.replace("/", "\u2215").split())
    for word in title.split():
        word = word.strip("…")
        if word and word not in words and not any(w.startswith(word) for w in words):
            return False
        if word and word not in words and not title.endswith(word + "…"):
            return False
    return True


@given(st.lists(st.tuples(st.sampled_from(["", "01", "12"]), TITLE), min_size=1, max_size=12))
def test_titles_fit_are_unique_and_never_cut_a_word(items: list[tuple[str, str]]) -> None:
    titles = sheet_titles(items)
    assert len(titles) == len(items)
    assert all(0 < len(t) <= MAX_TITLE for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    for title, (prefix, text) in zip(titles, items, strict=True):
        assert title.startswith(prefix)
        body = title.removeprefix(prefix).strip()
        body = body.split(" (")[0] if body.endswith(")") and "(" not in text else body
        assert _words_are_whole(body, text), (body, text)


def test_review_examples_read_whole_and_apart() -> None:
    titles = sheet_titles(
        [
            ("02", "Entretiens par mois et niveau d'acte"),
            ("04", "الاستشارات حسب الشهر ومصدر التعرف على المركز"),
            ("13", "Économies estimées par mois et mesure — Économies estimées, kWh/an"),
            ("14", "Économies estimées par mois et mesure — Économies estimées, EUR/an"),
            ("15", "Économies estimées par mois et mesure — CO₂ évité estimé, kg/an"),
            "Synthèse",
        ]
    )
    assert titles[0] == "02 Entretiens par mois et…"
    assert titles[1] == "04 الاستشارات حسب الشهر ومصدر…"
    assert "kWh∕an" in titles[2] and "EUR∕an" in titles[3] and "kg∕an" in titles[4]
    assert titles[5] == "Synthèse"
    assert sheet_titles(["Synthèse", "synthèse"]) == ["Synthèse", "synthèse (2)"]
    assert sheet_titles(["a/b: [c]?"]) == ["a∕b c"]


def test_cells_are_typed_right_aligned_and_printable() -> None:
    book = Book(rtl=True, locale="ar_MA")
    (sheet,) = book.sheets(["ملخص"])
    sheet.header(["الشهر", "الاستشارات"])
    sheet.row([Month(date(2026, 7, 1)), 12])
    sheet.row(["SIEC-MA-CHE 2026-008987", Hidden("s")])
    sheet.finish()
    ws = load_workbook(io.BytesIO(book.save(title="t"))).worksheets[0]
    assert ws.sheet_view.rightToLeft
    assert ws["A2"].value.date() == date(2026, 7, 1) and "mmm yyyy" in ws["A2"].number_format
    assert ws["A2"].number_format.startswith("[$-1801]")
    assert ws["B2"].value == 12 and ws["B2"].alignment.horizontal == "right"
    assert ws["A3"].value == "SIEC-MA-CHE \u20662026-008987\u2069"
    assert ws["A3"].alignment.readingOrder == 2
    assert ws["B3"].value is None and ws["B3"].comment.text == "s"
    assert ws.freeze_panes == "B2" and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_share_changes_in_points_anything_else_in_percent() -> None:
    assert plain(change_text(0.22, 0.21, "fr_FR", share=True) or "") == "+1 pt"
    assert plain(change_text(0.22, 0.30, "fr_FR", share=True) or "") == "-8 pts"
    # The tests' messages are English: zero points is plural there.
    assert plain(change_text(0.30, 0.30, "fr_FR", share=True) or "") == "0 pts"
    assert plain(change_text(0.22, 0.21, "fr_FR") or "") == "+5 %"
    assert plain(change_text(0.22, 0.21, "fr_FR", share=True, arrows=True) or "") == "▲ 1 pt"
    assert plain(change_text(90, 100, "fr_FR", arrows=True) or "") == "▼ 10 %"
    assert change_text(5, 0, "fr_FR") is None  # nothing to compare with
    assert change_text(None, 0.2, "fr_FR", share=True) is None
    assert plain(change_text(0.5, 0, "fr_FR", share=True) or "") == "+50 pts"
