"""Every kind of PDF as a screen reader gets it (Deliver 5 of issue 21): one H1 and
headings in order, table headers with a scope, figures (logo, signature, charts) with a
text, the language of each passage that differs from the document's, layout tables not
announced as tables; and only the bundled fonts, all embedded (``pdffonts``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from testkit.activity import march_2024_centre
from testkit.contexts import make_ctx
from testkit.coordinator import centre_export
from testkit.letters import ARABIC, brand, consultation
from testkit.pdf_structure import assert_accessible, assert_bundled_fonts

from siec_desk.documents.engine.worker import DocumentJob, render_here
from siec_desk.domain.activity_period import month
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.services.app import AppContext
from siec_desk.services.branding import BrandingInput
from siec_desk.services.letter_types import LetterRequest
from siec_desk.services.network.coordinator import NetworkCoordinator, report_job

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """A branded Moroccan centre with a logo and a signature."""
    context = make_ctx(tmp_path_factory.mktemp("structure") / "c.sqlite3", "MA")
    brand(context)
    current = context.branding.get(display=False)
    context.branding.update(
        dataclasses.replace(BrandingInput(name=current.name), logo=PNG, signature=PNG)
    )
    yield context
    context.close()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_letter(centre: AppContext, language: str, tmp_path: Path) -> None:
    consultation_id = consultation(centre, ARABIC)
    content = centre.letters.compose(LetterRequest(consultation_id, language))
    pdf = render_here(DocumentJob("letter", content)).pdf

    nodes = assert_accessible(pdf, language)
    assert [n.tag for n in nodes if n.tag == "Table"] == ["Table", "Table"]  # not the letterhead
    alts = [n.alt or "" for n in nodes if n.tag == "Figure"]
    assert len(alts) == 2 and content.letterhead.name in alts[0]  # the logo, the signature
    # the other script's passages carry their language (Arabic name, Latin centre name)
    other = "fr" if language == "ar" else "ar"
    assert other in {n.lang for n in nodes}
    assert_bundled_fonts(pdf, tmp_path)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_activity_report(language: str, tmp_path: Path) -> None:
    ctx, _ids = march_2024_centre(tmp_path / "activity.sqlite3")
    try:
        content = ctx.reports.monthly(month(date(2024, 3, 1)), language)
    finally:
        ctx.close()
    pdf = render_here(DocumentJob("report", content)).pdf

    nodes = assert_accessible(pdf, language)
    figures = [n for n in nodes if n.tag == "Figure"]
    trend = next(f for f in figures if f.alt and content.trend[-1].label in f.alt)
    assert str(content.trend[-1].consultations) in (trend.alt or "")
    scopes = {str(n.attributes["/Scope"]) for n in nodes if n.tag == "TH"}
    assert scopes == {"/Column", "/Row"}
    assert_bundled_fonts(pdf, tmp_path)


@pytest.mark.parametrize("country", ["FR", "MA"])
def test_the_rights_export(country: str, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path / "rights.sqlite3", country)
    try:
        household_id = ctx.consultations.get(consultation(ctx, ARABIC)).summary.household_id
        assert household_id is not None
        prepared = ctx.rights.pdf_export(household_id)
    finally:
        ctx.close()
    pdf = render_here(prepared.job).pdf

    language = prepared.job.content.language
    nodes = assert_accessible(pdf, language)
    assert 3 in {int(n.tag[1]) for n in nodes if n.tag in ("H1", "H2", "H3")}
    assert_bundled_fonts(pdf, tmp_path)


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NetworkCoordinator]:
    folder = tmp_path_factory.mktemp("network")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        files = centre_export(folder, "FR", "FR-01", 1, households=60)
        files += centre_export(folder, "MA", "MA-01", 2, households=60)
    db = open_network_database(folder / "network.sqlite3")
    coordinator = NetworkCoordinator(db)
    coordinator.import_files(files)
    yield coordinator
    db.close()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_network_report(network: NetworkCoordinator, language: str, tmp_path: Path) -> None:
    content = network.report_content(language)
    pdf = render_here(report_job(content)).pdf

    nodes = assert_accessible(pdf, language)
    assert any(n.tag == "Figure" and n.alt and content.by_month.title in n.alt for n in nodes)
    assert_bundled_fonts(pdf, tmp_path)
