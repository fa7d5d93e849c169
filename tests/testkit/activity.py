"""A small centre with hand-countable activity in March 2024 (see test_stats_engine.py)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice, OutcomeInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext
from testkit.contexts import make_ctx


def march_2024_centre(path: Path | str, country: str = "FR") -> tuple[AppContext, dict[int, int]]:
    ctx = make_ctx(path, country)
    h = {
        n: ctx.households.create(
            HouseholdInput(first_name=f"P{n}", last_name="Test", commune="Lyon", tenure=tenure)
        )
        for n, tenure in ((1, "owner_occupier"), (2, "private_tenant"), (3, "owner_occupier"))
    }

    def add(
        household: int | None,
        when: datetime,
        mode: str,
        minutes: int,
        themes: tuple[str, ...],
        measures: tuple[str, ...] = (),
        follow_up: date | None = None,
    ) -> int:
        return ctx.consultations.add(
            ConsultationInput(
                mode=mode,
                themes=themes,
                household_id=h[household] if household else None,
                act="advice" if household else "info",
                occurred_at=when,
                duration_min=minutes,
                commune="Lyon",
                follow_up_due=follow_up,
                follow_up_action="Rappeler" if follow_up else None,
                measures=tuple(MeasureChoice(m) for m in measures),
            ),
            now=datetime(2024, 6, 1),
        )

    ids = {
        1: add(1, datetime(2024, 2, 29, 23, 59), "walk_in", 30, ("heating",), ("led_lighting",)),
        2: add(
            1,
            datetime(2024, 3, 1, 0, 0),
            "phone",
            20,
            ("heating", "insulation"),
            ("led_lighting",),
            date(2024, 3, 10),
        ),
        3: add(
            2,
            datetime(2024, 3, 15, 10, 0),
            "home_visit",
            60,
            ("insulation",),
            ("attic_insulation", "draught_proofing"),
            date(2024, 3, 31),
        ),
        4: add(None, datetime(2024, 3, 31, 23, 59), "phone", 5, ("heating",)),
        5: add(3, datetime(2024, 4, 1, 0, 0), "walk_in", 15, ("heating",)),
        6: add(
            2, datetime(2024, 3, 20, 9, 0), "walk_in", 45, ("windows",), ("window_replacement",)
        ),
    }
    ctx.consultations.complete_follow_up(ids[2], date(2024, 3, 12))
    ctx.consultations.record_outcome(
        ids[1], OutcomeInput("done", measures_done=("led_lighting",), recorded_on=date(2024, 3, 5))
    )
    ctx.consultations.record_outcome(
        ids[3], OutcomeInput("abandoned", recorded_on=date(2024, 3, 20))
    )
    ctx.consultations.record_outcome(
        ids[6],
        OutcomeInput(
            "decided", measures_decided=("window_replacement",), recorded_on=date(2024, 4, 2)
        ),
    )
    return ctx, ids
