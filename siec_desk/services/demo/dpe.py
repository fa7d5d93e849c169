"""Demo energy labels (DPE) of French dwellings and the prior France Rénov' appointments.

About half of the French households have a known DPE, drawn from the label shares of the
French housing stock (ONRE, main residences, 2023: roughly A 3 %, B 5 %, C 15 %, D 30 %,
E 22 %, F 13 %, G 12 %), dated within the eight years before their first visit, most
with their ADEME number. From February 2026 (when the appointment became mandatory before
a MaPrimeRénov' whole-home renovation) some personalised advice given to a household is
the prior France Rénov' appointment, far more often in an F or G home, with the project
it prepares. Illustrative shares, not statistics.

Both draw from their own random stream (:class:`DpeDraws`), so that the rest of the demo
data stays what it was for a given seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

#: The label shares of the French housing stock (per cent).
DPE_SHARES = (("A", 3), ("B", 5), ("C", 15), ("D", 30), ("E", 22), ("F", 13), ("G", 12))
#: Share of French households whose DPE is known, and of those whose number is given.
DPE_KNOWN = 0.5
DPE_NUMBERED = 0.7
#: The first day the demo records the appointment (mandatory from February 2026).
MPR_FROM = date(2026, 2, 1)
#: Share of advice consultations that are the appointment, by the home's class (else 5 %).
MPR_RATE = {"F": 0.45, "G": 0.45, "E": 0.25}
MPR_OTHER_RATE = 0.05
#: The project prepared: a whole-home renovation for poorly rated homes, else mostly works
#: one by one or an adaptation.
PROJECTS_POOR = (("whole_home", 70), ("single_works", 20), ("adaptation", 5), ("other", 5))
PROJECTS_OTHER = (("whole_home", 15), ("single_works", 55), ("adaptation", 20), ("other", 10))
#: How often a whole-home appointment refers the household to a Mon Accompagnateur Rénov'.
MAR_AFTER_WHOLE_HOME = 0.6
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def _choose(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    cum = list(accumulate(w for _v, w in pairs))
    return rng.choices([v for v, _w in pairs], cum_weights=cum)[0]


class DpeDraws:
    """The DPE of each French household and the appointments, from one seeded stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"dpe-{seed}")

    def label(self, country: str, postal_code: str | None, first_seen: date) -> dict[str, Any]:
        """The household's ``dpe_class``, ``dpe_date`` and ``dpe_number`` (None if unknown)."""
        none: dict[str, Any] = {"dpe_class": None, "dpe_date": None, "dpe_number": None}
        r = self.rng
        if country != "FR" or r.random() >= DPE_KNOWN:
            return none
        made = first_seen - timedelta(days=r.randrange(20, 8 * 365))
        department = (postal_code or "75")[:2]
        number = None
        if r.random() < DPE_NUMBERED:  # ADEME: year, department, "E", seven digits, a letter
            digits = r.randrange(10**7)
            number = f"{made.year % 100:02d}{department}E{digits:07d}{r.choice(_LETTERS)}"
        return {"dpe_class": _choose(r, DPE_SHARES), "dpe_date": made, "dpe_number": number}

    def project(self, act: str, household: dict[str, Any] | None, day: date) -> str | None:
        """The project type when this consultation is the appointment, else None."""
        if act != "advice" or household is None or household.get("country") != "FR":
            return None
        if day < MPR_FROM:
            return None
        r = self.rng
        dpe = household.get("dpe_class")
        if r.random() >= MPR_RATE.get(dpe or "", MPR_OTHER_RATE):
            return None
        return _choose(r, PROJECTS_POOR if dpe in MPR_RATE else PROJECTS_OTHER)

    def refers_to_mar(self, project: str | None) -> bool:
        """A whole-home appointment usually sends the household to a MAR."""
        return project == "whole_home" and self.rng.random() < MAR_AFTER_WHOLE_HOME
