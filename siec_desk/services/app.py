"""The application context: an open database and the services bound to it.

The GUI, the CLI and the tests all start here, so they share one start-up path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DatabaseError as SqlDatabaseError

from siec_desk.core.errors import DatabaseError, mask_secrets
from siec_desk.core.files import sqlite_reason
from siec_desk.core.i18n import _
from siec_desk.core.paths import default_database_path, user_data_dir
from siec_desk.services.activity.engine import ActivityStats
from siec_desk.services.activity.report import ReportService
from siec_desk.services.audit import AuditService
from siec_desk.services.branding import BrandingService
from siec_desk.services.centre import CentreInfo, CentreService
from siec_desk.services.consultations import ConsultationService
from siec_desk.services.households import HouseholdService
from siec_desk.services.letters import LetterService
from siec_desk.services.measures import MeasureService
from siec_desk.services.network.export import NetworkExportService
from siec_desk.services.parameters import ParameterService
from siec_desk.services.reference import ReferenceData
from siec_desk.services.retention import RetentionService
from siec_desk.services.rights import RightsService
from siec_desk.storage.database import Database, open_database


@dataclass
class AppContext:
    db: Database
    reference: ReferenceData
    centre: CentreInfo
    centres: CentreService
    households: HouseholdService
    consultations: ConsultationService
    measures: MeasureService
    letters: LetterService
    branding: BrandingService
    stats: ActivityStats
    reports: ReportService
    audit: AuditService
    retention: RetentionService
    rights: RightsService
    network_export: NetworkExportService
    parameters: ParameterService

    def close(self) -> None:
        self.db.close()


def letter_archive_dir(db: Database) -> Path:
    """Letters are kept beside a SQLite file (they travel with it), else in the user's data."""
    path = db.path
    return (path.parent if path else user_data_dir()) / "letters"


def build_context(db: Database, reference: ReferenceData, centre: CentreInfo) -> AppContext:
    audit = AuditService(db)  # one actor for every service (the GUI sets the advisor)
    archive = letter_archive_dir(db)
    measures = MeasureService(reference, centre)
    households = HouseholdService(db, reference, centre.country, audit, measures)
    consultations = ConsultationService(db, reference, centre, measures, audit)
    stats = ActivityStats(db)
    centres = CentreService(db)

    def measure_name(code: str, language: str) -> str:
        found = reference.measures.get(code)
        return found.name(language) if found else code

    return AppContext(
        db=db,
        reference=reference,
        centre=centre,
        centres=centres,
        households=households,
        consultations=consultations,
        measures=measures,
        letters=LetterService(db, reference, centre, households, consultations, archive, audit),
        branding=BrandingService(db),
        stats=stats,
        reports=ReportService(stats, centres),
        audit=audit,
        retention=RetentionService(db, audit, archive),
        rights=RightsService(db, centre, audit, archive, measure_name),
        network_export=NetworkExportService(db, audit, measure_name),
        parameters=ParameterService(db, reference, centre, audit),
    )


def open_app(
    target: str | Path,
    *,
    create_parent: bool = False,
    backup_dir: Path | None = None,
    reference: ReferenceData | None = None,
) -> AppContext:
    """Open the database (migrating it), load reference data, and bind the services.

    A database without a centre gets a default French one; the GUI's first-run page
    checks :meth:`CentreService.current` before calling this.
    """
    try:
        db = open_database(target, create_parent=create_parent, backup_dir=backup_dir)
    except SqlDatabaseError as exc:  # e.g. a damaged file: SQLite cannot read a page
        raise _unreadable(mask_secrets(str(target)), exc) from exc
    try:
        reference = reference or ReferenceData()
        reference.sync(db)
        centre = CentreService(db).require()
    except SqlDatabaseError as exc:
        db.close()
        raise _unreadable(db.location, exc) from exc
    except Exception:
        db.close()
        raise
    context = build_context(db, reference, centre)
    from siec_desk.services.maintenance import housekeeping  # issue 16: erasure helper

    housekeeping(db, letter_archive_dir(db))  # crash leftovers, letter files still due
    return context


def _unreadable(location: str, exc: SqlDatabaseError) -> DatabaseError:
    """A typed, translated error (the GUI then offers a backup, the CLI names one)."""
    return DatabaseError(
        _("The database {location} cannot be opened: {reason}").format(
            location=location, reason=sqlite_reason(exc)
        )
    )


def database_target(explicit: str | None) -> tuple[str, bool]:
    """(target, is_default): --db, else $SIEC_DESK_DB, else the user data folder."""
    chosen = explicit or os.environ.get("SIEC_DESK_DB")
    if chosen:
        return chosen, False
    return str(default_database_path()), True
