"""Fill a database with realistic demo data, fast and deterministically for a seed.

Rows are built in Python and written with Core ``executemany`` in one transaction
(the ORM would be ~10× slower at 100k households); the search index is rebuilt once
at the end instead of by triggers on every row. Estimates come from the same savings
functions the app uses. Same seed, same end date → same data.
"""

from __future__ import annotations

import random
import time as clock
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import func, insert, select

from siec_desk.domain import normalise
from siec_desk.domain.savings import EnergyProfile, estimate
from siec_desk.services.app import AppContext
from siec_desk.services.demo import samples as s
from siec_desk.services.measures import to_minor
from siec_desk.storage.base import utc_now
from siec_desk.storage.models import (
    Consultation,
    ConsultationTheme,
    Household,
    RecommendedMeasure,
)

Progress = Callable[[int, int, str], None]
_CHUNK = 20_000
_IDENTIFIED_ACTS = ("advice", "audit", "support")
_MAIL_DOMAINS = ("gmail.com", "orange.fr", "yahoo.fr", "hotmail.com", "menara.ma", "topnet.tn")


@dataclass(frozen=True)
class DemoOptions:
    households: int
    consultations: int | None = None  # default: 3 per household
    seed: int = 1
    years: int = 2
    until: date | None = None  # default: today


@dataclass(frozen=True)
class DemoReport:
    households: int
    consultations: int
    measures: int
    seconds: float


