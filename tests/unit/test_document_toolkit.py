"""The one document toolkit (issue 17, point 5): documents are composed from figures given
to them (no database), every template comes from one environment factory with the bidi
filters, and the warm letter pool is an option of the one document runner."""

from __future__ import annotations

from datetime import date

import pytest

from siec_desk.documents.activity_report.compose import BREAKDOWNS, compose_report
from siec_desk.documents.engine.templates import document_environment
from siec_desk.documents.engine.worker import DocumentJob, WarmPool
from siec_desk.documents.letters.pool import RenderPool
from siec_desk.documents.letters.template import data_uri, template
from siec_desk.documents.network_report.content import compose_report as compose_network
from siec_desk.domain.activity_period import month
from siec_desk.domain.activity_results import Comparison, Dashboard, Indicators, TrendPoint
from siec_desk.domain.network_figures import Figure
from siec_desk.domain.network_results import Line, MonthLine, NetworkSummary

MARCH = month(date(2024, 3, 1))
FILTERS = (("data_uri", data_uri),)


def _dashboard() -> Dashboard:
    now = Indicators(consultations=12, households=9, new_households=4, duration_total_min=90)
    before = Indicators(consultations=8, households=8)
    breakdowns: dict[str, dict[tuple[object, ...], Indicators]] = {c: {} for c in BREAKDOWNS}
    breakdowns["income_category"] = {
        ("mpr_blue",): Indicators(consultations=7, households=5),
        (None,): Indicators(consultations=3, households=2),
        ("unknown",): Indicators(consultations=2, households=2),
    }
    return Dashboard(
        comparison=Comparison(MARCH, now, before, Indicators()),
        trend=[TrendPoint(month(date(2024, m, 1)), m, m) for m in (1, 2, 3)],
        breakdowns=breakdowns,
    )


def test_the_activity_report_is_composed_from_the_figures_it_is_given() -> None:
    report = compose_report(
        _dashboard(),
        MARCH,
        language="fr",
        country="FR",
        currency="EUR",
        centre_name="Centre",
        advisors={},
        today=date(2024, 4, 2),
    )
    consultations = report.figures[0]
    assert (consultations.current, consultations.previous) == (12.0, 8.0)
    assert consultations.change_previous.startswith("+50")
    assert [t.consultations for t in report.trend] == [1, 2, 3]
    income = next(b for b in report.breakdowns if b.code == "income_category")
    # "not recorded" and "unknown" are one row, and nothing is lost.
    assert [r.consultations for r in income.rows] == [7, 5]
    assert income.rows[1].label == "Inconnu ou non renseigné"


def test_the_network_report_is_composed_from_plain_merged_figures() -> None:
    figures = {"consultations": Figure(known=40, published=1, hidden=1)}
    summary = NetworkSummary(
        imports=[],
        by_centre=[Line("FR-01", "FR", "EUR", figures)],
        by_country=[Line("FR", "FR", "EUR", figures)],
        by_month=[MonthLine("2025-01", {"FR": Figure(40, 1)}, Figure(40, 1), 1)],
        countries=["FR"],
        total=figures,
    )
    report = compose_network(summary, [], "en", lambda code, _lang: code, date(2026, 1, 5))
    first = report.by_centre.rows[0][1][1]  # country, then consultations
    assert first.incomplete and first.text == "≥ 40"


@pytest.mark.parametrize("folder", ["letters", "rights", "reports", "network"])
def test_every_template_gets_the_bidi_filters_and_arabic_isolation(folder: str) -> None:
    env = document_environment(folder, "ar", typography=folder in ("letters", "rights"))
    assert {"ltr", "bidi", "paragraphs"} <= set(env.filters)
    html = env.from_string("<p>{{ ref }} {{ name|bidi }}</p>").render(
        ref="المرجع 2026-008987", name="Jean Dupont"
    )
    assert "\u20662026-008987\u2069" in html  # the reference keeps its order in Arabic
    assert '<span dir="ltr">Jean Dupont</span>' in html


def test_typography_applies_to_letter_like_documents_only() -> None:
    printed = document_environment("rights", "fr", typography=True)
    report = document_environment("reports", "fr")
    text = "Note: 70 %"
    assert printed.from_string("{{ t }}").render(t=text) == "Note\u00a0: 70\u00a0%"
    assert report.from_string("{{ t }}").render(t=text) == text


def test_the_letter_template_comes_from_the_one_factory() -> None:
    factory = document_environment("letters", "fr", typography=True, filters=FILTERS)
    assert template("fr").environment is factory


def test_the_warm_pool_renders_only_its_own_kind() -> None:
    with WarmPool("report") as pool, pytest.raises(ValueError):
        pool.submit_job(DocumentJob("letter", None))
    with pytest.raises(ValueError):
        WarmPool("poster")
    with RenderPool(1) as letters:
        assert isinstance(letters, WarmPool) and letters.kind == "letter"
