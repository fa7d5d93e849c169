"""Letters as the household receives them: text layer, fonts, languages, pagination."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from testkit.contexts import make_ctx
from testkit.letters import (
    ARABIC,
    LATIN,
    MEASURES,
    brand,
    consultation,
    extract,
    find_logical,
    normalise,
    pdftotext,
    printed,
)

from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.inputs import FreeTexts
from siec_desk.documents.letters.render import RenderedLetter, render_pdf
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.savings import EnergyProfile
from siec_desk.services.app import AppContext
from siec_desk.services.letter_types import LetterRequest

BUNDLED = {"Noto-Sans", "Noto-Sans-Bold", "Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Bold"}


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    context = make_ctx(tmp_path_factory.mktemp("letters") / "c.sqlite3", "MA")
    brand(context)
    yield context
    context.close()


@pytest.fixture(scope="module")
def letters(centre: AppContext) -> dict[tuple[str, str], tuple[LetterContent, RenderedLetter]]:
    """French and Arabic letters for a Latin-named and an Arabic-named household."""
    made = {}
    for key, household in (("latin", LATIN), ("arabic", ARABIC)):
        consultation_id = consultation(centre, household)
        for language in ("fr", "ar"):
            content = centre.letters.compose(LetterRequest(consultation_id, language))
            made[key, language] = (content, render_pdf(content))
    return made


CASES = [(k, lang) for k in ("latin", "arabic") for lang in ("fr", "ar")]


@pytest.mark.parametrize(("who", "language"), CASES)
def test_letter_text_has_name_measures_totals_and_reference_in_order(
    letters: dict[tuple[str, str], tuple[LetterContent, RenderedLetter]],
    centre: AppContext,
    who: str,
    language: str,
    tmp_path: Path,
) -> None:
    content, rendered = letters[who, language]
    text = extract(rendered.pdf, language, tmp_path)
    household = LATIN if who == "latin" else ARABIC
    name = f"{household.first_name} {household.last_name}"
    measures = [
        printed(centre.reference.measure(code).name(language), language) for code in MEASURES
    ]
    assert content.totals is not None
    # Totals: the left-to-right figures (numbers with their units) read as written.
    totals = [
        re.search(r"[\d.,\s]+\s?(kWh|kg CO2)", normalise(value)).group(0).strip()  # type: ignore[union-attr]
        for value in (content.totals.kwh, content.totals.co2)
    ]
    money = re.search(r"\d[\d.,\s]*", normalise(content.totals.money)).group(0).strip()  # type: ignore[union-attr]
    positions = [find_logical(text, part) for part in (name, content.reference, *measures)]
    assert -1 not in positions, (positions, text[:600])
    assert positions == sorted(positions), "name, reference, then measures by priority"
    for figure in (*totals, money):
        assert figure in text[positions[-1] :], figure


@pytest.mark.parametrize(("who", "language"), CASES)
def test_letter_declares_its_language_and_direction(
    letters: dict[tuple[str, str], tuple[LetterContent, RenderedLetter]], who: str, language: str
) -> None:
    content, rendered = letters[who, language]
    reader = PdfReader(io.BytesIO(rendered.pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert "/StructTreeRoot" in root, "tagged PDF"
    assert reader.metadata is not None and reader.metadata.title == content.title
    assert content.direction == ("rtl" if language == "ar" else "ltr")
    assert rendered.warnings == (), "no missing glyph or font warning from WeasyPrint"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_only_the_bundled_fonts_are_used_and_embedded(
    letters: dict[tuple[str, str], tuple[LetterContent, RenderedLetter]],
    language: str,
    tmp_path: Path,
) -> None:
    tool = shutil.which("pdffonts")
    assert tool, "pdffonts (poppler-utils) is installed by packaging/quickstart.sh"
    path = tmp_path / "letter.pdf"
    path.write_bytes(letters["arabic", language][1].pdf)
    lines = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True)
    rows = lines.stdout.splitlines()[2:]
    fonts = {row.split()[0].split("+")[-1] for row in rows}
    embedded = [row.split()[-5] for row in rows]  # the "emb" column
    assert fonts and fonts <= BUNDLED, fonts
    assert set(embedded) == {"yes"}
    assert "Noto-Naskh-Arabic" in fonts  # an Arabic name appears in both languages


def test_arabic_letter_keeps_phone_email_and_reference_left_to_right(
    letters: dict[tuple[str, str], tuple[LetterContent, RenderedLetter]], tmp_path: Path
) -> None:
    """Positions of glyphs on the page: each LTR value reads left to right (pitfalls §1.2)."""
    content, rendered = letters["arabic", "ar"]
    path = tmp_path / "letter.pdf"
    path.write_bytes(rendered.pdf)
    tool = shutil.which("pdftotext")
    assert tool
    html = subprocess.run(
        [tool, "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines: dict[float, list[tuple[float, str]]] = {}
    for x, y, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html
    ):
        lines.setdefault(round(float(y)), []).append((float(x), word))

    def reads_left_to_right(*parts: str) -> bool:
        """Some line holds every part, placed from left to right."""
        for words in lines.values():
            found = [next((x for x, w in words if w == part), None) for part in parts]
            if None not in found:
                return found == sorted(found)  # type: ignore[type-var]
        return False

    assert reads_left_to_right("05", "39", "88", "12", "34"), "centre phone 05 39 88 12 34"
    assert reads_left_to_right("CIE-CHEF-2026-000002") or reads_left_to_right(content.reference)
    assert reads_left_to_right("contact@cie-chefchaouen.ma")
    figure = re.search(r"\d[\d.,]*\d", content.totals.kwh if content.totals else "")
    assert figure, content.totals
    assert reads_left_to_right(figure[0], "kWh"), "a figure with its Latin unit after it"


def test_template_code_and_markup_in_user_text_print_literally(
    centre: AppContext, tmp_path: Path
) -> None:
    odd = HouseholdInput(
        first_name="{{ 7*7 }}",
        last_name="<b>Martin</b>",
        address="{% if true %}12{% endif %} rue <i>des</i> Écoles",
        commune="Chefchaouen",
        letter_language="fr",
    )
    consultation_id = consultation(centre, odd)
    texts = FreeTexts(opening="Bonjour {{ 7*7 }} <script>alert(1)</script>", findings="{{ c }}")
    content = centre.letters.compose(LetterRequest(consultation_id, "fr", texts))
    text = extract(render_pdf(content).pdf, "fr", tmp_path)
    assert "{{ 7*7 }} <b>Martin</b>" in text
    assert "{% if true %}12{% endif %} rue <i>des</i> Écoles" in text
    assert "Bonjour {{ 7*7 }} <script>alert(1)</script>" in text
    assert "{{ c }}" in text
    assert "Bonjour 49" not in text and "49 <b>Martin" not in text


def test_a_consultation_without_household_is_refused_clearly(centre: AppContext) -> None:
    from siec_desk.core.errors import ValidationError

    consultation_id = consultation(centre, None)
    with pytest.raises(ValidationError) as caught:
        centre.letters.compose(LetterRequest(consultation_id, "fr"))
    assert caught.value.for_field("household_id") == [
        "This consultation has no household, so a letter has no addressee. "
        "Link a household to the consultation first."
    ]


@pytest.fixture(scope="module")
def french_centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    context = make_ctx(tmp_path_factory.mktemp("letters-fr") / "c.sqlite3", "FR")
    yield context
    context.close()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_fifteen_measures_paginate_with_repeated_header_and_page_numbers(
    french_centre: AppContext, language: str, tmp_path: Path
) -> None:
    centre = french_centre
    # fifteen measures that apply to the household's home, without two on the same roof
    profile = EnergyProfile(
        "FR",
        dwelling_type=LATIN.dwelling_type,
        heating_carrier=LATIN.heating_energy,
        hot_water_carrier=LATIN.hot_water_energy,
    )
    usable = [
        m.code
        for m in centre.reference.measures_for("FR")
        if centre.measures.not_applicable(m.code, profile) is None and m.code != "roof_insulation"
    ]
    codes = tuple(usable)[:15]
    assert len(codes) == 15
    consultation_id = consultation(centre, LATIN, codes)
    content = centre.letters.compose(LetterRequest(consultation_id, language))
    rendered = render_pdf(content)
    assert rendered.pages >= 2
    assert rendered.warnings == ()
    text = extract(rendered.pdf, language, tmp_path)
    header = {"fr": "Économie estimée", "ar": "التوفير المقدّر"}[language]
    assert text.count(header) >= 2, "the table header repeats on the next page"
    for page in range(1, rendered.pages + 1):
        assert f"{page}/{rendered.pages}" in text
    for code in codes:
        name = printed(centre.reference.measure(code).name(language), language)
        assert find_logical(text, name) != -1, code


def test_vowel_marks_after_hamza_alef_do_not_break_the_text_layer(
    centre: AppContext, tmp_path: Path
) -> None:
    """WeasyPrint 70 maps alef-with-hamza wrongly once "أُ" occurs: "أسر" then reads "سر"."""
    vocalised = HouseholdInput(
        first_name="أُسامة",
        last_name="إِدريسي",
        address="زنقة أسرار 3",
        commune="شفشاون",
        letter_language="ar",
    )
    content = centre.letters.compose(LetterRequest(consultation(centre, vocalised), "ar"))
    text = extract(render_pdf(content).pdf, "ar", tmp_path)
    assert "أسامة إدريسي" in text
    assert "أسرار" in text


def test_arabic_letter_keeps_its_reference_and_law_number_in_order_even_in_the_footer(
    letters: dict[tuple[str, str], tuple[LetterContent, RenderedLetter]], tmp_path: Path
) -> None:
    """documents-review items 1-2: the running footer printed the reference backwards
    ("000002-2026") and the Moroccan notice printed Law 09-08 as "08-09"."""
    content, rendered = letters["arabic", "ar"]
    text = pdftotext(rendered.pdf, tmp_path)
    number = content.reference.rsplit("-", 2)
    year, serial = number[-2], number[-1]
    pages = len(PdfReader(io.BytesIO(rendered.pdf)).pages)
    # the body once, and the running footer on every page
    assert text.count(f"{year}-{serial}") >= 1 + pages, text
    assert f"{serial}-{year}" not in text
    assert "09-08" in text and "08-09" not in text


def test_numbers_in_arabic_free_text_keep_their_order() -> None:
    """The one isolation helper: references, law numbers, phones, e-mails and dates typed
    inside Arabic text read in logical order (LRI ... PDI around each)."""
    from siec_desk.core.formatting import isolate_ltr_runs

    text = "اتصلوا على +212 6 61 23 45 67 أو contact@cie.ma، المرجع 2026-009004 والقانون 09-08"
    isolated = isolate_ltr_runs(text)
    for value in ("+212 6 61 23 45 67", "contact@cie.ma", "2026-009004", "09-08"):
        assert f"\u2066{value}\u2069" in isolated
    assert isolate_ltr_runs(isolated) == isolated  # never twice
    assert isolate_ltr_runs("في 2026") == "في 2026"  # a lone number needs nothing
    # a signed change ("-6 pts" in the report): the minus would otherwise print after it
    assert isolate_ltr_runs("-6 نقطة") == "\u2066-6\u2069 نقطة"
    assert isolate_ltr_runs("CIE-2026-000001") == "\u2066CIE-2026-000001\u2069"
