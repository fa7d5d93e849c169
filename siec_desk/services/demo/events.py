"""Demo events (schema 0016): a few a month per country, with participants by audience,
themes and the advisors who ran them; a few planned in the coming weeks (no participants
yet). France: stands at fairs, public meetings, trainings of craftsmen; Morocco: school
visits and mobile-desk days in the rural communes around Chefchaouen; Tunisia: the
"mois de la maîtrise de l'énergie" stands (mid-April to mid-May), school visits, the
awareness caravan. Consultations held at a stand or the mobile desk say they met their
household there. Drawn from their own random stream: the rest of the demo data stays
what it was for a given seed."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

#: Per country: (type, weight per month, title, place) drawn for an event.
_KINDS: dict[str, tuple[tuple[str, float, str, str | None], ...]] = {
    "FR": (
        ("stand_fair", 0.8, "Stand France Rénov' à la Foire", "Parc Chanot"),
        ("public_meeting", 0.7, "Réunion publique rénovation énergétique", "Salle des fêtes"),
        ("training", 0.5, "Formation des artisans RGE", "Chambre de métiers"),
        ("workshop", 0.6, "Atelier « Lire sa facture d'énergie »", "Médiathèque"),
        ("school_visit", 0.3, "Intervention au collège", None),
        ("site_visit", 0.2, "Visite d'un chantier de rénovation globale", None),
    ),
    "MA": (
        ("school_visit", 1.2, "Journée de l'énergie à l'école", None),
        ("mobile_desk", 1.4, "Guichet mobile", "Souk hebdomadaire"),
        ("workshop", 0.5, "Atelier sécurité des bouteilles de butane", "Maison des jeunes"),
        ("training", 0.4, "Formation des agents communaux", "Siège de la commune"),
        ("public_meeting", 0.3, "Réunion avec la société civile", "Centre culturel"),
        ("stand_fair", 0.2, "Stand au festival", None),
    ),
    "TN": (
        ("school_visit", 1.0, "Journée portes ouvertes pour les écoliers", None),
        ("stand_fair", 0.5, "Stand d'information", "Place de la municipalité"),
        ("mobile_desk", 0.6, "Caravane de sensibilisation", None),
        ("workshop", 0.5, "Atelier éco-gestes et climatisation", "Maison de la culture"),
        ("training", 0.3, "Formation des installateurs solaires", "Centre de formation"),
    ),
}
#: The rural communes the Moroccan mobile desk tours.
_MOBILE_DESK_MA = ("Bab Taza", "Tanaqob", "Dardara", "Bni Darkoul", "Tamorot", "Oued Laou")
#: Per type: ranges of participants by audience (an audience left out when drawn 0).
_AUDIENCES: dict[str, tuple[tuple[str, int, int], ...]] = {
    "school_visit": (("pupils_students", 20, 60), ("professionals", 1, 4)),
    "mobile_desk": (("general_public", 10, 45), ("elected_officials", 0, 2),
                    ("municipal_staff", 0, 3)),
    "stand_fair": (("general_public", 40, 250), ("professionals", 0, 10),
                   ("associations", 0, 4)),
    "training": (("professionals", 8, 20), ("municipal_staff", 0, 12),
                 ("elected_officials", 0, 4)),
    "workshop": (("general_public", 8, 25), ("associations", 0, 5)),
    "public_meeting": (("general_public", 20, 80), ("elected_officials", 1, 6),
                       ("associations", 0, 6)),
    "site_visit": (("professionals", 5, 15), ("elected_officials", 0, 4)),
}  # fmt: skip
_THEMES: dict[str, tuple[str, ...]] = {
    "FR": ("financial_aid", "insulation", "heating", "eco_gestures", "fuel_poverty"),
    "MA": ("eco_gestures", "butane_safety", "lighting", "water", "solar_thermal"),
    "TN": ("eco_gestures", "cooling", "solar_thermal", "solar_pv", "lighting"),
}
_DURATION = {"school_visit": 120, "mobile_desk": 360, "stand_fair": 480, "training": 420,
             "workshop": 120, "public_meeting": 120, "site_visit": 180}  # fmt: skip
#: Consultation modes and the event types where they meet their household.
_MET_AT = {"event": ("stand_fair", "public_meeting", "workshop"), "mobile_desk": ("mobile_desk",)}


class DemoEvents:
    """The events of a demo period, then the link of its consultations to them."""

    def __init__(self, seed: int, country: str, start: date, until: date) -> None:
        self.rng = random.Random(f"events-{seed}")
        self.country = country
        self.start, self.until = start, until
        self.by_day: dict[date, list[tuple[int, str]]] = {}

    def rows(
        self, first_id: int, advisors: list[int], communes: list[tuple[str, str]]
    ) -> dict[str, list[dict[str, Any]]]:
        """The rows of ``events`` and of its three child tables."""
        r = self.rng
        found: dict[str, list[dict[str, Any]]] = {
            "events": [], "audiences": [], "themes": [], "advisors": []
        }  # fmt: skip
        kinds = _KINDS[self.country]
        month = self.start.replace(day=1)
        last = self.until + timedelta(days=45)  # a few planned ahead
        while month <= last:
            for kind, weight, title, place in kinds:
                count = int(weight) + (1 if r.random() < weight - int(weight) else 0)
                named = title
                if self.country == "TN" and kind == "stand_fair" and month.month in (4, 5):
                    count += 3  # the "mois de la maîtrise de l'énergie"
                    named = "Mois de la maîtrise de l'énergie — stand"
                for _n in range(count):
                    day = month + timedelta(days=r.randrange(28))
                    if day.weekday() == 6 or not self.start <= day <= last:
                        continue
                    event_id = first_id + len(found["events"])
                    self._event(found, event_id, day, kind, named, place, advisors, communes)
            month = (month + timedelta(days=32)).replace(day=1)
        return found

    def _event(
        self,
        found: dict[str, list[dict[str, Any]]],
        event_id: int,
        day: date,
        kind: str,
        title: str,
        place: str | None,
        advisors: list[int],
        communes: list[tuple[str, str]],
    ) -> None:
        r = self.rng
        commune, drawn = communes[r.randrange(len(communes))]
        postal: str | None = drawn
        if self.country == "MA" and kind == "mobile_desk":
            commune, postal = r.choice(_MOBILE_DESK_MA), None
        now = datetime.combine(min(day, self.until), time(18), tzinfo=UTC)
        found["events"].append({
            "id": event_id, "occurred_on": day, "starts_at": time(r.choice((9, 10, 14))),
            "duration_min": _DURATION[kind], "event_type": kind,
            "title": f"{title} — {commune}", "commune": commune, "postal_code": postal,
            "place": place, "partners": "Commune" if r.random() < 0.6 else None, "notes": None,
            "created_at": now, "updated_at": now, "version": 1,
        })  # fmt: skip
        if day <= self.until:  # a planned event has no participants yet
            for audience, low, high in _AUDIENCES[kind]:
                count = r.randint(low, high)
                if count:
                    found["audiences"].append(
                        {"event_id": event_id, "audience": audience, "participants": count}
                    )
        for theme in r.sample(_THEMES[self.country], r.randint(1, 3)):
            found["themes"].append({"event_id": event_id, "theme": theme})
        for advisor in r.sample(advisors, min(len(advisors), r.randint(1, 2))):
            found["advisors"].append({"event_id": event_id, "advisor_id": advisor})
        self.by_day.setdefault(day, []).append((event_id, kind))

    def link(self, row: dict[str, Any]) -> None:
        """Set ``event_id`` on a consultation row: held at a stand or the mobile desk on
        the day of such an event (or up to a week after it), it met its household there."""
        row["event_id"] = None
        kinds = _MET_AT.get(str(row.get("mode")))
        if kinds is None or self.rng.random() > 0.8:
            return
        day = row["occurred_at"].date()
        for back in range(8):
            for event_id, kind in self.by_day.get(day - timedelta(days=back), []):
                if kind in kinds:
                    row["event_id"] = event_id
                    return
