"""Fill a database with realistic demo data, fast and deterministically for a seed.

Rows are built in Python and written with Core ``executemany`` in one transaction
(the ORM would be ~10× slower at 100k households); the search index is rebuilt once
at the end instead of by triggers on every row. Estimates come from the same savings
functions the app uses. Same seed, same end date → same data.
"""

from __future__ import annotations

import random
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import func, insert, select

from siec_desk.core.formatting import currency_digits
from siec_desk.domain import normalise
from siec_desk.services.app import AppContext
from siec_desk.services.demo import samples as s
from siec_desk.services.demo import samples_people as people
from siec_desk.services.demo.dpe import DpeDraws
from siec_desk.services.demo.events import DemoEvents
from siec_desk.services.demo.loans import add_loans
from siec_desk.services.demo.readings import reading_rows
from siec_desk.services.demo.rows import ConsultationRows, Picker
from siec_desk.storage import planner_stats
from siec_desk.storage.models import (
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
    ConsumptionReading,
    Event,
    EventAdvisor,
    EventAudience,
    EventTheme,
    Household,
    Loan,
    LoanItem,
    RecommendedMeasure,
)
from siec_desk.storage.sequences import reset_sequences

Progress = Callable[[int, int, str], None]
_CHUNK = 20_000
_MAIL_DOMAINS = ("gmail.com", "orange.fr", "yahoo.fr", "hotmail.com", "menara.ma", "topnet.tn")


#: Mobile numbers: (country code, first digits of the national number, its length).
_MOBILE = {"FR": ("33", "67", 9), "MA": ("212", "67", 9), "TN": ("216", "259", 8)}


