"""The prior France Rénov' appointment (act ``mpr_appointment``, French centres) and its
attestation: numbered once per centre and year, archived like letters, printed again as
the very same document, in French or Arabic, from the command line and the service."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.letters import ARABIC, LATIN, extract, normalise, pdftotext

from siec_desk.core.errors import ValidationError
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.services.app import AppContext

pytestmark = pytest.mark.both_backends

WHEN = datetime(2026, 3, 2, 14, 30)


@pytest.fixture
def french(db_path: Path | str) -> Iterator[AppContext]:
    context = make_ctx(db_path, "FR", "Espace Conseil France Rénov' de Gap")
    yield context
    context.close()


def _appointment(ctx: AppContext, household_id: int, project: str = "whole_home") -> int:
    return ctx.consultations.add(
        ConsultationInput(
            mode="video",
            themes=("financial_aid",),
            act="mpr_appointment",
            project_type=project,
            household_id=household_id,
            occurred_at=WHEN,
        )
    )


def _household(ctx: AppContext, arabic: bool = False) -> int:
    data = ARABIC if arabic else LATIN
    return ctx.households.create(replace(data, postal_code="05000", commune="Gap"))


def test_an_appointment_keeps_its_project_and_needs_one(french: AppContext) -> None:
    household_id = _household(french)
    detail = french.consultations.get(_appointment(french, household_id, "adaptation"))
    assert (detail.summary.act, detail.project_type) == ("mpr_appointment", "adaptation")
    assert detail.as_json()["project_type"] == "adaptation"
    with pytest.raises(ValidationError) as caught:
        french.consultations.add(
            ConsultationInput(
                mode="phone", themes=("heating",), act="mpr_appointment", household_id=household_id
            )
        )
    assert [e.field for e in caught.value.errors] == ["project_type"]
    with pytest.raises(ValidationError) as caught:  # no anonymous appointment
        french.consultations.add(
            ConsultationInput(
                mode="phone", themes=("heating",), act="mpr_appointment", project_type="other"
            )
        )
    assert [e.field for e in caught.value.errors] == ["household_id"]


def test_a_moroccan_centre_cannot_record_the_appointment(db_path: Path | str) -> None:
    ctx = make_ctx(db_path, "MA")
    try:
        household_id = ctx.households.create(ARABIC)
        before = ctx.consultations.for_household(household_id)
        with pytest.raises(ValidationError) as caught:
            _appointment(ctx, household_id)
        assert [e.field for e in caught.value.errors] == ["act"]
        assert ctx.consultations.for_household(household_id) == before  # nothing written
    finally:
        ctx.close()


def test_attestations_are_numbered_per_year_and_reprinted_identically(
    french: AppContext, tmp_path: Path
) -> None:
    first = _appointment(french, _household(french))
    second = _appointment(french, _household(french, arabic=True), "single_works")
    issued = french.attestations.issue(first, today=date(2026, 3, 3))
    assert (issued.number, issued.reprint, issued.record.kind) == (
        "ATT-2026-000001",
        False,
        "attestation",
    )
    assert issued.record.sha256 == hashlib.sha256(issued.record.path.read_bytes()).hexdigest()
    other = french.attestations.issue(second, today=date(2026, 3, 4))
    assert (other.number, other.record.language) == ("ATT-2026-000002", "ar")
    again = french.attestations.issue(first, today=date(2026, 12, 1))
    assert (again.number, again.reprint, again.pdf) == (issued.number, True, issued.pdf)
    today = date.today()  # counted by when they were issued (archived)
    assert french.attestations.count_issued(today.replace(day=1), today) == 2
    assert french.attestations.count_issued(date(2025, 1, 1), date(2025, 12, 31)) == 0
    # a new year starts a new sequence
    third = _appointment(french, _household(french))
    assert french.attestations.issue(third, today=date(2027, 1, 2)).number == "ATT-2027-000001"
    # listed with the household's letters
    household_id = french.consultations.get(first).summary.household_id
    assert household_id is not None
    listed = french.letters.for_household(household_id)
    assert [(r.kind, r.reference) for r in listed] == [("attestation", "ATT-2026-000001")]


def test_an_altered_archive_is_never_printed_again(french: AppContext) -> None:
    consultation_id = _appointment(french, _household(french))
    issued = french.attestations.issue(consultation_id, today=date(2026, 3, 3))
    issued.record.path.write_bytes(issued.pdf + b"%")
    with pytest.raises(ValidationError, match="ATT-2026-000001"):
        french.attestations.issue(consultation_id)


def test_only_an_appointment_with_a_household_has_an_attestation(french: AppContext) -> None:
    advice = french.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), household_id=_household(french))
    )
    with pytest.raises(ValidationError):
        french.attestations.issue(advice)
    assert french.attestations.find(advice) is None


def test_the_attestation_says_who_when_how_and_what_in_french_and_arabic(
    french: AppContext, tmp_path: Path
) -> None:
    latin = french.attestations.issue(
        _appointment(french, _household(french)), today=date(2026, 3, 3)
    )
    text = pdftotext(latin.pdf, tmp_path)
    for phrase in (
        "Attestation de rendez-vous France Rénov’",
        "ATT-2026-000001",
        "Espace Conseil France Rénov' de Gap",  # the centre's name, as typed
        "Éloïse Légaré",
        "3 rue des Lilas, 05000 Gap",
        "2 mars 2026 à 14:30",
        "Visioconférence",
        "Rénovation d'ampleur",
        "Délivrée le 3 mars 2026.",
    ):
        assert normalise(phrase) in text, phrase
    arabic_id = _appointment(french, _household(french, arabic=True))
    arabic = french.attestations.issue(arabic_id, today=date(2026, 3, 3))
    assert arabic.record.language == "ar"
    text = extract(arabic.pdf, "ar", tmp_path)
    for phrase in (
        "شهادة موعد فرانس رينوف",
        "ATT-2026-000002",
        "تجديد شامل للمسكن",
        "أحمد العمراني",
    ):
        assert normalise(phrase) in text, phrase
    assert "ATT-2026-000002" in pdftotext(arabic.pdf, tmp_path)


def test_the_command_line_records_the_appointment_and_writes_its_attestation(
    french: AppContext, db_path: Path | str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cli = Cli(db_path, capsys)
    household_id = _household(french)
    added = cli.json(
        "consultation", "add", "--household", str(household_id), "--mode", "walk_in",
        "--theme", "financial_aid", "--act", "mpr_appointment", "--project-type", "whole_home",
    )  # fmt: skip
    assert isinstance(added, dict)
    ident = str(added["id"])
    code, _out, err = cli(
        "consultation", "add", "--household", str(household_id), "--mode", "walk_in",
        "--theme", "financial_aid", "--act", "mpr_appointment",
    )  # fmt: skip
    assert code == 1 and len(err.strip().splitlines()) == 1
    first = cli.json("consultation", "attestation", ident, "--out", str(tmp_path / "a.pdf"))
    again = cli.json("consultation", "attestation", ident, "--out", str(tmp_path / "b.pdf"))
    assert isinstance(first, dict) and isinstance(again, dict)
    assert (first["reprint"], again["reprint"]) == (False, True)
    assert first["number"] == again["number"]
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_the_monthly_report_counts_the_attestations_issued(french: AppContext) -> None:
    from siec_desk.domain.activity_period import month

    french.attestations.issue(_appointment(french, _household(french)))
    report = french.reports.monthly(month(date.today()), "en")
    counted = [f for f in report.figures if f.label == "France Rénov' attestations issued"]
    assert [(f.current, f.previous) for f in counted] == [(1.0, 0.0)]
    assert french.stats.summary(month(date.today())).as_json()["attestations_issued"] == 1
