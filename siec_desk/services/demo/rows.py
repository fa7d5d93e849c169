"""One demo consultation's rows: the consultation, its themes, measures and outcome.

Estimates come from the same savings functions the app uses. Draws are made from the
generator's random source in a fixed order, so the same seed gives the same rows.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.parameters import ParameterSet
from siec_desk.domain.savings import EnergyProfile, MeasureRequest, combine, not_applicable_reason
from siec_desk.domain.savings_applicability import overlap_in
from siec_desk.services.demo import samples as s
from siec_desk.services.demo.dpe import DpeDraws
from siec_desk.services.measures import combination_record, to_minor
from siec_desk.storage.base import utc_now

_IDENTIFIED_ACTS = ("advice", "audit", "support", "mpr_appointment")
_APPOINTMENT_MODES = ("walk_in", "phone", "video", "home_visit")


class Picker:
    """Weighted choices from (value, weight) pairs, with precomputed cumulative weights."""

    def __init__(self, rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> None:
        self.rng = rng
        self.values = [p[0] for p in pairs]
        self.cum = list(accumulate(p[1] for p in pairs))

    def __call__(self) -> Any:
        return self.rng.choices(self.values, cum_weights=self.cum)[0]

    def many(self, k: int) -> list[Any]:
        return self.rng.choices(self.values, cum_weights=self.cum, k=k)


def to_minor_int(amount: int, currency: str) -> int:
    return amount * (1000 if currency == "TND" else 100)


class ConsultationRows:
    """Builds consultation, theme, measure and outcome rows, drawing from ``rng``."""

    def __init__(
        self,
        rng: random.Random,
        country: str,
        currency: str,
        until: date,
        params: ParameterSet,
        catalogue: Mapping[str, CatalogueMeasure],
        pick_commune: Picker,
        dpe: DpeDraws,
    ) -> None:
        self.rng = rng
        self.country = country
        self.currency = currency
        self.until = until
        self.params = params
        self.catalogue = catalogue
        self.now = utc_now()
        self.now_local = datetime.now()
        self.pick_commune = pick_commune
        self.dpe = dpe  # appointments and their project: a stream of their own
        self.pick_mode = Picker(
            rng, [m for m in s.MODES if m[0] != "mobile_desk" or self.country != "FR"]
        )
        self.pick_anon_act = Picker(rng, s.ACTS_ANONYMOUS)
        self.pick_act = Picker(rng, s.ACTS_IDENTIFIED)
        self.pick_origin = Picker(rng, s.ORIGINS)
        self.pick_theme = Picker(rng, s.THEMES[self.country])
        # Orientations draw from their own generator, seeded from the main one's state
        # without drawing from it: the rest of the demo stays as it was for a seed.
        self._orientation_rng = random.Random(str(rng.getstate()[1][:8]))
        self.pick_orientation = Picker(self._orientation_rng, s.ORIENTATIONS[self.country])
        self._agenda_rng = random.Random(str(rng.getstate()[1][8:16]))  # times and kinds
        #: Orientation rows built since the caller last took them (:meth:`take_orientations`).
        self.orientation_rows: list[dict[str, Any]] = []

    def _moment(self, day: date) -> datetime:
        """Office hours; never later than now, so no consultation lies in the future."""
        earliest, latest = 9 * 60, 17 * 60 + 30
        if day == self.now_local.date():
            latest = min(latest, self.now_local.hour * 60 + self.now_local.minute - 1)
            earliest = min(earliest, max(0, latest - 60))
        minutes = self.rng.randrange(earliest, max(earliest, latest) + 1)
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def rows(
        self,
        cid: int,
        day: date,
        household: dict[str, Any] | None,
        advisors: list[int],
        measure_id: int,
    ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        r = self.rng
        act = self.pick_act() if household else self.pick_anon_act()
        project = self.dpe.project(act, household, day)
        if project is not None:
            act = "mpr_appointment"
        mode = "event" if act == "awareness" else self.pick_mode()
        if project is not None and mode not in _APPOINTMENT_MODES:
            mode = "walk_in"  # an appointment is held in person, by phone or by video
        if act == "audit" or (mode == "home_visit" and household is None):
            mode = "home_visit" if household else "phone"
        themes = list(dict.fromkeys(self.pick_theme() for _ in range(r.choice((1, 1, 1, 2, 2, 3)))))
        occurred = self._moment(day)
        base = {"info": 8, "advice": 40, "audit": 120, "support": 60, "awareness": 90}.get(act, 45)
        duration = max(2, min(600, int(r.gauss(base, base / 3))))
        row: dict[str, Any] = {
            "id": cid,
            "household_id": household["id"] if household else None,
            "advisor_id": r.choice(advisors),
            "occurred_at": occurred,
            "duration_min": duration,
            "mode": mode,
            "act": act,
            "project_type": project,
            "origin": self.pick_origin() if r.random() < 0.8 else None,
            "commune": household["commune"] if household else self.pick_commune()[0],
            "postal_code": household["postal_code"] if household else None,
            "notes": None,
            "follow_up_action": None,
            "follow_up_due": None,
            "follow_up_status": None,
            "follow_up_done_on": None,
            "follow_up_time": None,  # the agenda (schema 0015): _agenda
            "follow_up_kind": None,
            "follow_up_note": None,
            "follow_up_postponed": None,
            "outcome_due": None,
            "outcome_status": None,
            "outcome_recorded_on": None,
            "outcome_works_amount_minor": None,
            "outcome_aids_minor": None,
            "outcome_abandon_reason": None,
            "created_at": self.now,
            "updated_at": self.now,
            "version": 1,
        }
        theme_rows = [{"consultation_id": cid, "theme": t} for t in themes]
        self._orientations(cid, household is not None, self.dpe.refers_to_mar(project))
        measure_rows: list[dict[str, Any]] = []
        if household and act in _IDENTIFIED_ACTS:
            self._follow_up(row, household, day)
            measure_rows = self._measures(cid, themes, household, measure_id)
            self._outcome(row, day, measure_rows)
        return row, theme_rows, measure_rows

    def _orientations(self, cid: int, identified: bool, to_mar: bool = False) -> None:
        """Where the consultation referred the household: none, or one (sometimes two);
        *to_mar*: a whole-home appointment sends the household to a MAR as well."""
        r = self._orientation_rng
        if r.random() >= s.ORIENTATION_RATE[self.country][0 if identified else 1]:
            codes: set[str] = {"mar"} if to_mar else set()
        else:
            codes = {self.pick_orientation() for _ in range(2 if r.random() < 0.15 else 1)}
            if to_mar:
                codes.add("mar")
        self.orientation_rows.extend({"consultation_id": cid, "code": c} for c in sorted(codes))

    def take_orientations(self) -> list[dict[str, Any]]:
        rows, self.orientation_rows = self.orientation_rows, []
        return rows

    def _follow_up(self, row: dict[str, Any], household: dict[str, Any], day: date) -> None:
        r = self.rng
        if r.random() > 0.35:
            return
        lang = household["letter_language"]
        row["follow_up_action"] = r.choice(s.FOLLOW_UP_ACTIONS[lang])
        due = day + timedelta(days=r.randrange(3, 31))
        row["follow_up_due"] = due
        if due < self.until and r.random() < 0.85:
            row["follow_up_status"] = "done"
            row["follow_up_done_on"] = min(self.until, due + timedelta(days=r.randrange(0, 4)))
        else:
            row["follow_up_status"] = r.choice(
                ("to_call_back", "to_call_back", "appointment_set", "aid_application")
            )
        self._agenda(row)

    def _agenda(self, row: dict[str, Any]) -> None:
        """A kind for every follow-up, a time of day for most (appointments and visits
        always, 9:00 to 17:30 by quarter hours), an occasional postponement; drawn
        apart so the other figures of a seed stay as they were."""
        r = self._agenda_rng
        kind = r.choices(("call_back", "appointment", "visit", "other"), (60, 25, 10, 5))[0]
        row["follow_up_kind"] = kind
        if kind in ("appointment", "visit") or r.random() < 0.6:
            quarter = r.randrange(0, 35)  # 9:00 … 17:30
            row["follow_up_time"] = time(9 + quarter // 4, (quarter % 4) * 15)
        if row["follow_up_status"] != "done" and r.random() < 0.1:
            row["follow_up_postponed"] = 1

    def _measures(
        self, cid: int, themes: list[str], household: dict[str, Any], first_id: int
    ) -> list[dict[str, Any]]:
        r = self.rng
        candidates = [
            code
            for t in themes
            for code in s.MEASURES_BY_THEME.get(t, ())
            if code in self.catalogue
        ]
        if not candidates:
            candidates = [
                c
                for c in ("led_lighting", "standby_cutters", "lower_setpoint_1c", "flow_reducers")
                if c in self.catalogue
            ]
        chosen = list(
            dict.fromkeys(r.sample(candidates, min(len(candidates), r.choice((1, 2, 2, 3, 4)))))
        )
        chosen.sort(key=lambda c: self.catalogue[c].default_priority)
        profile = EnergyProfile(
            self.country,
            household["household_size"],
            household["dwelling_type"],
            household["construction_period"],
            household["surface_m2"],
            household["heating_energy"],
            household["hot_water_energy"],
            None,
            None,
            household["butane_bottles_per_month"],
        )
        # An advisor never recommends what does not apply to the home or would save
        # nothing (a solar water heater where the water is already heated by the sun),
        # two measures on the same roof, nor an alternative that is not the best one.
        chosen = [c for c in chosen if not_applicable_reason(c, profile, self.params) is None]
        overlap = overlap_in(chosen)
        if overlap:
            chosen.remove(overlap[-1])
        if not chosen:
            return []
        result = combine([MeasureRequest(self.catalogue[c]) for c in chosen], profile, self.params)
        useful = [m.code for m in result.measures if m.counted and m.kwh_per_year > 0]
        if not useful:
            return []
        if useful != chosen:
            requests = [MeasureRequest(self.catalogue[c]) for c in useful]
            result = combine(requests, profile, self.params)
        rows = []
        for i, share in enumerate(result.measures):
            code = share.code
            rows.append(
                {
                    "id": first_id + i,
                    "consultation_id": cid,
                    "measure_code": code,
                    "priority": i + 1,
                    "parameters": {},
                    "kwh_per_year": share.kwh_per_year,
                    "money_per_year_minor": to_minor(share.money_per_year, result.currency),
                    "currency": result.currency,
                    "co2_kg_per_year": share.co2_kg_per_year,
                    "cost_minor": to_minor(share.cost, result.currency) if share.cost else None,
                    "payback_years": share.payback_years,
                    "parameter_set_version": result.parameter_set_version,
                    "assumptions": list(share.assumptions),
                    "combination": combination_record(share, result, self.catalogue[code]),
                    "status": "recommended",
                    "created_at": self.now,
                }
            )
        return rows

    def _outcome(self, row: dict[str, Any], day: date, measures: list[dict[str, Any]]) -> None:
        r = self.rng
        due = day + timedelta(days=183)
        row["outcome_due"] = due
        if due > self.until or r.random() > 0.7:
            return
        status = Picker(
            r, (("done", 14), ("decided", 12), ("nothing_yet", 50), ("abandoned", 24))
        )()
        row["outcome_status"] = status
        row["outcome_recorded_on"] = min(self.until, due + timedelta(days=r.randrange(0, 30)))
        scale = {"EUR": 1, "MAD": 10, "TND": 3}.get(self.currency, 1)
        if status in ("done", "decided") and measures:
            for m in measures[: r.randrange(1, len(measures) + 1)]:
                m["status"] = status
            amount = r.randrange(300, 30_000) * scale
            row["outcome_works_amount_minor"] = to_minor_int(amount, self.currency)
            if self.country == "FR" or r.random() < 0.3:
                row["outcome_aids_minor"] = to_minor_int(
                    int(amount * r.uniform(0, 0.5)), self.currency
                )
        elif status == "abandoned":
            row["outcome_abandon_reason"] = r.choice(
                ("cost", "landlord refused", "moved", "no installer available", "other priorities")
            )