@cache
def mobile_prefixes(country: str) -> tuple[str, ...]:
    """The 3-digit starts of mobile numbers the app's own validation accepts (the
    phonenumbers metadata: +33 690 is Guadeloupe's, +33 70x and +212 79x are not
    allocated…), checked once on a fixed sample of each start's numbers."""
    import phonenumbers

    code, firsts, digits = _MOBILE[country]
    sample = random.Random(0)
    suffixes = [f"{sample.randrange(10 ** (digits - 3)):0{digits - 3}d}" for _ in range(12)]
    return tuple(
        prefix
        for prefix in (f"{first}{n:02d}" for first in firsts for n in range(100))
        if all(
            phonenumbers.is_valid_number(phonenumbers.parse(f"+{code}{prefix}{suffix}"))
            for suffix in suffixes
        )
    )


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
        r = self.rng
        self.pick_day = Picker(r, self._day_weights())
        self.pick_commune = Picker(r, [((c, z), w) for c, z, w in people.COMMUNES[self.country]])
        self.pick_heating = Picker(r, s.HEATING[self.country])
        self.pick_hot_water = Picker(r, s.HOT_WATER[self.country])
        self.pick_dwelling = Picker(r, s.DWELLINGS[self.country])
        self.pick_period = Picker(r, s.PERIODS)
        self.pick_tenure = Picker(r, s.TENURES)
        self.pick_band = Picker(r, s.INCOME_BANDS)
        self.dpe = DpeDraws(options.seed)
        self.consultations = ConsultationRows(
            r,
            self.country,
            self.currency,
            self.until,
            self.params,
            self.catalogue,
            self.pick_commune,
            self.dpe,
        )

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
            "fr": (people.FRENCH_FIRST, people.FRENCH_LAST),
            "latin": (people.MAGHREB_FIRST_LATIN, people.MAGHREB_LAST_LATIN),
            "arabic": (people.ARABIC_FIRST, people.ARABIC_LAST),
        }
        firsts, lasts = pools[style]
        first, last = self.rng.choice(firsts), self.rng.choice(lasts)
        if style == "arabic":
            latin_first = self.rng.choice(people.MAGHREB_FIRST_LATIN)
            stem = f"{latin_first}.{self.rng.choice(people.MAGHREB_LAST_LATIN)}"
        else:
            stem = f"{first}.{last}"
        return first, last, normalise.fold(stem).replace(" ", "")

    def _phone(self) -> str:
        r = self.rng
        country = self.country
        if r.random() < 0.06:  # a number from another of the three countries
            country = r.choice([c for c in ("FR", "MA", "TN") if c != self.country])
        code, firsts, digits = _MOBILE[country]
        rest = f"{r.choice(firsts)}{r.randrange(10 ** (digits - 1)):0{digits - 1}d}"
        starts = mobile_prefixes(country)
        if rest[:3] not in starts:  # an unallocated range: move it, drawing nothing more
            rest = starts[int(rest) % len(starts)] + rest[3:]
        return f"+{code}{rest}"

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
            f"{r.choice(people.FRENCH_LAST)}"
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
            **self.dpe.label(self.country, postal, first_seen),
            "butane_bottles_per_month": (
                float(r.choice((1, 2, 2, 3, 4))) if self.country != "FR" else None
            ),
            "letter_language": (
                "fr"
                if self.country == "FR" and last not in people.ARABIC_LAST
                else "ar"
                if last in people.ARABIC_LAST or r.random() < 0.5
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


def _ensure_advisors(ctx: AppContext) -> list[int]:
    advisors = ctx.centres.advisors()
    if not advisors:
        for name in people.ADVISORS[ctx.centre.country]:
            ctx.centres.add_advisor(name)
        advisors = ctx.centres.advisors()
    return [a.id for a in advisors]


def _add_readings(conn: Any, gen: _Generator, households: list[dict[str, Any]]) -> None:
    """Monthly bills for some households (``demo/readings.py``; their own random stream)."""
    rng = random.Random(f"readings-{gen.options.seed}")
    digits = currency_digits(gen.currency)
    rows = [
        row
        for h in households
        for row in reading_rows(
            rng, gen.country, digits, gen.currency, h["id"], h["created_at"].date(), gen.until
        )
    ]
    for i in range(0, len(rows), _CHUNK):
        conn.execute(insert(ConsumptionReading), rows[i : i + _CHUNK])


def _add_events(conn: Any, gen: _Generator, advisors: list[int]) -> DemoEvents:
    """A few events a month (``demo/events.py``; their own random stream)."""
    events = DemoEvents(gen.options.seed, gen.country, gen.start, gen.until)
    communes = [(c, z) for c, z, _w in people.COMMUNES[gen.country]]
    rows = events.rows(_next_id(conn, Event.id), advisors, communes)
    tables = (Event, EventAudience, EventTheme, EventAdvisor)
    for table, key in zip(tables, ("events", "audiences", "themes", "advisors"), strict=True):
        if rows[key]:
            conn.execute(insert(table), rows[key])
    return events


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
    report = progress or (lambda *_args: None)
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
                if day < seen:  # a return visit comes after the first one, never later than today
                    day = seen + timedelta(days=rng.randrange(0, (gen.until - seen).days + 1))
                plan.append((day, h))
            else:
                plan.append((day, None))
        plan.sort(key=lambda p: p[0])
        events = _add_events(conn, gen, advisors)
        n_measures = 0
        batch: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]] = (
            [],
            [],
            [],
        )
        for i, (day, household) in enumerate(plan):
            row, themes, measures = gen.consultations.rows(
                cid + i, day, household, advisors, mid + n_measures
            )
            n_measures += len(measures)
            events.link(row)  # met at a stand or the mobile desk (schema 0016)
            batch[0].append(row)
            batch[1].extend(themes)
            batch[2].extend(measures)
            if len(batch[0]) >= _CHUNK or i == len(plan) - 1:
                conn.execute(insert(Consultation), batch[0])
                conn.execute(insert(ConsultationTheme), batch[1])
                orientations = gen.consultations.take_orientations()
                if orientations:
                    conn.execute(insert(ConsultationOrientation), orientations)
                if batch[2]:
                    conn.execute(insert(RecommendedMeasure), batch[2])
                batch = ([], [], [])
                report(i + 1, n_consultations, "consultations")
        _add_readings(conn, gen, households)
        add_loans(conn, seed=gen.options.seed, country=gen.country, currency=gen.currency,
                  digits=currency_digits(gen.currency), start=gen.start, until=gen.until,
                  households=[(h["created_at"].date(), h["id"]) for h in households],
                  advisors=advisors)  # fmt: skip
        tables = (Household, Consultation, RecommendedMeasure, ConsumptionReading, Event,
                  LoanItem, Loan)  # fmt: skip
        reset_sequences(conn, [t.__tablename__ for t in tables])
    planner_stats.refresh(ctx.db.engine, force=True)
    return DemoReport(n_households, len(plan), n_measures, clock.perf_counter() - started)


__all__ = ["DemoOptions", "DemoReport", "generate_demo"]