class _Picker:
    """Weighted choices from (value, weight) pairs, with precomputed cumulative weights."""

    def __init__(self, rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> None:
        self.rng = rng
        self.values = [p[0] for p in pairs]
        self.cum = list(accumulate(p[1] for p in pairs))

    def __call__(self) -> Any:
        return self.rng.choices(self.values, cum_weights=self.cum)[0]

    def many(self, k: int) -> list[Any]:
        return self.rng.choices(self.values, cum_weights=self.cum, k=k)


def _next_id(connection: Any, column: Any) -> int:
    return int(connection.execute(select(func.coalesce(func.max(column), 0))).scalar()) + 1


class _Generator:
    def __init__(self, ctx: AppContext, options: DemoOptions) -> None:
        self.ctx = ctx
        self.options = options
        self.country = ctx.centre.country
        self.rng = random.Random(options.seed)
        self.until = options.until or date.today()
        self.start = self.until - timedelta(days=365 * max(1, options.years))
        self.params = ctx.reference.parameters(self.country, self.until)
        self.catalogue = {m.code: m for m in ctx.reference.measures_for(self.country)}
        self.currency = ctx.centre.currency
        self.now = utc_now()
        self.now_local = datetime.now()
        r = self.rng
        self.pick_day = _Picker(r, self._day_weights())
        self.pick_mode = _Picker(
            r, [m for m in s.MODES if m[0] != "mobile_desk" or self.country != "FR"]
        )
        self.pick_anon_act = _Picker(r, s.ACTS_ANONYMOUS)
        self.pick_act = _Picker(r, s.ACTS_IDENTIFIED)
        self.pick_origin = _Picker(r, s.ORIGINS)
        self.pick_theme = _Picker(r, s.THEMES[self.country])
        self.pick_commune = _Picker(r, [((c, z), w) for c, z, w in s.COMMUNES[self.country]])
        self.pick_heating = _Picker(r, s.HEATING[self.country])
        self.pick_hot_water = _Picker(r, s.HOT_WATER[self.country])
        self.pick_dwelling = _Picker(r, s.DWELLINGS[self.country])
        self.pick_period = _Picker(r, s.PERIODS)
        self.pick_tenure = _Picker(r, s.TENURES)
        self.pick_band = _Picker(r, s.INCOME_BANDS)

    def _day_weights(self) -> list[tuple[date, float]]:
        season = s.SEASON[self.country]
        weekday = (1.0, 1.0, 1.0, 1.0, 0.9, 0.25, 0.0)
        days = []
        day = self.start
        while day <= self.until:
            days.append((day, season[day.month - 1] * weekday[day.weekday()]))
            day += timedelta(days=1)
        return days

    # -- households ------------------------------------------------------------------
    def _name(self) -> tuple[str, str, str]:
        """(first, last, e-mail stem); the stem is Latin even for Arabic-script names."""
        r = self.rng.random()
        if self.country == "FR":
            style = "fr" if r < 0.8 else "latin" if r < 0.95 else "arabic"
        else:
            style = "arabic" if r < 0.55 else "latin" if r < 0.95 else "fr"
        pools = {
            "fr": (s.FRENCH_FIRST, s.FRENCH_LAST),
            "latin": (s.MAGHREB_FIRST_LATIN, s.MAGHREB_LAST_LATIN),
            "arabic": (s.ARABIC_FIRST, s.ARABIC_LAST),
        }
        firsts, lasts = pools[style]
        first, last = self.rng.choice(firsts), self.rng.choice(lasts)
        if style == "arabic":
            stem = (
                f"{self.rng.choice(s.MAGHREB_FIRST_LATIN)}.{self.rng.choice(s.MAGHREB_LAST_LATIN)}"
            )
        else:
            stem = f"{first}.{last}"
        return first, last, normalise.fold(stem).replace(" ", "")

    def _phone(self) -> str:
        r = self.rng
        country = self.country
        if r.random() < 0.06:  # a number from another of the three countries
            country = r.choice([c for c in ("FR", "MA", "TN") if c != self.country])
        if country == "FR":
            return f"+33{r.choice('67')}{r.randrange(10**8):08d}"
        if country == "MA":
            return f"+212{r.choice('67')}{r.randrange(10**8):08d}"
        return f"+216{r.choice('259')}{r.randrange(10**7):07d}"

    def household_row(self, household_id: int, first_seen: date) -> dict[str, Any]:
        r = self.rng
        anonymous_name = r.random() < 0.04
        first, last, stem = self._name()
        phone = self._phone() if r.random() < 0.9 else None
        email = f"{stem}{r.randrange(100)}@{r.choice(_MAIL_DOMAINS)}" if r.random() < 0.35 else None
        commune, postal = self.pick_commune()
        size = r.choice((1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6))
        dwelling = self.pick_dwelling()
        surface = round(r.uniform(25, 70) if dwelling == "apartment" else r.uniform(55, 160))
        first_name = None if anonymous_name else first
        last_name = None if anonymous_name else last
        income = r.randrange(9_000, 90_000) if self.country == "FR" and r.random() < 0.7 else None
        band = (
            self.ctx.reference.french_income_category(size, income, False)
            if self.country == "FR"
            else self.pick_band()
        )
        created = datetime.combine(first_seen, time(9)).astimezone()
        return {
            "id": household_id,
            "first_name": first_name,
            "last_name": last_name,
            "phone": phone,
            "email": email,
            "address": f"{r.randrange(1, 180)} {r.choice(('rue', 'avenue', 'bd'))} "
            f"{r.choice(s.FRENCH_LAST)}"
            if r.random() < 0.5
            else None,
            "commune": commune,
            "postal_code": postal,
            "country": self.country,
            "tenure": self.pick_tenure(),
            "household_size": size,
            "reference_income": income,
            "ile_de_france": False,
            "income_category": band,
            "dwelling_type": dwelling,
            "construction_period": self.pick_period(),
            "surface_m2": float(surface),
            "heating_energy": self.pick_heating(),
            "hot_water_energy": self.pick_hot_water(),
            "heating_kwh_per_year": None,
            "electricity_kwh_per_year": None,
            "annual_energy_bill_minor": None,
            "butane_bottles_per_month": (
                float(r.choice((1, 2, 2, 3, 4))) if self.country != "FR" else None
            ),
            "letter_language": (
                "fr"
                if self.country == "FR" and last not in s.ARABIC_LAST
                else "ar"
                if last in s.ARABIC_LAST or r.random() < 0.5
                else "fr"
            ),
            "consent_recontact_on": first_seen if r.random() < 0.6 else None,
            "consent_wording": None,
            "notes": None,
            "search_text": normalise.search_text(first_name, last_name, phone, email, commune),
            "created_at": created,
            "updated_at": created,
            "version": 1,
        }

    # -- consultations ---------------------------------------------------------------
    def _moment(self, day: date) -> datetime:
        """Office hours; never later than now, so no consultation lies in the future."""
        earliest, latest = 9 * 60, 17 * 60 + 30
        if day == self.now_local.date():
            latest = min(latest, self.now_local.hour * 60 + self.now_local.minute - 1)
            earliest = min(earliest, max(0, latest - 60))
        minutes = self.rng.randrange(earliest, max(earliest, latest) + 1)
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def consultation_rows(
        self,
        cid: int,
        day: date,
        household: dict[str, Any] | None,
        advisors: list[int],
        measure_id: int,
    ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        r = self.rng
        act = self.pick_act() if household else self.pick_anon_act()
        mode = "event" if act == "awareness" else self.pick_mode()
        if act == "audit" or (mode == "home_visit" and household is None):
            mode = "home_visit" if household else "phone"
        themes = list(dict.fromkeys(self.pick_theme() for _ in range(r.choice((1, 1, 1, 2, 2, 3)))))
        occurred = self._moment(day)
        base = {"info": 8, "advice": 40, "audit": 120, "support": 60, "awareness": 90}[act]
        duration = max(2, min(600, int(r.gauss(base, base / 3))))
        row: dict[str, Any] = {
            "id": cid,
            "household_id": household["id"] if household else None,
            "advisor_id": r.choice(advisors),
            "occurred_at": occurred,
            "duration_min": duration,
            "mode": mode,
            "act": act,
            "origin": self.pick_origin() if r.random() < 0.8 else None,
            "commune": household["commune"] if household else self.pick_commune()[0],
            "postal_code": household["postal_code"] if household else None,
            "notes": None,
            "follow_up_action": None,
            "follow_up_due": None,
            "follow_up_status": None,
            "follow_up_done_on": None,
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
        measure_rows: list[dict[str, Any]] = []
        if household and act in _IDENTIFIED_ACTS:
            self._follow_up(row, household, day)
            measure_rows = self._measures(cid, themes, household, measure_id)
            self._outcome(row, day, measure_rows)
        return row, theme_rows, measure_rows

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
        rows = []
        for i, code in enumerate(chosen):
            result = estimate(self.catalogue[code], profile, self.params)
            rows.append(
                {
                    "id": first_id + i,
                    "consultation_id": cid,
                    "measure_code": code,
                    "priority": i + 1,
                    "parameters": {},
                    "kwh_per_year": round(result.kwh_per_year, 1),
                    "money_per_year_minor": to_minor(result.money_per_year, result.currency),
                    "currency": result.currency,
                    "co2_kg_per_year": round(result.co2_kg_per_year, 1),
                    "cost_minor": to_minor(result.cost, result.currency) if result.cost else None,
                    "payback_years": round(result.payback_years, 1)
                    if result.payback_years
                    else None,
                    "parameter_set_version": result.parameter_set_version,
                    "assumptions": list(result.assumptions),
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
        status = _Picker(
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


def to_minor_int(amount: int, currency: str) -> int:
    return amount * (1000 if currency == "TND" else 100)


def _ensure_advisors(ctx: AppContext) -> list[int]:
    advisors = ctx.centres.advisors()
    if not advisors:
        for name in s.ADVISORS[ctx.centre.country]:
            ctx.centres.add_advisor(name)
        advisors = ctx.centres.advisors()
    return [a.id for a in advisors]


def generate_demo(
    ctx: AppContext, options: DemoOptions, progress: Progress | None = None
) -> DemoReport:
    """Add *options.households* households and their consultations to *ctx*'s database."""
    started = clock.perf_counter()
    gen = _Generator(ctx, options)
    advisors = _ensure_advisors(ctx)
    n_households = max(0, options.households)
    n_consultations = (
        options.consultations if options.consultations is not None else 3 * n_households
    )
    report = progress or (lambda done, total, what: None)
    with ctx.db.write_connection() as conn, ctx.db.search.bulk_load(conn):
        hid = _next_id(conn, Household.id)
        cid = _next_id(conn, Consultation.id)
        mid = _next_id(conn, RecommendedMeasure.id)
        first_days: list[date] = sorted(gen.pick_day.many(n_households))
        households = [gen.household_row(hid + i, d) for i, d in enumerate(first_days)]
        for i in range(0, len(households), _CHUNK):
            conn.execute(insert(Household), households[i : i + _CHUNK])
            report(i + _CHUNK, n_households, "households")
        # Every household comes once; the rest are returns (40 %) or anonymous calls.
        plan: list[tuple[date, dict[str, Any] | None]] = []
        plan.extend(zip(first_days[:n_consultations], households, strict=False))
        extra = n_consultations - len(plan)
        rng = gen.rng
        for day in gen.pick_day.many(max(0, extra)):
            if households and rng.random() < 0.4:
                h = households[rng.randrange(len(households))]
                seen = h["created_at"].date()
                day = day if day >= seen else seen + timedelta(days=rng.randrange(0, 60))
                plan.append((min(day, gen.until), h))
            else:
                plan.append((day, None))
        plan.sort(key=lambda p: p[0])
        n_measures = 0
        batch: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]] = (
            [],
            [],
            [],
        )
        for i, (day, household) in enumerate(plan):
            row, themes, measures = gen.consultation_rows(
                cid + i, day, household, advisors, mid + n_measures
            )
            n_measures += len(measures)
            batch[0].append(row)
            batch[1].extend(themes)
            batch[2].extend(measures)
            if len(batch[0]) >= _CHUNK or i == len(plan) - 1:
                conn.execute(insert(Consultation), batch[0])
                conn.execute(insert(ConsultationTheme), batch[1])
                if batch[2]:
                    conn.execute(insert(RecommendedMeasure), batch[2])
                batch = ([], [], [])
                report(i + 1, n_consultations, "consultations")
    return DemoReport(n_households, len(plan), n_measures, clock.perf_counter() - started)


__all__ = ["DemoOptions", "DemoReport", "generate_demo"]
