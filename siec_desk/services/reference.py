"""Reference data: the measure catalogue and dated parameter sets.

The JSON files in ``resources/`` are the source (updatable without code). At start-up
they are loaded, validated and copied into the database when their content changed,
so recommended measures can reference catalogue codes and every estimate names the
parameter set it used.

A coordinator's signed-off set (``parameters import``) is stored in the database only,
in the same ``parameter_sets`` table: :meth:`ReferenceData.sync` reads such rows back,
so every PC sharing the database uses an imported set from its next start (and the PC
that imported it at once). Shipped files win for their own versions; an import may not
reuse a version with other content.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import select

from siec_desk.core.errors import NotFoundError
from siec_desk.core.i18n import _
from siec_desk.core.paths import resource_path
from siec_desk.domain.catalogue import CatalogueMeasure, load_catalogue
from siec_desk.domain.codes import IncomeCategory
from siec_desk.domain.income import french_income_category
from siec_desk.domain.parameter_files import (
    SCHEMA_SUFFIX,
    load_parameter_sets,
    parse_parameter_set,
)
from siec_desk.domain.parameters import ParameterSet, is_out_of_date, parameter_set_for
from siec_desk.storage.database import Database
from siec_desk.storage.models import CatalogueMeasureRow, ParameterSetRow

log = logging.getLogger(__name__)


def _hash(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass
class ReferenceData:
    catalogue_file: Path = field(
        default_factory=lambda: resource_path("catalogue", "measures.json")
    )
    parameters_dir: Path = field(default_factory=lambda: resource_path("parameters"))
    #: Sets found only in the database (imported by a coordinator), read by :meth:`sync`.
    imported: list[ParameterSet] = field(default_factory=list)

    @cached_property
    def measures(self) -> dict[str, CatalogueMeasure]:
        return {m.code: m for m in load_catalogue(self.catalogue_file)}

    @cached_property
    def file_sets(self) -> list[ParameterSet]:
        """The sets shipped in ``resources/parameters``."""
        return load_parameter_sets(self.parameters_dir)

    @cached_property
    def parameter_sets(self) -> list[ParameterSet]:
        """Shipped and imported sets, by country then ``valid_from``."""
        return sorted([*self.file_sets, *self.imported], key=lambda s: (s.country, s.valid_from))

    @property
    def imported_versions(self) -> frozenset[str]:
        return frozenset(s.version for s in self.imported)

    def add_imported(self, parameter_set: ParameterSet) -> None:
        """Use a set just imported (the next estimate takes it if it applies today)."""
        self.imported = [s for s in self.imported if s.version != parameter_set.version]
        self.imported.append(parameter_set)
        self.__dict__.pop("parameter_sets", None)

    def out_of_date(self, country: str, today: date | None = None) -> bool:
        """The set that applies today took effect before this year's 1 January."""
        return is_out_of_date(self.parameter_sets, country, today or date.today())

    def measure(self, code: str) -> CatalogueMeasure:
        try:
            return self.measures[code]
        except KeyError:
            raise NotFoundError(_("Unknown measure code “{code}”.").format(code=code)) from None

    def measures_for(self, country: str) -> list[CatalogueMeasure]:
        found = [m for m in self.measures.values() if country in m.countries]
        return sorted(found, key=lambda m: (m.default_priority, m.code))

    def parameters(self, country: str, on: date | None = None) -> ParameterSet:
        return parameter_set_for(self.parameter_sets, country, on or date.today())

    def french_income_category(
        self, household_size: int | None, reference_income: int | None, ile_de_france: bool
    ) -> str:
        if household_size is None or reference_income is None:
            return IncomeCategory.UNKNOWN.value
        ceilings = self.parameters("FR").income_ceilings
        if ceilings is None:
            return IncomeCategory.UNKNOWN.value
        return french_income_category(
            household_size, reference_income, ile_de_france, ceilings
        ).value

    def sync(self, db: Database) -> int:
        """Copy changed catalogue entries and parameter sets into *db*; return the count."""
        raw_catalogue = json.loads(self.catalogue_file.read_text(encoding="utf-8"))["measures"]
        raw_sets = {
            p.name: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(self.parameters_dir.glob("*.json"))
            if not p.name.endswith(SCHEMA_SUFFIX)
        }
        self.measures  # noqa: B018 - validate the files before writing anything
        self.file_sets  # noqa: B018
        with db.read() as session:  # most starts change nothing: no write lock for them
            known = dict(
                session.execute(
                    select(CatalogueMeasureRow.code, CatalogueMeasureRow.content_hash)
                ).all()
            )
            known_sets = dict(
                session.execute(select(ParameterSetRow.version, ParameterSetRow.content_hash)).all()
            )
        rows: list[CatalogueMeasureRow | ParameterSetRow] = []
        for entry in raw_catalogue:
            digest = _hash(entry)
            if known.get(entry["code"]) != digest:
                rows.append(
                    CatalogueMeasureRow(
                        code=entry["code"],
                        countries=",".join(entry["countries"]),
                        theme=entry["theme"],
                        kind=entry["kind"],
                        default_priority=entry["default_priority"],
                        definition=entry,
                        content_hash=digest,
                    )
                )
        for raw in raw_sets.values():
            digest = _hash(raw)
            if known_sets.get(raw["version"]) != digest:
                rows.append(
                    ParameterSetRow(
                        version=raw["version"],
                        country=raw["country"],
                        valid_from=date.fromisoformat(raw["valid_from"]),
                        currency=raw["currency"],
                        definition=raw,
                        content_hash=digest,
                    )
                )
        if rows:
            with db.write() as session:
                for row in rows:
                    session.merge(row)
        self._read_imported(db, {raw["version"] for raw in raw_sets.values()})
        return len(rows)

    def _read_imported(self, db: Database, shipped: set[str]) -> None:
        """The database's sets that no shipped file defines (a coordinator's imports)."""
        with db.read() as session:
            stored = session.execute(
                select(ParameterSetRow.version, ParameterSetRow.definition).where(
                    ParameterSetRow.version.not_in(shipped)
                )
            ).all()
        imported: list[ParameterSet] = []
        for version, definition in stored:
            try:
                imported.append(parse_parameter_set(definition, f"database set {version}"))
            except ValueError as exc:  # e.g. written by a newer version: keep the others
                log.warning("parameter set %s in the database is not usable: %s", version, exc)
        self.imported = imported
        self.__dict__.pop("parameter_sets", None)
