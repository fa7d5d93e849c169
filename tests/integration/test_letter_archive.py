"""Generated letters are archived and recorded; the command line writes one or a batch;
the centre's branding is validated before anything is saved."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.letters import ARABIC, LATIN, brand, consultation

from siec_desk.core.errors import ValidationError
from siec_desk.documents.letters.inputs import FreeTexts
from siec_desk.documents.letters.render import render_pdf
from siec_desk.services.app import AppContext, letter_archive_dir
from siec_desk.services.branding import BrandingInput
from siec_desk.services.letter_types import LetterRequest

pytestmark = pytest.mark.both_backends

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def centre(db_path: Path | str) -> Iterator[AppContext]:
    context = make_ctx(db_path, "MA")
    brand(context)
    yield context
    context.close()


def _generate(ctx: AppContext, request: LetterRequest):  # type: ignore[no-untyped-def]
    content = ctx.letters.compose(request)
    return ctx.letters.record(request, content, render_pdf(content, request.variant))


def test_a_saved_letter_is_archived_with_its_hash_and_listed_for_the_household(
    centre: AppContext,
) -> None:
    consultation_id = consultation(centre, ARABIC)
    texts = FreeTexts(opening="Bonjour,\n\nMerci de votre visite.", findings="Fuites au salon.")
    record = _generate(centre, LetterRequest(consultation_id, None, texts))
    assert record.language == "ar", "the household's letter language by default"
    assert record.path.is_file() and record.path.is_relative_to(letter_archive_dir(centre.db))
    assert record.sha256 == hashlib.sha256(record.path.read_bytes()).hexdigest()
    assert not list(record.path.parent.glob("*.partial"))
    household_id = centre.consultations.get(consultation_id).summary.household_id
    assert household_id is not None
    assert [r.id for r in centre.letters.for_household(household_id)] == [record.id]
    assert centre.letters.is_intact(record)
    again = centre.letters.regeneration(record.id)
    assert (again.consultation_id, again.language, again.texts) == (consultation_id, "ar", texts)


def test_an_altered_or_missing_archive_file_is_detected(centre: AppContext) -> None:
    record = _generate(centre, LetterRequest(consultation(centre, LATIN), "fr"))
    data = bytearray(record.path.read_bytes())
    data[-20] ^= 0xFF
    record.path.write_bytes(bytes(data))
    assert not centre.letters.is_intact(record)
    record.path.unlink()
    assert not centre.letters.is_intact(record)


def test_a_deleted_consultation_keeps_its_letters_in_the_household_archive(
    centre: AppContext,
) -> None:
    consultation_id = consultation(centre, LATIN)
    household_id = centre.consultations.get(consultation_id).summary.household_id
    assert household_id is not None
    record = _generate(centre, LetterRequest(consultation_id, "fr"))
    centre.consultations.delete(consultation_id)
    kept = centre.letters.get(record.id)
    assert kept.consultation_id is None and kept.household_id == household_id
    with pytest.raises(ValidationError):
        centre.letters.regeneration(record.id)


def test_pdfa_variant_declares_pdfa_3b(centre: AppContext) -> None:
    record = _generate(centre, LetterRequest(consultation(centre, LATIN), "fr", variant="pdfa"))
    reader = PdfReader(record.path)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>3</pdfaid:part>" in xmp or 'pdfaid:part="3"' in xmp
    assert "B" in xmp.split("pdfaid:conformance")[1][:5]


def test_branding_is_validated_all_at_once_and_nothing_is_saved(centre: AppContext) -> None:
    before = centre.branding.get()
    with pytest.raises(ValidationError) as caught:
        centre.branding.update(
            BrandingInput(
                name=" ",
                email="not-an-address",
                phone="12",
                network_code="has space",
                logo=b"GIF89a not allowed",
            )
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"name", "email", "phone", "network_code", "logo"}
    assert centre.branding.get() == before


def test_branding_images_are_stored_and_printed(centre: AppContext) -> None:
    current = centre.branding.get(display=False)
    centre.branding.update(
        BrandingInput(
            name=current.name,
            commune=current.commune,
            phone=current.phone,
            email=current.email,
            network_code=current.network_code,
            logo=PNG,
            signature=PNG,
            letter_footer="Association loi 1901",
        )
    )
    branding = centre.branding.get()
    assert branding.logo is not None and branding.logo.mime == "image/png"
    content = centre.letters.compose(LetterRequest(consultation(centre, LATIN), "fr"))
    assert content.letterhead.logo == branding.logo and content.signature == branding.signature
    rendered = render_pdf(content)
    assert rendered.warnings == ()
    images = [img for page in PdfReader(io.BytesIO(rendered.pdf)).pages for img in page.images]
    assert len(images) == 2
    centre.branding.update(BrandingInput(name=current.name, logo=b""))
    assert centre.branding.get().logo is None
    assert centre.branding.get().signature is not None, "None keeps the current image"


# -- command line ------------------------------------------------------------------------


@pytest.fixture
def cli(centre: AppContext, db_path: Path | str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_path, capsys)


def test_letter_command_writes_the_pdf_and_records_it(
    centre: AppContext, cli: Cli, tmp_path: Path
) -> None:
    consultation_id = consultation(centre, LATIN)
    out = tmp_path / "lettre.pdf"
    code, stdout, err = cli("letter", str(consultation_id), "--lang", "ar", "--out", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in stdout
    household_id = centre.consultations.get(consultation_id).summary.household_id
    assert household_id is not None
    [record] = centre.letters.for_household(household_id)
    assert record.language == "ar"
    assert record.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()


def test_letter_command_refuses_an_anonymous_consultation_with_one_clear_line(
    centre: AppContext, cli: Cli, tmp_path: Path
) -> None:
    consultation_id = consultation(centre, None)
    out = tmp_path / "x.pdf"
    code, _out, err = cli("--lang", "fr", "letter", str(consultation_id), "--out", str(out))
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "Cette consultation n'a pas de ménage" in err
    assert not out.exists() and not list(tmp_path.glob("*.partial"))


def test_letter_command_with_a_missing_folder_says_so(centre: AppContext, cli: Cli) -> None:
    consultation_id = consultation(centre, LATIN)
    code, _out, err = cli("letter", str(consultation_id), "--out", "/nonexistent/dir/x.pdf")
    assert code == 1 and err == "siec-desk: The folder /nonexistent/dir does not exist.\n"


def test_letters_batch_writes_every_consultation_with_a_household(
    centre: AppContext, cli: Cli, tmp_path: Path
) -> None:
    ids = [consultation(centre, h) for h in (LATIN, ARABIC, LATIN)]
    consultation(centre, None)  # anonymous: no letter
    out = tmp_path / "batch"
    out.mkdir()
    today = date.today().isoformat()
    code, stdout, err = cli(
        "letters", "--from", today, "--to", today, "--out", str(out), "--workers", "2", "--json"
    )
    assert code == 0, err
    written = json.loads(stdout)
    assert sorted(w["consultation_id"] for w in written) == ids
    files = sorted(p.name for p in out.glob("*.pdf"))
    assert len(files) == 3 and not list(out.glob("*.partial"))
    languages = {w["consultation_id"]: w["language"] for w in written}
    assert [languages[i] for i in ids] == ["fr", "ar", "fr"]


def test_letters_batch_rejects_a_reversed_period(cli: Cli, tmp_path: Path) -> None:
    code, _out, err = cli(
        "letters", "--from", "2025-02-01", "--to", "2025-01-01", "--out", str(tmp_path)
    )
    assert code == 1 and "before the start date" in err


def test_a_consultation_older_than_every_parameter_set_still_gets_its_letter(
    centre: AppContext,
) -> None:
    from datetime import datetime

    from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice

    household_id = centre.households.create(LATIN)
    consultation_id = centre.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("lighting",),
            household_id=household_id,
            occurred_at=datetime(2024, 6, 3, 10, 0),
            measures=(MeasureChoice("led_lighting"),),
        )
    )
    content = centre.letters.compose(LetterRequest(consultation_id, "fr"))
    # the letter names the set its figures were computed with (the one in force when saved)
    assert centre.reference.parameters("MA").version in " ".join(content.mentions)
    assert content.reference.endswith("2024-" + f"{consultation_id:06d}")
