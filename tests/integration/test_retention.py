"""Retention: who is past the period, and the purge (anonymise keeps the statistics, delete
removes everything), with its audit record and the letter files gone after the commit."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from testkit.activity import march_2024_centre
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.databases import Databases
from testkit.privacy import PERSONAL, personal_household

from siec_desk.core.errors import ValidationError
from siec_desk.domain.activity_period import Period, month, year
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext
from siec_desk.services.privacy_ops import PurgeCancelledError
from siec_desk.storage.models import (
    AuditEvent,
    Consultation,
    ConsultationTheme,
    Household,
    Letter,
    RecommendedMeasure,
)

pytestmark = pytest.mark.both_backends

TODAY = date(2024, 6, 1)  # with 3 years: last contact before 1 June 2021 is due


@pytest.fixture
def centre(new_db: Databases) -> Iterator[AppContext]:
    context = make_ctx(new_db("centre"), "FR")
    context.retention.today = lambda: TODAY
    yield context
    context.close()


def _visit(ctx: AppContext, household_id: int, when: datetime) -> int:
    return ctx.consultations.add(
        ConsultationInput(
            mode="walk_in", themes=("heating",), household_id=household_id, occurred_at=when
        ),
        now=when,
    )


def _created_on(ctx: AppContext, household_id: int, when: datetime) -> None:
    with ctx.db.write() as session:
        session.execute(
            update(Household)
            .where(Household.id == household_id)
            .values(created_at=when.replace(tzinfo=UTC))
        )


def test_last_contact_is_the_latest_consultation_else_the_day_recorded(centre: AppContext) -> None:
    add = centre.households.create
    old = add(HouseholdInput(last_name="Ancien", commune="Brest"))
    _visit(centre, old, datetime(2020, 1, 10, 9, 0))
    came_back = add(HouseholdInput(last_name="Revenu"))
    _visit(centre, came_back, datetime(2019, 5, 1, 9, 0))
    _visit(centre, came_back, datetime(2023, 2, 1, 9, 0))
    never_seen = add(HouseholdInput(last_name="Jamais"))
    _created_on(centre, never_seen, datetime(2018, 7, 1, 8, 0))
    on_the_day = add(HouseholdInput(last_name="Limite"))
    _visit(centre, on_the_day, datetime(2021, 6, 1, 0, 0))  # last contact + 3 years == today
    day_before = add(HouseholdInput(last_name="Veille"))
    _visit(centre, day_before, datetime(2021, 5, 31, 23, 59))
    add(HouseholdInput(last_name="Nouveau"))  # recorded today: not due

    due = centre.retention.due()

    assert [h.id for h in due] == [never_seen, old, day_before]  # longest silent first
    first = due[1]
    assert (first.last_contact, first.name, first.commune, first.consultations) == (
        date(2020, 1, 10),
        "Ancien",
        "Brest",
        1,
    )
    assert centre.retention.cutoff() == date(2021, 6, 1)
    assert [h.id for h in centre.retention.due(date(2024, 6, 2))][-1] == on_the_day


def test_the_period_is_between_one_and_ten_years_and_changes_who_is_due(
    centre: AppContext,
) -> None:
    household = centre.households.create(HouseholdInput(last_name="Ancien"))
    _visit(centre, household, datetime(2020, 1, 10, 9, 0))
    assert centre.retention.period() == 3
    for wrong in (0, 11, None):
        with pytest.raises(ValidationError) as caught:
            centre.retention.set_period(wrong)
        assert caught.value.for_field("retention_years")
    assert centre.retention.period() == 3

    centre.retention.set_period(5)

    assert centre.retention.period() == 5
    assert centre.retention.due() == []
    event = centre.audit.events(object_type="centre")[0]
    assert (event.action, event.details["retention_years"]) == ("update", 5)
    assert event.details["retention_years_before"] == 3


def test_anonymising_keeps_the_statistics_and_drops_identity_contacts_and_free_text(
    new_db: Databases,
) -> None:
    ctx, _ids = march_2024_centre(new_db("stats"))
    person = personal_household(ctx, datetime(2024, 3, 4, 10, 0), datetime(2024, 3, 20, 15, 30))
    ctx.retention.today = lambda: date(2027, 6, 1)
    periods: list[Period] = [month(date(2024, 3, 1)), year(2024)]
    before = [ctx.stats.summary(p) for p in periods]
    by_commune = ctx.stats.indicators(year(2024), ("commune",))
    by_tenure = ctx.stats.indicators(year(2024), ("tenure",))
    due = ctx.retention.due_ids()
    assert person.household_id in due and len(due) == 4
    assert person.letter.path.exists()

    result = ctx.retention.anonymise(due)

    assert (result.households, result.consultations, result.letters) == (4, 7, 1)
    assert figures([ctx.stats.summary(p) for p in periods]) == figures(before)
    assert figures(ctx.stats.indicators(year(2024), ("commune",))) == figures(by_commune)
    assert figures(ctx.stats.indicators(year(2024), ("tenure",))) == figures(by_tenure)
    with ctx.db.read() as session:
        h = session.get(Household, person.household_id)
        assert h is not None and h.anonymised_at is not None
        assert (h.first_name, h.last_name, h.phone, h.email, h.address) == (None,) * 5
        assert (h.notes, h.consent_wording, h.consent_recontact_on, h.reference_income) == (
            None,
        ) * 4
        assert h.search_text == ""
        assert (h.commune, h.tenure, h.dwelling_type, h.household_size) == (
            "Quimper",
            "owner_occupier",
            "house",
            1,
        )
        for c in session.scalars(
            select(Consultation).where(Consultation.household_id == person.household_id)
        ):
            assert (c.notes, c.follow_up_action, c.outcome_abandon_reason) == (None, None, None)
            assert c.commune == "Quimper" and c.duration_min in (50, 15)
        assert session.scalar(select(func.count(RecommendedMeasure.id))) > 0
        assert session.scalar(select(func.count(Letter.id))) == 0
    assert not person.letter.path.exists()
    for word in (PERSONAL["last_name"], PERSONAL["phone"], "Quéméneur", "gwen"):
        assert ctx.households.search(word) == []
    assert person.household_id not in [h.id for h in ctx.households.page(0, 100)]
    assert ctx.households.count() == 0
    assert ctx.retention.due() == []
    event = ctx.audit.events(action="purge_anonymise")[0]
    assert event.details["households"] == 4 and event.details["consultations"] == 7
    assert event.details["retention_years"] == 3 and event.details["cutoff"] == "2024-06-01"
    ctx.close()


def test_deleting_removes_households_consultations_measures_letters_and_files(
    centre: AppContext,
) -> None:
    person = personal_household(centre)
    keep = centre.households.create(HouseholdInput(last_name="Récent"))
    _visit(centre, keep, datetime(2024, 5, 2, 10, 0))
    anonymous = centre.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), occurred_at=datetime(2019, 1, 2)),
        now=datetime(2019, 1, 2),
    )
    person.letter.path.unlink()  # a file already gone is not an error

    result = centre.retention.delete(centre.retention.due_ids())

    assert (result.households, result.consultations, result.letters) == (1, 2, 1)
    with centre.db.read() as session:
        assert session.get(Household, person.household_id) is None
        assert session.scalar(select(func.count(RecommendedMeasure.id))) == 0
        themes = session.scalars(select(ConsultationTheme.consultation_id)).all()
        assert set(themes) == set(
            session.scalars(select(Consultation.id)).all()
        )  # no orphan themes
        assert session.scalar(select(func.count(Letter.id))) == 0
        assert session.get(Consultation, anonymous) is not None  # not a household's
    assert [h.id for h in centre.households.page(0, 10)] == [keep]
    assert centre.audit.events(action="purge_delete")[0].details["households"] == 1


def test_letter_files_go_only_once_the_purge_committed(
    centre: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = personal_household(centre)
    original = centre.audit.record_in

    def failing(*args: object, **kwargs: object) -> None:
        original(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    monkeypatch.setattr(centre.audit, "record_in", failing)
    with pytest.raises(RuntimeError):
        centre.retention.delete([person.household_id])
    assert person.letter.path.exists()
    assert centre.households.get(person.household_id).summary.last_name == PERSONAL["last_name"]


def test_a_cancelled_purge_changes_nothing(centre: AppContext) -> None:
    person = personal_household(centre)
    steps: list[tuple[int, int]] = []

    with pytest.raises(PurgeCancelledError):
        centre.retention.anonymise(
            [person.household_id],
            progress=lambda d, t: steps.append((d, t)),
            cancelled=lambda: True,
        )

    assert centre.households.get(person.household_id).summary.first_name == PERSONAL["first_name"]
    assert person.letter.path.exists()
    with centre.db.read() as session:
        assert (
            session.scalar(
                select(func.count(AuditEvent.id)).where(AuditEvent.action.like("purge%"))
            )
            == 0
        )


def test_progress_is_reported_and_already_anonymised_households_are_left(
    centre: AppContext,
) -> None:
    ids = [centre.households.create(HouseholdInput(last_name=f"N{i}")) for i in range(3)]
    for household_id in ids:
        _created_on(centre, household_id, datetime(2015, 1, 1))
    steps: list[tuple[int, int]] = []

    first = centre.retention.anonymise(ids, progress=lambda d, t: steps.append((d, t)))
    again = centre.retention.anonymise(ids)

    assert first.households == 3 and again.households == 0
    assert steps[-1] == (3, 3)
    assert len(centre.audit.events(action="purge_anonymise")) == 1  # nothing done: no event


def test_cli_purge_dry_run_lists_ids_only_then_purge_anonymises(
    new_db: Databases, capsys: pytest.CaptureFixture[str]
) -> None:
    db = new_db("cli")
    ctx = make_ctx(db, "FR")
    person = personal_household(ctx)
    recent = ctx.households.create(HouseholdInput(last_name="Récent"))
    _visit(ctx, recent, datetime.now() - timedelta(days=30))
    ctx.close()
    cli = Cli(db, capsys)

    dry = cli.json("privacy", "purge", "--dry-run")
    code, out, err = cli("privacy", "purge", "--dry-run")

    assert isinstance(dry, dict)
    assert dry["dry_run"] is True and dry["households"] == 1
    assert dry["due"] == [
        {"id": person.household_id, "last_contact": "2019-09-20", "consultations": 2}
    ]
    assert code == 0 and err == ""
    assert "1 household is past the retention period" in out
    assert PERSONAL["last_name"] not in out + json.dumps(dry, ensure_ascii=False)

    done = cli.json("privacy", "purge")

    assert isinstance(done, dict) and done["households"] == 1 and done["mode"] == "anonymise"
    assert cli.json("privacy", "purge", "--dry-run")["households"] == 0  # type: ignore[index]
    code, out, _err = cli("privacy", "purge", "--delete")
    assert code == 0 and "0 households deleted" in out


def test_anonymising_drops_what_re_identifies_and_keeps_every_dashboard_figure(
    new_db: Databases,
) -> None:
    """MEDIUM-9: no time of day, no creation date, surface and size as classes, no
    consumption figures, no audit links; the dashboards are the same before and after."""
    from siec_desk.domain.activity_dimensions import DIMENSIONS
    from siec_desk.services.activity.dashboard import load_dashboard
    from siec_desk.services.activity.engine import PARTS as ENGINE_PARTS

    ctx, _ids = march_2024_centre(new_db("reident"))
    person = personal_household(ctx, datetime(2024, 3, 4, 10, 17), datetime(2024, 3, 20, 15, 34))
    with ctx.db.write() as session:
        session.execute(
            update(Household)
            .where(Household.id == person.household_id)
            .values(
                surface_m2=43.5,
                household_size=7,
                heating_kwh_per_year=12_345.0,
                annual_energy_bill_minor=187_600,
            )
        )
    ctx.retention.today = lambda: date(2027, 6, 1)
    periods = [month(date(2024, 3, 1)), year(2024), Period(date(2024, 3, 4), date(2024, 3, 19))]

    def dashboards() -> list[object]:
        return [
            load_dashboard(ctx.stats, p, tuple(DIMENSIONS), workers=1, breakdown_parts=ENGINE_PARTS)
            for p in periods
        ]

    before = dashboards()
    ctx.retention.anonymise(ctx.retention.due_ids())

    assert figures(dashboards()) == figures(before)
    with ctx.db.read() as session:
        h = session.get(Household, person.household_id)
        assert h is not None
        assert (h.surface_m2, h.household_size) == (25.0, 5)  # the classes 25–49 m², 5+
        assert (h.heating_kwh_per_year, h.annual_energy_bill_minor, h.postal_code) == (
            None,
            None,
            None,
        )
        assert (h.created_at.day, h.created_at.hour, h.created_at.minute) == (1, 0, 0)
        times = session.execute(
            select(Consultation.occurred_at, Consultation.created_at).where(
                Consultation.household_id == person.household_id
            )
        ).all()
        assert sorted(t[0] for t in times) == [datetime(2024, 3, 4), datetime(2024, 3, 20)]
        assert all((t[1].hour, t[1].minute, t[1].second) == (0, 0, 0) for t in times)
        params = session.scalars(
            select(RecommendedMeasure.parameters).where(
                RecommendedMeasure.consultation_id.in_(person.consultation_ids)
            )
        ).all()
        assert params and all(p == {} for p in params)
        linked = session.scalar(
            select(func.count(AuditEvent.id)).where(
                (
                    (AuditEvent.object_type == "household")
                    & (AuditEvent.object_id == person.household_id)
                )
                | (
                    (AuditEvent.object_type == "consultation")
                    & AuditEvent.object_id.in_(person.consultation_ids)
                )
            )
        )
        assert linked == 0
    ctx.close()


def figures(value: object) -> object:
    """Figures as compared: floats to 6 decimals (PostgreSQL sums floats in storage order,
    which an UPDATE changes: 11733.8 vs 11733.800000000001), everything else exactly."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple((f.name, figures(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return {k: figures(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [figures(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value
