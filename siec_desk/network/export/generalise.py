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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from siec_desk.core.paths import resource_path
from siec_desk.domain.normalise import fold
from siec_desk.network.export.safe_text import commune_label

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
    """Areas of one country from ``areas.json``: postal code → area, commune
    (:func:`town_key`) → area, and the names reports show (Arabic names where known)."""

    names: Mapping[str, str]
    by_postal_code: Mapping[str, str]
    by_commune: Mapping[str, str]
    arabic_names: Mapping[str, str] = field(default_factory=dict)
    #: (area, folded commune spelling) → the commune's Arabic name.
    arabic_communes: Mapping[tuple[str, str], str] = field(default_factory=dict)


@cache
def area_tables(path: Path | None = None) -> dict[str, AreaTable]:
    data = json.loads((path or resource_path("network", "areas.json")).read_text("utf-8"))
    tables: dict[str, AreaTable] = {}
    for country, areas in data["countries"].items():
        names, postal, communes, arabic = {}, {}, {}, {}
        arabic_communes: dict[tuple[str, str], str] = {}
        for code, area in areas.items():
            names[code] = area["name"]
            postal.update({p: code for p in area["postal_codes"]})
            communes.update({town_key(c): code for c in area["communes"]})
            if area.get("name_ar"):
                arabic[code] = area["name_ar"]
            for spelling, name in area.get("communes_ar", {}).items():
                arabic_communes[(code, town_key(spelling))] = name
        tables[country] = AreaTable(names, postal, communes, arabic, arabic_communes)
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
    """The area of a commune named in ``areas.json``, whatever its spelling ("M'saken",
    "MSAKEN", "Msaken Ville")."""
    table = area_tables().get(country)
    if not table or not commune:
        return None
    return table.by_commune.get(town_key(commune)) or table.by_commune.get(
        town_key(commune, generic=False)
    )


def area_name(code: str, language: str = "fr") -> str | None:
    """The name of an area (French département, Moroccan province or prefecture, Tunisian
    governorate), in Arabic when *language* is ``ar`` and the Arabic name is known."""
    table = area_tables().get(code.split("-", 1)[0])
    if table is None:
        return None
    if language == "ar" and code in table.arabic_names:
        return table.arabic_names[code]
    return table.names.get(code)


def commune_name(area: str, commune: str, language: str = "fr") -> str:
    """A named commune as a report shows it: its Arabic name in Arabic where
    ``areas.json`` knows it, else as published."""
    if language != "ar":
        return commune
    table = area_tables().get(area.split("-", 1)[0])
    found = table.arabic_communes.get((area, town_key(commune))) if table else None
    return found or commune


#: Words that tell a town's centre from the town ("M'saken Ville" is Msaken): a name that
#: differs from another of the same postal code only by them is the same commune.
_GENERIC_WORDS = frozenset({"ville", "centre", "center", "city", "medina", "مدينة", "المدينة"})


def town_key(commune: str | None, generic: bool = True) -> str:
    """A commune's spelling folded to what tells towns apart: accents, case, apostrophes,
    hyphens and spaces dropped ("M'saken", "Msaken" and "MSAKEN" are one key); without
    *generic*, words such as "Ville" or "Centre" are dropped too (unless nothing is left)."""
    words = fold(commune).split()
    if not generic:
        words = [w for w in words if w not in _GENERIC_WORDS] or words
    return "".join(words)


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
    for place in places:
        area = (
            area_of_postal_code(country, place.postal_code)
            or area_of_commune(country, place.commune)
            or known.get(fold(place.commune))
            or country
        )
        areas[(place.commune, place.postal_code)] = country if area in rare else area
    towns = _towns(places, areas)
    totals: Counter[tuple[str, str]] = Counter()
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for place in places:
        town = towns.get((place.commune, place.postal_code))
        if town and place.commune:
            totals[town] += place.consultations
            spellings[town][place.commune.strip()] += place.consultations
    result: dict[tuple[str | None, str | None], str] = {}
    for place in places:
        key = (place.commune, place.postal_code)
        area = areas[key]
        town = towns.get(key)
        result[key] = area
        if town and totals[town] >= named_min:
            counts = spellings[town]
            spelling = commune_label(min(counts, key=lambda s: (-counts[s], s)))
            named = f"{area}{COMMUNE_SEPARATOR}{spelling}"
            if spelling and named not in unnamed:
                result[key] = named
    return result


def _towns(
    places: list[RawPlace], areas: Mapping[tuple[str | None, str | None], str]
) -> dict[tuple[str | None, str | None], tuple[str, str]]:
    """The town of each stored (commune, postal code) pair: (area, :func:`town_key`), so
    spellings of one town count together ("Msaken", "M'saken"); a name with a generic word
    ("M'saken Ville") joins the town that has the same postal code and the same key
    without it."""
    keys = {
        (areas[(p.commune, p.postal_code)], p.postal_code, town_key(p.commune))
        for p in places
        if town_key(p.commune)
    }
    towns: dict[tuple[str | None, str | None], tuple[str, str]] = {}
    for place in places:
        key = town_key(place.commune)
        if not key:
            continue
        area = areas[(place.commune, place.postal_code)]
        short = town_key(place.commune, generic=False)
        if short != key and place.postal_code and (area, place.postal_code, short) in keys:
            key = short
        towns[(place.commune, place.postal_code)] = (area, key)
    return towns


def place_level(code: str) -> str:
    """``commune``, ``department`` (FR), ``province`` (MA), ``governorate`` (TN), ``country``."""
    if COMMUNE_SEPARATOR in code:
        return "commune"
    if "-" not in code:
        return "country"
    return {"FR": "department", "MA": "province", "TN": "governorate"}.get(code[:2], "area")
