"""The monthly report read back: the PDF's text and the workbook's cells carry the figures
of the hand-counted March 2024 centre (see test_stats_engine.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from testkit.activity import march_2024_centre
from testkit.cli import Cli
from testkit.databases import Databases
from testkit.letters import extract, find_logical

from siec_desk.documents.activity_report.pdf import render_report_pdf
from siec_desk.documents.activity_report.xlsx import report_workbook
from siec_desk.domain.activity_period import month
from siec_desk.services.app import AppContext

pytestmark = pytest.mark.both_backends

MARCH = month(date(2024, 3, 1))


@pytest.fixture(scope="module")
def centre(module_db: Databases) -> Iterator[AppContext]:
    ctx, _ids = march_2024_centre(module_db("report"))
    yield ctx
    ctx.close()


def test_workbook_has_numbers_as_numbers_frozen_headers_and_every_breakdown(
    centre: AppContext,
) -> None:
    report = centre.reports.monthly(MARCH, "fr", today=date(2026, 11, 24))
    book = load_workbook(BytesIO(report_workbook(report)))
    summary = book.worksheets[0]
    rows = {r[0]: r[1:] for r in summary.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["Consultations"][:3] == (4, 1, 0)  # March, February, March 2023
    assert rows["Nouveaux ménages"][0] == 1
    assert rows["Suivis en retard"][0] == 1
    assert rows["Durée médiane (minutes)"][0] == 32.5
    assert summary.freeze_panes == "B2"
    assert not summary.sheet_view.rightToLeft
    mode = book["Mode de contact"]
    counts = {r[0]: r[1] for r in mode.iter_rows(min_row=2, values_only=True)}
    assert counts == {"Appel téléphonique": 2, "Visite à domicile": 1, "Accueil au centre": 1}
    assert all(isinstance(v, int) for v in counts.values())
    # summary, trend, the breakdowns, then events and people reached (schema 0016)
    assert len(book.worksheets) == 2 + len(report.breakdowns) + 1


def test_arabic_workbook_is_right_to_left(centre: AppContext) -> None:
    report = centre.reports.monthly(MARCH, "ar")
    book = load_workbook(BytesIO(report_workbook(report)))
    assert all(ws.sheet_view.rightToLeft for ws in book.worksheets)
    assert book.worksheets[0]["A2"].value == "الاستشارات"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_pdf_report_text_has_the_figures(centre: AppContext, language: str, tmp_path: Path) -> None:
    report = centre.reports.monthly(MARCH, language)
    rendered = render_report_pdf(report)
    assert rendered.warnings == ()
    text = extract(rendered.pdf, language, tmp_path)
    title = {"fr": "Rapport mensuel d’activité", "ar": "التقرير الشهري للنشاط"}[language]
    assert title in text
    for figure in report.figures[:5]:
        assert find_logical(text, figure.label) != -1, figure.label
    phone = {"fr": "Appel téléphonique", "ar": "مكالمة هاتفية"}[language]
    assert phone in text


def test_stats_report_command_writes_both_formats(
    centre: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(centre.db.engine.url.render_as_string(hide_password=False), capsys)
    for suffix in ("pdf", "xlsx"):
        out = tmp_path / f"mars.{suffix}"
        code, _out, err = cli(
            "stats", "report", "--month", "2024-03", "--lang", "fr", "--out", str(out)
        )
        assert code == 0, err
        assert out.stat().st_size > 1000
    code, _out, err = cli("stats", "report", "--month", "2024-13", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "2024-13" in err
    code, _out, err = cli("stats", "report", "--month", "2024-03", "--out", str(tmp_path / "x.doc"))
    assert code == 1 and ".pdf" in err
