"""A sheet's project-type column (issue 18): the project a France Rénov' appointment
prepares, read from its French, English or Arabic header and from a code or a label in any
of the three languages, checked by the consultation's own rules (required for the
appointment, refused with any other act and outside France), stored as the editor stores it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.importing.headers import guess_targets
from siec_desk.importing.mapping import ImportMapping
from siec_desk.services.app import AppContext
from siec_desk.services.importer import ImportService
from siec_desk.storage.models import Consultation

NOW = datetime(2026, 6, 30, 17, 0)


def run(ctx: AppContext, path: Path, lines: list[str], *, dry_run: bool = False) -> Any:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    svc = ImportService(ctx, clock=lambda: NOW)
    table = svc.read(path, ImportMapping())
    return svc.dry_run(table, ImportMapping()) if dry_run else svc.run(table, ImportMapping())


def stored(ctx: AppContext) -> list[tuple[str, str | None]]:
    with ctx.db.read() as session:
        return [
            (c.act, c.project_type)
            for c in session.scalars(select(Consultation).order_by(Consultation.occurred_at))
        ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Type de projet", "project_type"),
        ("Projet", "project_type"),
        ("Project type", "project_type"),
        ("نوع المشروع", "project_type"),
        ("Date de relance", "follow_up_due"),  # unchanged neighbours
    ],
)
def test_the_project_type_column_is_recognised_in_three_languages(
    header: str, expected: str
) -> None:
    assert guess_targets(["Nom", "Date", header]) == ["full_name", "date", expected]


@pytest.mark.both_backends
def test_project_types_are_read_from_codes_and_labels_in_three_languages(
    ctx: AppContext, tmp_path: Path
) -> None:
    lines = [
        "Nom;Date;Mode;Acte;Thème;Type de projet",
        "Durand;02/03/2026;Accueil;RDV préalable;Isolation;Rénovation d'ampleur",
        "Martin;03/03/2026;Tél.;Rendez-vous préalable France Rénov';Chauffage;single_works",
        "Leroy;04/03/2026;Accueil;mpr_appointment;Chauffage;Adapting the home (age, disability)",
        "Petit;05/03/2026;Accueil;RDV préalable;Isolation;مشروع آخر",
        "Roux;06/03/2026;Accueil;Conseil;Isolation;",
    ]
    report = run(ctx, tmp_path / "rdv.csv", lines)
    assert report.rejected == [] and report.consultations_new == 5
    assert stored(ctx) == [
        ("mpr_appointment", "whole_home"),
        ("mpr_appointment", "single_works"),
        ("mpr_appointment", "adaptation"),
        ("mpr_appointment", "other"),
        ("advice", None),
    ]


def test_the_project_type_follows_the_consultations_rules_one_line_a_row(
    ctx: AppContext, tmp_path: Path
) -> None:
    lines = [
        "Nom;Date;Mode;Acte;Thème;Projet",
        "Durand;02/03/2026;Accueil;RDV préalable;Isolation;",  # required for the appointment
        "Martin;03/03/2026;Accueil;Conseil;Isolation;Par geste",  # not for another act
        "Leroy;04/03/2026;Accueil;RDV préalable;Isolation;Ampleur",
    ]
    report = run(ctx, tmp_path / "bad.csv", lines, dry_run=True)
    assert [(p.line, p.field, p.value, p.message) for p in report.rejected] == [
        (2, "project_type", "", "Choose the project this France Rénov' appointment prepares."),
        (3, "project_type", "Par geste", "A project type goes with a France Rénov' appointment "
         "only."),
    ]  # fmt: skip
    assert report.consultations_new == 1
    assert stored(ctx) == []  # a dry run writes nothing


def test_an_unknown_project_is_left_for_the_user_to_map(ctx: AppContext, tmp_path: Path) -> None:
    lines = [
        "Nom;Date;Mode;Acte;Thème;Type de projet",
        "Durand;02/03/2026;Accueil;RDV préalable;Isolation;Véranda",
    ]
    report = run(ctx, tmp_path / "unknown.csv", lines, dry_run=True)
    assert [(u.field, u.value) for u in report.unknown_values] == [("project_type", "Véranda")]


def test_the_appointment_is_refused_outside_france(ctx_ma: AppContext, tmp_path: Path) -> None:
    lines = [
        "Nom;Date;Mode;Acte;Thème;Type de projet",
        "Alaoui;02/03/2026;Accueil;mpr_appointment;Isolation;whole_home",
    ]
    report = run(ctx_ma, tmp_path / "ma.csv", lines, dry_run=True)
    assert [(p.line, p.field) for p in report.rejected] == [(2, "act")]


def test_an_imported_appointment_is_stored_as_the_editor_stores_it(
    ctx: AppContext, tmp_path: Path
) -> None:
    lines = [
        "Nom;Date;Heure;Mode;Acte;Thème;Type de projet",
        "Durand;02/03/2026;10:00;Accueil;RDV préalable;Isolation;Rénovation d'ampleur",
    ]
    run(ctx, tmp_path / "one.csv", lines)
    [imported] = ctx.consultations.between()
    household = ctx.households.search("durand")[0].id
    by_hand = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            act="mpr_appointment",
            project_type="whole_home",
            themes=("insulation",),
            household_id=household,
            occurred_at=datetime(2026, 3, 2, 10, 0),
        )
    )
    columns = [
        c
        for c in Consultation.__table__.columns.keys()  # noqa: SIM118 - names, not columns
        if c not in ("id", "created_at", "updated_at")
    ]
    with ctx.db.read() as session:
        rows = {
            r.id: {c: getattr(r, c) for c in columns} for r in session.scalars(select(Consultation))
        }
    assert rows[imported.id] == rows[by_hand]
