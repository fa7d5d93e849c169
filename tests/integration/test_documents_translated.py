"""Every document in French and Arabic carries no English label (documents-review item 23:
the network report printed "Insulate the lost attic" in French and Arabic).

Each document is rendered in fr and ar for a Moroccan demo centre: the letter, the
activity report (PDF and workbook), the rights export PDF, the centre's network export
workbook, and the coordinator's network report (PDF and workbook). A PDF line or a
workbook text cell may not be the English wording of a label of ``siec_desk.texts.labels`` or
of a catalogue measure's name, unless that wording is also the translation (codes and
proper nouns such as "France" read the same)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from testkit.contexts import make_ctx
from testkit.coordinator import YEAR
from testkit.letters import ARABIC, LATIN, brand, consultation, normalise

from siec_desk.core import i18n
from siec_desk.core.paths import resource_path
from siec_desk.documents.activity_report.pdf import render_report_pdf
from siec_desk.documents.activity_report.xlsx import report_workbook
from siec_desk.documents.attestation.compose import compose_attestation
from siec_desk.documents.attestation.content import AttestationFacts
from siec_desk.documents.attestation.pdf import render_attestation_pdf
from siec_desk.documents.letters.render import render_pdf
from siec_desk.domain.activity_period import month
from siec_desk.domain.catalogue import load_catalogue
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.export.export_format import json_bytes
from siec_desk.services.app import AppContext
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.services.letter_types import LetterRequest
from siec_desk.services.network.coordinator import NetworkCoordinator
from siec_desk.texts.labels import ALL_LABELS

LANGUAGES = ("fr", "ar")
TODAY = date(2026, 12, 7)


def english_labels(language: str) -> set[str]:
    """English wordings of the labels and measure names that *language* translates."""
    found = set()
    with i18n.language_override(language):
        for table in ALL_LABELS.values():
            for text in table.values():
                if str(text) != text.message:
                    found.add(text.message)
    for measure in load_catalogue(resource_path("catalogue", "measures.json")):
        english = measure.names["en"]
        if measure.name(language) != english:
            found.add(english)
    return found


@dataclass(frozen=True)
class Documents:
    """The texts of the documents of one language: name → lines (PDF) or cells (Excel)."""

    texts: dict[str, list[str]]


def _pdf_lines(pdf: bytes, tmp: Path) -> list[str]:
    """The PDF's lines as pdftotext reads them (a table cell is a line of its own), without
    list numbers or bullets."""
    lines = [normalise(line) for line in _raw_pdftotext(pdf, tmp).splitlines()]
    return [re.sub(r"^(\d+[.)]|[•·–-])\s*", "", line) for line in lines if line]


def _raw_pdftotext(pdf: bytes, tmp: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is installed by packaging/quickstart.sh"
    path = tmp / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _cells(workbook: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(workbook))
    return [
        normalise(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str) and cell.strip()
    ]


#: A French centre's attestation of a France Rénov' appointment (the composer on plain data).
ATTESTATION = AttestationFacts(
    number="ATT-2025-000001", issued_on=date(2025, 11, 3), country="FR",
    centre_name="ALEC de Gap", centre_name_ar=None, centre_address=None,
    advisor_name="Claire Fabre", occurred_at=datetime(2025, 11, 3, 10, 0), mode="phone",
    project_type="whole_home", household_name="Jeanne Durand", address="12 rue des Lilas",
    postal_code="05000", commune="Gap",
)  # fmt: skip


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, dict[str, int]]]:
    folder = tmp_path_factory.mktemp("translated")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        ctx = make_ctx(folder / "centre.sqlite3", "MA")
        brand(ctx)
        generate_demo(ctx, DemoOptions(households=150, seed=2, years=1, until=date(2025, 12, 31)))
        ids = {"fr": consultation(ctx, LATIN), "ar": consultation(ctx, ARABIC)}
        yield ctx, ids
        ctx.close()


@pytest.fixture(scope="module")
def documents(
    centre: tuple[AppContext, dict[str, int]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Documents]:
    ctx, consultations = centre
    tmp = tmp_path_factory.mktemp("texts")
    export = ctx.network_export.build(YEAR)
    network = open_network_database(tmp / "network.sqlite3")
    source = tmp / "centre.json"
    source.write_bytes(json_bytes(export))
    coordinator = NetworkCoordinator(network)
    assert [o.error for o in coordinator.import_files([source])] == [None]
    report_month = month(date(2025, 11, 1))
    found = {}
    try:
        for language in LANGUAGES:
            letter = ctx.letters.compose(LetterRequest(consultations[language], language))
            household = ctx.consultations.get(consultations[language]).summary.household_id
            assert household is not None
            report = ctx.reports.monthly(report_month, language, TODAY)
            previous = i18n.current_language()
            i18n.set_language(language)  # the export workbook is in the interface language
            try:
                export_book = ctx.network_export.render(export, "xlsx")
            finally:
                i18n.set_language(previous)
            found[language] = Documents(
                {
                    "letter": _pdf_lines(render_pdf(letter).pdf, tmp),
                    "activity report PDF": _pdf_lines(render_report_pdf(report).pdf, tmp),
                    "activity report XLSX": _cells(report_workbook(report)),
                    "rights export PDF": _pdf_lines(
                        ctx.rights.pdf(ctx.rights.collect(household)), tmp
                    ),
                    "network export XLSX": _cells(export_book),
                    "network report PDF": _pdf_lines(
                        coordinator.report("pdf", language, TODAY), tmp
                    ),
                    "network report XLSX": _cells(coordinator.report("xlsx", language, TODAY)),
                    "attestation PDF": _pdf_lines(
                        render_attestation_pdf(
                            compose_attestation(ATTESTATION, language=language)
                        ).pdf,
                        tmp,
                    ),
                }
            )
    finally:
        network.close()
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_document_prints_an_english_label(
    documents: dict[str, Documents], language: str
) -> None:
    forbidden = english_labels(language)
    assert "Insulate the lost attic" in forbidden and "Phone call" in forbidden
    found = {
        name: sorted({text for text in texts if text in forbidden})
        for name, texts in documents[language].texts.items()
    }
    assert not {name: hits for name, hits in found.items() if hits}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_document_shows_translated_labels(
    documents: dict[str, Documents], language: str
) -> None:
    """The check above reads real texts: each document holds some translated label."""
    with i18n.language_override(language):
        translated = {str(text) for table in ALL_LABELS.values() for text in table.values()}
    for measure in load_catalogue(resource_path("catalogue", "measures.json")):
        translated.add(measure.name(language))
    for name, texts in documents[language].texts.items():
        assert translated & set(texts), f"{name}: no translated label found"
