"""Shared set-up of the letter tests: a Moroccan centre, a Latin- and an Arabic-named
household, consultations with measures, and PDF text extraction with poppler."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from siec_desk.core.formatting import plain
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext
from siec_desk.services.branding import BrandingInput

MEASURES = ("led_lighting", "flow_reducers", "solar_water_heater")
LATIN = HouseholdInput(
    first_name="Éloïse",
    last_name="Légaré",
    phone="0612345678",
    email="eloise.legare@example.fr",
    address="3 rue des Lilas",
    commune="Chefchaouen",
    postal_code="91000",
    dwelling_type="house",
    construction_period="1948_1974",
    surface_m2=90,
    heating_energy="electricity",
    hot_water_energy="butane_propane",
    household_size=4,
    letter_language="fr",
)
ARABIC = HouseholdInput(
    first_name="أحمد",
    last_name="العمراني",
    phone="0661234567",
    email="ahmed@example.ma",
    address="درب السوق 5",
    commune="شفشاون",
    postal_code="91000",
    dwelling_type="traditional_house",
    surface_m2=70,
    heating_energy="wood",
    hot_water_energy="butane_propane",
    household_size=5,
    butane_bottles_per_month=3,
    letter_language="ar",
)


def brand(ctx: AppContext) -> None:
    ctx.branding.update(
        BrandingInput(
            name="Centre Info Energie de Chefchaouen",
            address="Avenue Hassan II, n° 12",
            postal_code="91000",
            commune="Chefchaouen",
            phone="0539881234",
            email="contact@cie-chefchaouen.ma",
            website="www.cie-chefchaouen.ma",
            network_code="CIE-CHEF",
        )
    )


def consultation(
    ctx: AppContext, household: HouseholdInput | None, measures: tuple[str, ...] = MEASURES
) -> int:
    household_id = ctx.households.create(household) if household else None
    return ctx.consultations.add(
        ConsultationInput(
            mode="home_visit" if household else "phone",
            themes=("hot_water", "lighting"),
            household_id=household_id,
            advisor_id=ctx.centres.advisors()[0].id,
            duration_min=60,
            measures=tuple(MeasureChoice(code) for code in measures) if household else (),
        )
    )


def pdftotext(pdf: bytes, tmp: Path, page: int | None = None) -> str:
    """The PDF's text layer in reading order, normalised: presentation forms folded
    (NFKC), bidi marks dropped, whitespace collapsed."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is installed by packaging/quickstart.sh"
    path = tmp / "letter.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        [tool, "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return normalise(out)


def pypdf_text(pdf: bytes) -> str:
    """The text layer as pypdf reads it. For Arabic letters: pdftotext re-orders lam-alef
    visually ("استهالك" for "استهلاك", pitfalls.md §1.4) while pypdf keeps each run logical."""
    from pypdf import PdfReader

    return normalise(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def extract(pdf: bytes, language: str, tmp: Path) -> str:
    return pypdf_text(pdf) if language == "ar" else pdftotext(pdf, tmp)


def printed(text: str, language: str) -> str:
    """*text* as a document in *language* prints it (typography: no-break spaces, curly
    apostrophes), normalised like extracted text."""
    from siec_desk.core.formatting import typeset

    return normalise(typeset(text, language))


def normalise(text: str) -> str:
    text = plain(unicodedata.normalize("NFKC", text)).replace("\u202b", "").replace("\u202c", "")
    return re.sub(r"\s+", " ", text).strip()


_RUNS = re.compile(
    r"[\u0600-\u06ff][\u0600-\u06ff\s]*[\u0600-\u06ff]|[\u0600-\u06ff]|[^\u0600-\u06ff\s][^\u0600-\u06ff]*[^\u0600-\u06ff\s]|[^\u0600-\u06ff\s]"
)


def find_logical(text: str, phrase: str, window: int = 300) -> int:
    """Where *phrase* starts in extracted *text*, or -1.

    A phrase mixing Arabic and Latin runs ("استبدال المصابيح بمصابيح LED") may come out
    of the extractor with its runs in visual order; each run must still read in logical
    order, near the others."""
    found = text.find(phrase)
    if found != -1:
        return found
    # Brackets are mirrored glyphs in right-to-left text, and extractors place the pieces
    # around them in visual order: compare the pieces between brackets.
    text = _unbracket(text)
    runs = [
        run.strip()
        for piece in re.split(r"[()\[\]]", phrase)
        for run in _RUNS.findall(piece)
        if run.strip()
    ]
    starts = [text.find(run) for run in runs]
    if -1 in starts or max(starts) - min(starts) > window:
        return -1
    return min(starts)


def _unbracket(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[()\[\]]", " ", text))
