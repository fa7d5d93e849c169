"""Parameter sets for people: the list with dates, sources and unconfirmed values, the
"out of date" warning, and a coordinator's signed-off set imported into the database.

An import is checked against ``resources/parameters/parameters.schema.json`` (format 2:
every value with ``source``, ``as_of`` and ``confirmed``), then by the domain loader, then
against the sets already known (same version with other content, same start date); it is
refused with one translated line naming the first problem, and written with its audit
event in one transaction, so nothing is half-written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _, ngettext
from siec_desk.core.paths import resource_path
from siec_desk.domain.parameters import (
    ParameterSet,
    decode_parameter_set,
    parameter_set_for,
    parse_parameter_set,
)
from siec_desk.services import audit as a
from siec_desk.services.audit import AuditService
from siec_desk.services.centre import CentreInfo
from siec_desk.services.reference import ReferenceData
from siec_desk.storage.database import Database
from siec_desk.storage.models import Consultation, ParameterSetRow, RecommendedMeasure

#: A parameter set is a few kilobytes; anything much larger is not one.
MAX_FILE_BYTES = 1_000_000


def current_date() -> date:
    """Today's date (one function, so that tests can fix "today")."""
    return date.today()


class ParameterImportError(SiecError):
    """A set that was not imported; ``str()`` is one translated line naming the problem."""


@dataclass(frozen=True)
class ParameterSetInfo:
    """One set as listed (``parameters list``, Centre ▸ Parameters…)."""

    version: str
    country: str
    valid_from: date
    format: int
    imported: bool
    in_use: bool
    co2_convention: str
    co2_convention_code: str
    signed_off_by: str | None
    signed_off_on: date | None
    unconfirmed: tuple[str, ...]
    undated: tuple[str, ...]
    sources: dict[str, str]
    as_of: dict[str, date]

    def as_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "country": self.country,
            "valid_from": self.valid_from.isoformat(),
            "format": self.format,
            "origin": "imported" if self.imported else "shipped",
            "in_use": self.in_use,
            "co2_convention": {"code": self.co2_convention_code, "name": self.co2_convention},
            "signed_off": (
                {"by": self.signed_off_by, "on": self.signed_off_on.isoformat()}
                if self.signed_off_on is not None
                else None
            ),
            "unconfirmed": list(self.unconfirmed),
            "undated": list(self.undated),
            "values": {
                key: {
                    "source": source,
                    "as_of": self.as_of[key].isoformat() if key in self.as_of else None,
                    "confirmed": key not in self.unconfirmed,
                }
                for key, source in sorted(self.sources.items())
            },
        }


@dataclass(frozen=True)
class ParameterStatus:
    """The centre's parameters today: the set in use, whether it is out of date (no set
    for this year yet) and which of its values are unconfirmed."""

    country: str
    today: date
    version: str | None
    out_of_date: bool
    unconfirmed: tuple[str, ...]

    def warning(self) -> str:
        """The translated warning shown on the editor, the letter preview and the CLI;
        empty when the set is current."""
        if self.version is None:
            return _("No parameter set applies today: estimates cannot be made.")
        if not self.out_of_date:
            return ""
        return _(
            "Parameters out of date: {version} is older than 1 January {year}. Ask your "
            "coordinator for the {year} set and import it (Centre ▸ Parameters…)."
        ).format(version=self.version, year=self.today.year)

    def unconfirmed_note(self) -> str:
        if not self.unconfirmed or self.version is None:
            return ""
        n = len(self.unconfirmed)
        return ngettext(
            "{version}: {n} value is not confirmed (carried over or to be checked).",
            "{version}: {n} values are not confirmed (carried over or to be checked).",
            n,
        ).format(version=self.version, n=n)


@dataclass(frozen=True)
class ImportOutcome:
    version: str
    country: str
    valid_from: date
    unconfirmed: int
    already_present: bool


@dataclass(frozen=True)
class ConventionUsed:
    """A CO2 convention behind some figures: code, reference year, name per language."""

    code: str
    year: int
    names: dict[str, str]

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.code


