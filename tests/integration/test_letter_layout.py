"""Letters and rights exports as printed (documents-review §1 items 5-7, 9-15, §4 items
33-34; gui-walkthrough D19, D45): names per language, titles per gender, order of Latin
values inside Arabic, typography and page breaks."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.letters import (
    ARABIC,
    LATIN,
    MEASURES,
    consultation,
    normalise,
    pdftotext,
    printed,
    pypdf_text,
)

from siec_desk.core.i18n import language_override
from siec_desk.documents.letters.compose import default_opening
from siec_desk.documents.letters.inputs import FreeTexts
from siec_desk.documents.letters.render import render_pdf
from siec_desk.documents.letters.template import render_html
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.services.app import AppContext
from siec_desk.services.branding import BrandingInput
from siec_desk.services.letter_types import LetterRequest

FOOTER = "الهاتف +212 539 98 76 54 — المرجع CIE-2026-01"
LEGAL = "Association loi 1901, récépissé n° 12/2019."
NAME_AR = "مركز الإعلام حول الطاقة والمناخ بشفشاون"
NOTES = "اتصلت على الرقم +212 6 61 23 45 67 بخصوص المرجع 2026-009004."


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """A Moroccan centre with an Arabic name, an Arabic footer holding a phone and a
    reference, a legal text in Latin letters, and a female advisor."""
    ctx = make_ctx(tmp_path_factory.mktemp("layout") / "c.sqlite3", "MA")
    ctx.branding.update(
        BrandingInput(
            name="Centre Info Energie de Chefchaouen",
            name_ar=NAME_AR,
            commune="Chefchaouen",
            phone="0539881234",
            email="contact@cie-chefchaouen.ma",
            letter_footer=FOOTER,
            legal_mentions=LEGAL,
        )
    )
    ctx.centres.set_advisor_title(ctx.centres.advisors()[0].id, "feminine")
    yield ctx
    ctx.close()


def _words(pdf: bytes, tmp: Path, page: int) -> dict[int, list[tuple[float, str]]]:
    """Words of a page by line (rounded y), each with its left x (pdftotext -bbox)."""
    path = tmp / "bbox.pdf"
    path.write_bytes(pdf)
    tool = shutil.which("pdftotext")
    assert tool
    html = subprocess.run(
        [tool, "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines: dict[int, list[tuple[float, str]]] = {}
    for x, y, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html
    ):
        lines.setdefault(round(float(y)), []).append((float(x), word.replace("&apos;", "'")))
    return lines


def _left_to_right(lines: dict[int, list[tuple[float, str]]], *parts: str) -> bool:
    for words in lines.values():
        found = [next((x for x, w in words if w == part), None) for part in parts]
        if None not in found:
            return found == sorted(found)  # type: ignore[type-var]
    return False


def _ends(text: str) -> tuple[str, str]:
    """A phrase near the start and one near the end of a paragraph, each in one script
    (extractors put the runs of mixed text in visual order)."""
    runs = re.findall(r"[\u0600-\u06ff][\u0600-\u06ff ]{14,}|[A-Za-zÀ-ÿ’][A-Za-zÀ-ÿ’ ]{14,}", text)
    return runs[0].strip(), runs[-1].strip()


def test_arabic_footer_phone_and_reference_read_in_order_in_both_languages(
    centre: AppContext, tmp_path: Path
) -> None:
    """Item 5: the MA footer "الهاتف +212 539 98 76 54" printed "54 76 98 539 212+"."""
    consultation_id = consultation(centre, ARABIC)
    for language in ("ar", "fr"):
        rendered = render_pdf(centre.letters.compose(LetterRequest(consultation_id, language)))
        last = _words(rendered.pdf, tmp_path, rendered.pages)
        assert _left_to_right(last, "+212", "539", "98", "76", "54"), language
        assert _left_to_right(last, "CIE-2026-01") or any(
            w == "CIE-2026-01" for words in last.values() for _x, w in words
        )


def test_latin_legal_text_keeps_its_full_stop_at_its_end_in_an_arabic_letter(
    centre: AppContext,
) -> None:
    """Item 15: ".Association loi 1901" in Arabic letters: the paragraph is left to right."""
    content = centre.letters.compose(LetterRequest(consultation(centre, ARABIC), "ar"))
    html = render_html(content)
    assert re.search(r'<p dir="ltr">[^<]*Association loi 1901', html), html[-2000:]
    assert re.search(r'<p dir="rtl">[^<]*الهاتف', html)


def test_brand_names_keep_their_apostrophe_on_the_right_in_arabic(tmp_path: Path) -> None:
    """Item 6: "'France Rénov" and "Rénov(" in Arabic letters of a French centre."""
    ctx = make_ctx(tmp_path / "fr.sqlite3", "FR")
    try:
        french = dataclasses.replace(LATIN, letter_language="ar", postal_code="13001")
        content = ctx.letters.compose(LetterRequest(consultation(ctx, french, ()), "ar"))
        rendered = render_pdf(content)
        words = [
            w
            for page in range(1, rendered.pages + 1)
            for line in _words(rendered.pdf, tmp_path, page).values()
            for _x, w in line
        ]
        assert "Rénov'" in words  # the apostrophe glyph after the "v", on its right
        assert not any(w.startswith("'") and "Rénov" in w for w in words)
        pages = [_words(rendered.pdf, tmp_path, p) for p in range(1, rendered.pages + 1)]
        assert any(_left_to_right(lines, "France", "Rénov'") for lines in pages)
    finally:
        ctx.close()


def test_arabic_letters_name_the_centre_in_arabic_and_french_ones_in_french(
    centre: AppContext, tmp_path: Path
) -> None:
    """Item 11: letterhead, signature, running footer and data-protection text."""
    consultation_id = consultation(centre, ARABIC)
    arabic = centre.letters.compose(LetterRequest(consultation_id, "ar"))
    assert arabic.letterhead.name == NAME_AR
    assert NAME_AR in arabic.privacy and "Centre Info" not in arabic.privacy
    text = pypdf_text(render_pdf(arabic).pdf)
    assert text.count(NAME_AR) >= 3  # letterhead, signature, data protection (+ footers)
    assert "Centre Info Energie" not in text
    french = centre.letters.compose(LetterRequest(consultation_id, "fr"))
    assert french.letterhead.name == "Centre Info Energie de Chefchaouen"
    assert NAME_AR not in pdftotext(render_pdf(french).pdf, tmp_path)


def test_signature_title_follows_the_advisors_gender(centre: AppContext, tmp_path: Path) -> None:
    """Item 13, D19: "Conseiller énergie" for Claire, "مستشار في الطاقة" for سناء."""
    advisor = centre.centres.advisors()[0]
    consultation_id = consultation(centre, LATIN)
    expected = {
        "feminine": ("Conseillère énergie", "مستشارة في الطاقة"),
        "masculine": ("Conseiller énergie", "مستشار في الطاقة"),
        None: ("Conseil en énergie", "الاستشارة في الطاقة"),  # not told: no gender given
    }
    try:
        for gender, (french, arabic) in expected.items():
            centre.centres.set_advisor_title(advisor.id, gender)
            fr = centre.letters.compose(LetterRequest(consultation_id, "fr"))
            ar = centre.letters.compose(LetterRequest(consultation_id, "ar"))
            assert (fr.advisor_title, ar.advisor_title) == (french, arabic)
        text = pdftotext(render_pdf(fr).pdf, tmp_path)
        assert "Conseil en énergie, Centre Info Energie de Chefchaouen" in text
    finally:
        centre.centres.set_advisor_title(advisor.id, "feminine")


def test_a_letter_without_measures_promises_none(centre: AppContext, tmp_path: Path) -> None:
    """Item 10: "voici … les mesures que nous vous recommandons" over "no measure"."""
    household_id = centre.households.create(LATIN)
    consultation_id = centre.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), household_id=household_id, act="info")
    )
    content = centre.letters.compose(LetterRequest(consultation_id, "fr"))
    text = pdftotext(render_pdf(content).pdf, tmp_path)
    assert "mesures que nous vous recommandons" not in text
    assert "informations que nous vous avons données" in text
    with language_override("fr"):
        assert content.opening == default_opening(with_measures=False) != default_opening()
    with_measures = centre.letters.compose(LetterRequest(consultation(centre, LATIN), "fr"))
    assert "recommandons" in with_measures.opening


def test_french_letter_typography_and_1er(centre: AppContext, tmp_path: Path) -> None:
    """Item 14, D45: no-break spaces before ":" and ";", "1er janvier", "8 ans" not "8,0"."""
    consultation_id = consultation(centre, LATIN)
    content = centre.letters.compose(
        LetterRequest(
            consultation_id, "fr", FreeTexts(findings="Joints usés ; fenêtres : à voir !")
        ),
        today=date(2026, 1, 1),
    )
    assert "1er janvier 2026" in content.place_date
    html = render_html(content)
    assert "Joints usés\u202f; fenêtres\u00a0: à voir\u202f!" in html
    assert re.search(r"</strong>\u00a0: ", html), "aids and contacts: name, then ' :'"
    assert "\u00a0:</strong>" in html or "référence\u00a0:" in html
    assert not re.search(r"\d,0 ans", normalise(pdftotext(render_pdf(content).pdf, tmp_path)))


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_privacy_notice_is_never_split_and_the_sign_off_stays_whole(
    centre: AppContext, language: str
) -> None:
    """Item 7: the privacy paragraph split across pages; a last page with one footer line."""
    codes = (*MEASURES, "water_saving", "efficient_fridge", "draught_proofing")
    for count in range(len(codes) + 1):
        consultation_id = consultation(centre, ARABIC if language == "ar" else LATIN, codes[:count])
        content = centre.letters.compose(LetterRequest(consultation_id, language))
        rendered = render_pdf(content)
        pages = [
            normalise(page.extract_text()) for page in PdfReader(io.BytesIO(rendered.pdf)).pages
        ]
        start, end = _ends(printed(content.privacy, language))
        holding = [i for i, page in enumerate(pages) if start in page or end in page]
        assert len(holding) == 1, (count, holding)  # start and end on the same page
        assert holding[0] == len(pages) - 1, "the notice and the footer after it end the letter"


def test_rights_export_isolates_notes_and_names_the_centre(
    centre: AppContext, tmp_path: Path
) -> None:
    """Items 33-34: phone and reference in Arabic notes, the article before the centre's
    name, "2 صفحتان", the Arabic centre name."""
    household = dataclasses.replace(ARABIC, notes=NOTES)
    household_id = centre.households.create(household)
    centre.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("solar_thermal",),
            household_id=household_id,
            notes=NOTES,
            measures=(MeasureChoice("solar_water_heater"),),
        )
    )
    out = tmp_path / "rights.pdf"
    centre.rights.export(household_id, out)
    pdf = out.read_bytes()
    pages = [_words(pdf, tmp_path, n) for n in range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1)]
    assert any(_left_to_right(page, "+212", "6", "61", "23", "45", "67") for page in pages)
    words = [w for page in pages for line in page.values() for _x, w in line]
    # the sentence's full stop is on its left, where an Arabic sentence ends
    assert any(w.lstrip(".").startswith("2026-009004") for w in words)
    assert not any("009004-2026" in w for w in words)
    text = pypdf_text(out.read_bytes())
    assert "مركزنا" in text and NAME_AR in text and "Centre Info Energie" not in text


def test_rights_export_shows_the_ile_de_france_flag_of_a_french_household(
    tmp_path: Path,
) -> None:
    ctx = make_ctx(tmp_path / "fr.sqlite3", "FR")
    try:
        household_id = ctx.households.create(dataclasses.replace(LATIN, postal_code="13001"))
        data = ctx.rights.collect(household_id)
        from siec_desk.documents.rights.compose import compose

        content = compose(data)
        rows = {row.label: row.value for s in content.sections for row in s.rows}
        flag = [value for label, value in rows.items() if "Île-de-France" in label]
        assert flag == ["Non"], rows  # shown even when false: it sets the income scale
        assert "notre centre, \u2068Centre de test\u2069" in content.intro
    finally:
        ctx.close()


# -- the command line ---------------------------------------------------------------------
def test_cli_consultation_signed_by_an_advisor_and_letters_into_a_new_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Items 9 and 12: ``consultation add --advisor``; ``letters --out`` creates DIR."""
    cli = Cli(tmp_path / "cli.sqlite3", capsys)
    helene = cli.json("advisor", "add", "Hélène Martin", "--title", "feminine")
    assert helene["title_gender"] == "feminine"  # type: ignore[index]
    household = cli.json("household", "add", "--first-name", "Jean", "--last-name", "Durand")
    hid = str(household["id"])  # type: ignore[index]
    code, _out, err = cli(
        "consultation",
        "add",
        "--household",
        hid,
        "--mode",
        "phone",
        "--theme",
        "heating",
        "--advisor",
        "Nobody",
    )
    assert code != 0 and "Nobody" in err and len(err.strip().splitlines()) == 1
    assert cli.json("consultation", "list") == []  # nothing half-written
    created = cli.json(
        "consultation",
        "add",
        "--household",
        hid,
        "--mode",
        "phone",
        "--theme",
        "heating",
        "--advisor",
        "hélène martin",
    )
    by_id = cli.json(
        "consultation",
        "add",
        "--household",
        hid,
        "--mode",
        "phone",
        "--theme",
        "heating",
        "--advisor",
        str(helene["id"]),  # type: ignore[index]
    )
    assert created["id"] != by_id["id"]  # type: ignore[index]
    out = tmp_path / "not" / "yet"
    today = date.today().isoformat()
    written = cli.json("letters", "--from", today, "--to", today, "--out", str(out))
    assert out.is_dir() and len(written) == 2  # type: ignore[arg-type]
    pdf = Path(written[0]["out"]).read_bytes()  # type: ignore[index]
    assert "Hélène Martin" in pdftotext(pdf, tmp_path)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    code, _out, err = cli("letters", "--from", today, "--to", today, "--out", str(a_file))
    assert code != 0 and "is not a folder" in err
    code, _out, _err = cli("advisor", "title", "Hélène Martin", "neutral")
    assert code == 0
    listed = cli.json("advisor", "list")
    assert [a["title_gender"] for a in listed] == ["neutral"]  # type: ignore[union-attr, index]


def test_moroccan_french_letters_name_the_currency_as_their_amounts_do(
    centre: AppContext,
) -> None:
    """Item 15: amounts in "MAD" but aid texts in "DH" in French letters of Moroccan centres."""
    content = centre.letters.compose(LetterRequest(consultation(centre, LATIN), "fr"))
    texts = " ".join(
        [a.text for a in content.aids]
        + [c.text for c in content.contacts]
        + list(content.next_steps)
    )
    assert "MAD" in content.totals.money if content.totals else False
    assert not re.search(r"\d DH\b", texts), texts
