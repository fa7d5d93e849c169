"""The activity report's wording (documents review 18–20, D27): one "unknown" row per
table, a percentage compared in points, and the centre's language by default."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import update
from testkit.activity import march_2024_centre
from testkit.cli import Cli

from siec_desk.core.formatting import plain
from siec_desk.core.i18n import language_override
from siec_desk.documents.activity_report.compose import _Composer
from siec_desk.domain.activity_period import month
from siec_desk.domain.activity_results import Indicators
from siec_desk.storage.database import open_database
from siec_desk.storage.models import Centre
from siec_desk.texts.labels import INCOME_CATEGORIES

INCOMES = st.sampled_from([None, *INCOME_CATEGORIES])
GROUP = st.builds(
    Indicators,
    consultations=st.integers(0, 50),
    households=st.integers(0, 50),
    duration_total_min=st.integers(0, 900),
    kwh_recommended=st.floats(0, 1e5),
    money_recommended_minor=st.integers(-1000, 10**6),
    co2_recommended_kg=st.floats(0, 1e4),
)


def _composer() -> _Composer:
    today = date(2026, 12, 7)
    return _Composer(None, None, "fr", "FR", "EUR", "Centre", {}, today)  # type: ignore[arg-type]


@given(st.dictionaries(INCOMES, GROUP, min_size=1))
def test_not_recorded_and_unknown_income_are_one_row_and_nothing_is_lost(
    groups: dict[str | None, Indicators],
) -> None:
    with language_override("fr"):
        breakdown = _composer().breakdown("income_category", {(k,): v for k, v in groups.items()})
    labels = [row.label for row in breakdown.rows]
    assert len(labels) == len(set(labels))
    assert "Non renseigné" not in labels and "Inconnus" not in labels
    merged = ("Unknown or not recorded", "Inconnu ou non renseigné")
    unknown = [r for r in breakdown.rows if r.label in merged]
    assert len(unknown) == (1 if {None, "unknown"} & set(groups) else 0)
    for part in ("consultations", "households", "duration_total_min", "money_recommended_minor"):
        field = {"duration_total_min": "duration_min", "money_recommended_minor": "money_minor"}
        total = sum(getattr(r, field.get(part, part)) for r in breakdown.rows)
        assert total == sum(getattr(g, part) for g in groups.values())


def test_other_dimensions_keep_their_not_recorded_row() -> None:
    groups = {(None,): Indicators(consultations=2), ("phone",): Indicators(consultations=3)}
    with language_override("fr"):
        rows = _composer().breakdown("mode", groups).rows
    assert [r.consultations for r in rows] == [3, 2] and rows[1].label == "Non renseigné"


def test_a_percentage_indicator_changes_in_points_in_the_report(tmp_path: Path) -> None:
    with language_override("fr"):
        composer = _composer()
        assert plain(composer.change("share", 0.22, 0.30)) == "-8 pts"  # not "-27 %"
        assert plain(composer.change("share", 0.22, 0.21)) == "+1 pt"
        assert plain(composer.change("count", 22, 20)) == "+10 %"
        assert composer.change("count", 22, 0) == "—"
    ctx, _ids = march_2024_centre(tmp_path / "c.sqlite3")
    try:
        report = ctx.reports.monthly(month(date(2024, 3, 1)), "fr")
    finally:
        ctx.close()
    acted = next(f for f in report.figures if f.unit == "share")
    for text in (acted.change_previous, acted.change_year):
        assert text == "—" or plain(text).endswith((" pt", " pts")), text


def test_stats_report_speaks_the_centres_language_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx, _ids = march_2024_centre(tmp_path / "c.sqlite3")
    ctx.close()
    cli = Cli(tmp_path / "c.sqlite3", capsys)
    out = tmp_path / "r.xlsx"
    report = ("stats", "report", "--month", "2024-03", "--out", str(out))
    code, _out, err = cli("--lang", "en", *report)
    assert code == 0, err
    assert load_workbook(BytesIO(out.read_bytes())).sheetnames[0] == "Synthèse"  # a French centre
    db = open_database(tmp_path / "c.sqlite3")
    with db.write() as session:
        session.execute(update(Centre).values(locale="ar_MA"))
    db.close()
    code, _out, err = cli("--lang", "fr", *report)
    assert code == 0, err
    book = load_workbook(BytesIO(out.read_bytes()))
    assert book.sheetnames[0] == "ملخص" and book.worksheets[0].sheet_view.rightToLeft
    code, _out, err = cli("--lang", "fr", *report, "--lang", "en")
    assert code == 0, err
    assert load_workbook(BytesIO(out.read_bytes())).sheetnames[0] == "Summary"  # --lang wins
