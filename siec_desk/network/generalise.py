"""Communes generalised to areas before anything leaves the centre.

A consultation's place is its commune and postal code as typed. The export publishes an
*area* instead: the French département (from the postal code), the Moroccan province or
prefecture, the Tunisian governorate (from ``resources/network/areas.json``), else the
country. A commune is named only when it is large enough over the period (``named_min``
consultations): its place is then ``<area>/<commune>``; the other communes of that area
stay in ``<area>``. Summing every place that starts with an area gives the area.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from siec_desk.domain.normalise import fold
from siec_desk.network.safe_text import commune_label
from siec_desk.paths import resource_path

_FIVE_DIGITS = re.compile(r"\d{5}")
#: Separates an area from a named commune in a place code.
COMMUNE_SEPARATOR = "/"


def french_department(postal_code: str | None) -> str | None:
    """The département of a French postal code: two digits, ``2A``/``2B`` for Corsica
    (20000–20199 is Corse-du-Sud), three digits overseas (97x, 98x); None if not a code."""
    code = (postal_code or "").replace(" ", "")
    if not _FIVE_DIGITS.fullmatch(code) or code.startswith("00"):
        return None
    if code[:2] in ("97", "98"):
        return code[:3]
    if code[:2] == "20":
        return "2A" if code[:3] in ("200", "201") else "2B"
    return code[:2]


@dataclass(frozen=True)
class AreaTable:
    """Areas of one country from ``areas.json``: postal code → area, folded commune → area."""

    names: Mapping[str, str]
    by_postal_code: Mapping[str, str]
    by_commune: Mapping[str, str]


@cache
def area_tables(path: Path | None = None) -> dict[str, AreaTable]:
    data = json.loads((path or resource_path("network", "areas.json")).read_text("utf-8"))
    tables: dict[str, AreaTable] = {}
    for country, areas in data["countries"].items():
        names, postal, communes = {}, {}, {}
        for code, area in areas.items():
            names[code] = area["name"]
            postal.update({p: code for p in area["postal_codes"]})
            communes.update({fold(c): code for c in area["communes"]})
        tables[country] = AreaTable(names, postal, communes)
    return tables


def area_of_postal_code(country: str, postal_code: str | None) -> str | None:
    if not postal_code:
        return None
    if country == "FR":
        department = french_department(postal_code)
        return f"FR-{department}" if department else None
    table = area_tables().get(country)
    return table.by_postal_code.get(postal_code.replace(" ", "")) if table else None


def area_of_commune(country: str, commune: str | None) -> str | None:
    table = area_tables().get(country)
    return table.by_commune.get(fold(commune)) if table and commune else None


def area_name(code: str) -> str | None:
    """The name of a Moroccan or Tunisian area (French départements are known by number)."""
    table = area_tables().get(code.split("-", 1)[0])
    return table.names.get(code) if table else None


@dataclass(frozen=True)
class RawPlace:
    """A commune and postal code as stored, and how many consultations of the period."""

    commune: str | None
    postal_code: str | None
    consultations: int


def commune_areas(country: str, known: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """Folded commune → area, from (commune, postal code) pairs recorded in the database,
    for communes typed without a postal code; a name seen in two areas is left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    for commune, postal_code in known:
        area = area_of_postal_code(country, postal_code)
        if commune and area:
            seen[fold(commune)].add(area)
    return {name: next(iter(areas)) for name, areas in seen.items() if len(areas) == 1}


def assign_places(
    country: str,
    raw: Iterable[RawPlace],
    known: Mapping[str, str],
    named_min: int,
    rare: Collection[str] = (),
    unnamed: Collection[str] = (),
) -> dict[tuple[str | None, str | None], str]:
    """The published place of each stored (commune, postal code) pair.

    The area comes from the postal code, else the commune name (``areas.json``, then
    *known* pairs of this database), else it is the country. An area of *rare* (too few
    households) is published as the country ("other areas or area not known"). Communes
    with at least *named_min* consultations are named, under their most frequent spelling
    made safe for a place code (:func:`commune_label`), unless their place is in
    *unnamed* (too few households, or too few left in their area).
    """
    places = list(raw)
    areas: dict[tuple[str | None, str | None], str] = {}
    totals: Counter[tuple[str, str]] = Counter()
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for place in places:
        folded = fold(place.commune)
        area = (
            area_of_postal_code(country, place.postal_code)
            or area_of_commune(country, place.commune)
            or known.get(folded)
            or country
        )
        if area in rare:
            area = country
        areas[(place.commune, place.postal_code)] = area
        if folded and place.commune:
            totals[(area, folded)] += place.consultations
            spellings[(area, folded)][place.commune.strip()] += place.consultations
    result: dict[tuple[str | None, str | None], str] = {}
    for place in places:
        key = (place.commune, place.postal_code)
        area = areas[key]
        folded = fold(place.commune)
        result[key] = area
        if folded and totals[(area, folded)] >= named_min:
            counts = spellings[(area, folded)]
            spelling = commune_label(min(counts, key=lambda s: (-counts[s], s)))
            named = f"{area}{COMMUNE_SEPARATOR}{spelling}"
            if spelling and named not in unnamed:
                result[key] = named
    return result


def place_level(code: str) -> str:
    """``commune``, ``department`` (FR), ``province`` (MA), ``governorate`` (TN), ``country``."""
    if COMMUNE_SEPARATOR in code:
        return "commune"
    if "-" not in code:
        return "country"
    return {"FR": "department", "MA": "province", "TN": "governorate"}.get(code[:2], "area")
