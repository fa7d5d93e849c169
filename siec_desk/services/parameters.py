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
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import select

from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.parameter_files import parse_parameter_set
from siec_desk.domain.parameters import ParameterSet, parameter_set_for
from siec_desk.services import audit as a
from siec_desk.services.audit import AuditService
from siec_desk.services.centre import CentreInfo
from siec_desk.services.parameter_file import (
    content_digest,
    read_parameter_file,
    refusal,
)
from siec_desk.services.reference import ReferenceData
from siec_desk.storage.database import Database
from siec_desk.storage.models import Consultation, ParameterSetRow, RecommendedMeasure


def current_date() -> date:
    """Today's date (one function, so that tests can fix "today")."""
    return date.today()


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
        # Hand-written (not ``to_json``): fields are grouped and computed ("origin",
        # "co2_convention", "signed_off", "values").
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

    @classmethod
    def of(cls, parameter_set: ParameterSet, *, already_present: bool) -> ImportOutcome:
        return cls(
            parameter_set.version,
            parameter_set.country,
            parameter_set.valid_from,
            len(parameter_set.unconfirmed),
            already_present,
        )


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
        refuse = partial(refusal, name)
        data = read_parameter_file(path)
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
        digest = content_digest(data)
        existing = self._stored_hash(parameter_set.version)
        if existing is not None or parameter_set.version in {
            s.version for s in self.reference.file_sets
        }:
            if existing == digest:
                return ImportOutcome.of(parameter_set, already_present=True)
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
        return ImportOutcome.of(parameter_set, already_present=False)

    def _stored_hash(self, version: str) -> str | None:
        with self.db.read() as session:
            row = session.get(ParameterSetRow, version)
            return row.content_hash if row is not None else None
