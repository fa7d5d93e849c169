"""A household's rights: export everything stored (JSON, readable PDF in its letter
language), erase it with its consultations, letters and files; the command line too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.databases import Databases
from testkit.letters import ARABIC, consultation, pypdf_text
from testkit.privacy import PERSONAL, personal_household

from siec_desk.core.errors import NotFoundError, SiecError
from siec_desk.documents.rights.compose import compose
from siec_desk.documents.rights.pdf import rights_html
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext
from siec_desk.services.rights import FORMAT, FORMAT_VERSION
from siec_desk.storage.models import Consultation, Letter, RecommendedMeasure

pytestmark = pytest.mark.both_backends


@pytest.fixture
def centre(new_db: Databases) -> Iterator[AppContext]:
    context = make_ctx(new_db("centre"), "FR")
    yield context
    context.close()


def test_the_json_export_holds_everything_stored_about_the_household(
    centre: AppContext, tmp_path: Path
) -> None:
    person = personal_household(centre)
    other = centre.households.create(HouseholdInput(last_name="Autre", notes="pas à exporter"))
    out = tmp_path / "export.json"

    result = centre.rights.export(person.household_id, out)

    data = json.loads(out.read_text(encoding="utf-8"))
    assert "Quéméneur" in out.read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    assert (data["format"], data["format_version"]) == (FORMAT, FORMAT_VERSION)
    h = data["household"]
    assert (h["id"], h["first_name"], h["last_name"]) == (
        person.household_id,
        PERSONAL["first_name"],
        PERSONAL["last_name"],
    )
    assert (h["phone"], h["email"], h["address"], h["notes"]) == (
        PERSONAL["phone_e164"],
        PERSONAL["email"],
        PERSONAL["address"],
        PERSONAL["notes"],
    )
    assert h["consent_wording"] == PERSONAL["consent_wording"] and h["consent_recontact_on"]
    assert h["reference_income"] == 14_000
    advice, call = data["consultations"]
    assert [c["id"] for c in data["consultations"]] == list(person.consultation_ids)
    assert advice["themes"] == ["financial_aid", "heating"]
    assert advice["notes"] == PERSONAL["consultation_notes"]
    assert advice["outcome_abandon_reason"] == PERSONAL["abandon_reason"]
    measure = advice["measures"][0]
    assert {"measure_code", "kwh_per_year", "money_per_year_minor", "co2_kg_per_year"} <= set(
        measure
    )
    assert measure["parameter_set_version"].startswith("FR-")
    assert call["mode"] == "phone"
    (letter,) = data["letters"]
    assert letter["reference"] == person.letter.reference
    assert letter["sha256"] == person.letter.sha256
    assert letter["texts"]["opening"] == PERSONAL["letter_opening"]
    kinds = {(e["action"], e["object_type"], e["object_id"]) for e in data["audit"]}
    assert ("create", "household", person.household_id) in kinds
    assert ("create", "letter", person.letter.id) in kinds
    assert ("create", "consultation", person.consultation_ids[1]) in kinds
    assert "pas à exporter" not in out.read_text(encoding="utf-8")
    assert other not in [e["object_id"] for e in data["audit"] if e["object_type"] == "household"]
    assert (result.kind, result.consultations, result.letters) == ("json", 2, 1)
    assert not list(tmp_path.glob("*.partial"))
    event = centre.audit.events(action="export")[0]
    assert (event.object_id, event.details) == (
        person.household_id,
        {"format": "json", "consultations": 2, "letters": 1},
    )


def test_an_export_is_refused_cleanly_for_a_wrong_file_or_folder(
    centre: AppContext, tmp_path: Path
) -> None:
    household = centre.households.create(HouseholdInput(last_name="Martin"))
    with pytest.raises(SiecError, match=r"\.json or a \.pdf"):
        centre.rights.export(household, tmp_path / "export.txt")
    with pytest.raises(SiecError, match="does not exist"):
        centre.rights.export(household, tmp_path / "missing" / "export.json")
    with pytest.raises(NotFoundError):
        centre.rights.export(household + 1, tmp_path / "export.json")
    assert list(tmp_path.glob("export*")) == []
    assert centre.audit.events(action="export") == []


def test_the_pdf_is_readable_in_french(centre: AppContext, tmp_path: Path) -> None:
    person = personal_household(centre)
    out = tmp_path / "export.pdf"

    centre.rights.export(person.household_id, out)

    assert out.read_bytes().startswith(b"%PDF")
    text = pypdf_text(out.read_bytes())
    for expected in (
        PERSONAL["last_name"],
        PERSONAL["email"],
        PERSONAL["consultation_notes"],
        "Conseil personnalisé",  # the act level, in the letter language
        person.letter.reference,
    ):
        assert expected in text
    assert centre.audit.events(action="export")[0].details["format"] == "pdf"


def test_the_pdf_follows_an_arabic_household_right_to_left(new_db: Databases) -> None:
    ctx = make_ctx(new_db("ma"), "MA")
    consultation_id = consultation(ctx, ARABIC)
    household_id = ctx.consultations.get(consultation_id).summary.household_id
    assert household_id is not None
    data = ctx.rights.collect(household_id)

    content = compose(data, ctx.rights.measure_name)
    html = rights_html(content)
    pdf = ctx.rights.pdf(data)

    assert (content.language, content.direction, content.locale) == ("ar", "rtl", "ar_MA")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<span dir="ltr">\u2066ahmed@example.ma\u2069</span>' in html  # isolated twice
    text = pypdf_text(pdf)
    assert "العمراني" in text and "شفشاون" in text
    assert "زيارة منزلية" in text  # the contact mode, translated
    ctx.close()


def test_erasing_removes_the_household_its_consultations_letters_and_files(
    centre: AppContext,
) -> None:
    person = personal_household(centre)
    other = centre.households.create(HouseholdInput(last_name="Voisin"))

    result = centre.rights.erase(person.household_id)

    assert (result.consultations, result.letters) == (2, 1)
    with pytest.raises(NotFoundError):
        centre.households.get(person.household_id)
    with centre.db.read() as session:
        assert session.scalar(select(func.count(Consultation.id))) == 0
        assert session.scalar(select(func.count(RecommendedMeasure.id))) == 0
        assert session.scalar(select(func.count(Letter.id))) == 0
    assert not person.letter.path.exists()
    assert centre.households.get(other).summary.last_name == "Voisin"
    event = centre.audit.events(action="erase")[0]
    assert (event.object_type, event.object_id, event.details) == (
        "household",
        person.household_id,
        {"consultations": 2, "letters": 1},
    )
    with pytest.raises(NotFoundError):
        centre.rights.erase(person.household_id)


def test_cli_export_and_erase(
    tmp_path: Path, new_db: Databases, capsys: pytest.CaptureFixture[str]
) -> None:
    db = new_db("cli")
    ctx = make_ctx(db, "FR")
    person = personal_household(ctx, datetime(2024, 1, 5, 9, 0), datetime(2024, 2, 5, 9, 0))
    ctx.close()
    cli = Cli(db, capsys)
    out = tmp_path / "h.json"

    code, stdout, err = cli("household", "export", str(person.household_id), "--out", str(out))
    assert (code, err) == (0, "")
    assert str(out) in stdout
    assert json.loads(out.read_text(encoding="utf-8"))["household"]["id"] == person.household_id

    code, _out, err = cli("household", "export", "1", "--out", str(tmp_path / "h.txt"))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err

    code, _out, err = cli("household", "erase", str(person.household_id))
    assert code == 1 and "--yes" in err and err.count("\n") == 1
    assert cli.json("household", "show", str(person.household_id))["id"] == person.household_id  # type: ignore[index]

    code, stdout, err = cli("household", "erase", str(person.household_id), "--yes")
    assert (code, err) == (0, "")
    assert "Consultations deleted: 2. Letters deleted: 1." in stdout
    code, _out, err = cli("household", "show", str(person.household_id))
    assert code == 1 and "not found" in err
    assert not person.letter.path.exists()

    code, _out, err = cli("household", "erase", "--yes")
    assert code == 2  # usage error: no ID