def conventions_used(
    db: Database, starts_at: datetime, ends_before: datetime
) -> list[ConventionUsed]:
    """The CO2 conventions of the parameter sets behind the measures recommended in
    consultations of [starts_at, ends_before): what the period's kg CO2 rest on. A set
    that names none gets a code of its own, never equal to another set's."""
    with db.read() as session:
        versions = session.scalars(
            select(RecommendedMeasure.parameter_set_version)
            .join(Consultation, Consultation.id == RecommendedMeasure.consultation_id)
            .where(Consultation.occurred_at >= starts_at, Consultation.occurred_at < ends_before)
            .distinct()
        ).all()
        definitions = session.execute(
            select(ParameterSetRow.version, ParameterSetRow.definition).where(
                ParameterSetRow.version.in_(versions)
            )
        ).all()
    found: dict[tuple[str, int], ConventionUsed] = {}
    for version, definition in definitions:
        convention = definition.get("co2_convention") if isinstance(definition, dict) else None
        if isinstance(convention, dict):
            used = ConventionUsed(
                str(convention["code"]), int(convention["year"]), dict(convention["name"])
            )
        else:
            code = f"unnamed:{version}".lower()[:40]
            used = ConventionUsed(code, int(str(definition["valid_from"])[:4]), {})
        found[(used.code, used.year)] = used
    return [found[key] for key in sorted(found)]


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    path = resource_path("parameters", "parameters.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _digest(data: object) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _path_text(path: Iterable[object]) -> str:
    return ".".join(str(p) for p in path) or _("(whole file)")


def schema_problem(data: object) -> str | None:
    """The first problem the JSON Schema finds in *data*, in words; None when valid.
    jsonschema is imported here only (it costs start-up time)."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(_schema()).iter_errors(data))
    if error is None:
        return None
    where = _path_text(error.absolute_path)
    kind = error.validator
    if kind == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [k for k in error.validator_value if k not in present]
        return _("{where}: “{key}” is missing.").format(
            where=where, key=missing[0] if missing else "?"
        )
    if kind == "additionalProperties":
        return _("{where}: unknown key.").format(where=where)
    if kind in ("enum", "const"):
        return _("{where}: “{value}” is not allowed here.").format(
            where=where, value=str(error.instance)[:40]
        )
    if kind == "type":
        return _("{where}: wrong kind of value.").format(where=where)
    if kind in ("pattern", "minLength"):
        return _("{where}: “{value}” is not in the expected form.").format(
            where=where, value=str(error.instance)[:40]
        )
    if kind == "oneOf":
        return _("{where}: give exactly one amount (per kWh or per bottle).").format(where=where)
    return _("{where}: invalid value.").format(where=where)


class ParameterService:
    def __init__(
        self, db: Database, reference: ReferenceData, centre: CentreInfo, audit: AuditService
    ) -> None:
        self.db = db
        self.reference = reference
        self.centre = centre
        self.audit = audit

    # -- reading -------------------------------------------------------------------------
    def status(self, today: date | None = None) -> ParameterStatus:
        today = today or current_date()
        country = self.centre.country
        try:
            current: ParameterSet | None = parameter_set_for(
                self.reference.parameter_sets, country, today
            )
        except ValueError:
            current = None
        return ParameterStatus(
            country=country,
            today=today,
            version=current.version if current else None,
            out_of_date=self.reference.out_of_date(country, today),
            unconfirmed=tuple(sorted(current.unconfirmed)) if current else (),
        )

    def sets(
        self, country: str | None = None, today: date | None = None, language: str = "en"
    ) -> list[ParameterSetInfo]:
        """The sets of *country* (default: the centre's), newest first."""
        country = country or self.centre.country
        today = today or current_date()
        status_version = None
        with contextlib.suppress(ValueError):
            status_version = parameter_set_for(
                self.reference.parameter_sets, country, today
            ).version
        imported = self.reference.imported_versions
        found = [s for s in self.reference.parameter_sets if s.country == country]
        return [
            ParameterSetInfo(
                version=s.version,
                country=s.country,
                valid_from=s.valid_from,
                format=s.format,
                imported=s.version in imported,
                in_use=s.version == status_version,
                co2_convention=s.co2_convention.name(language) if s.co2_convention else "",
                co2_convention_code=s.co2_convention_code,
                signed_off_by=s.signed_off.by if s.signed_off else None,
                signed_off_on=s.signed_off.on if s.signed_off else None,
                unconfirmed=tuple(sorted(s.unconfirmed)),
                undated=tuple(sorted(k for k in s.sources if k not in s.as_of)),
                sources=dict(s.sources),
                as_of=dict(s.as_of),
            )
            for s in sorted(found, key=lambda s: s.valid_from, reverse=True)
        ]

    # -- importing -----------------------------------------------------------------------
    def import_file(self, path: Path) -> ImportOutcome:
        """Check and store a coordinator's set; :class:`ParameterImportError` when refused."""
        name = path.name

        def refuse(problem: str) -> ParameterImportError:
            return ParameterImportError(
                _("The parameter file {name} was not imported: {problem}").format(
                    name=name, problem=problem
                )
            )

        try:
            raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
        except OSError as exc:
            raise refuse(_("it cannot be read ({reason}).").format(reason=exc.strerror)) from None
        if len(raw) > MAX_FILE_BYTES:
            raise refuse(_("it is too large to be a parameter set."))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise refuse(_("it is not UTF-8 text.")) from None
        try:
            data = decode_parameter_set(text, name)
        except ValueError:
            raise refuse(_("it is not valid JSON.")) from None
        problem = schema_problem(data)
        if problem is not None:
            raise refuse(problem)
        assert isinstance(data, dict)
        if data["country"] != self.centre.country:
            raise refuse(
                _("it is for {country}, and this centre is in {centre}.").format(
                    country=data["country"], centre=self.centre.country
                )
            )
        try:
            parameter_set = parse_parameter_set(data, name)
        except ValueError as exc:
            raise refuse(str(exc)) from None
        digest = _digest(data)
        existing = self._stored_hash(parameter_set.version)
        if existing is not None or parameter_set.version in {
            s.version for s in self.reference.file_sets
        }:
            if existing == digest:
                return ImportOutcome(
                    parameter_set.version,
                    parameter_set.country,
                    parameter_set.valid_from,
                    len(parameter_set.unconfirmed),
                    already_present=True,
                )
            raise refuse(
                _(
                    "a different set named {version} already exists; give the new set "
                    "a new version."
                ).format(version=parameter_set.version)
            )
        for known in self.reference.parameter_sets:
            if known.country == parameter_set.country and (
                known.valid_from == parameter_set.valid_from
            ):
                raise refuse(
                    _(
                        "the set {version} already takes effect on {date}; give this one a "
                        "later valid_from date."
                    ).format(version=known.version, date=known.valid_from.isoformat())
                )
        with self.db.write() as session:
            session.add(
                ParameterSetRow(
                    version=parameter_set.version,
                    country=parameter_set.country,
                    valid_from=parameter_set.valid_from,
                    currency=parameter_set.currency,
                    definition=data,
                    content_hash=digest,
                )
            )
            self.audit.record_in(
                session,
                a.IMPORT,
                a.PARAMETER_SET,
                None,
                version=parameter_set.version,
                valid_from=parameter_set.valid_from.isoformat(),
                signed_off_on=(
                    parameter_set.signed_off.on.isoformat() if parameter_set.signed_off else None
                ),
                unconfirmed=len(parameter_set.unconfirmed),
                sha256=digest,
            )
        self.reference.add_imported(parameter_set)
        return ImportOutcome(
            parameter_set.version,
            parameter_set.country,
            parameter_set.valid_from,
            len(parameter_set.unconfirmed),
            already_present=False,
        )

    def _stored_hash(self, version: str) -> str | None:
        with self.db.read() as session:
            row = session.get(ParameterSetRow, version)
            return row.content_hash if row is not None else None
