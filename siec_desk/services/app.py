"""The application context: an open database and the services bound to it.

The GUI, the CLI and the tests all start here, so they share one start-up path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from siec_desk.paths import default_database_path, user_data_dir
from siec_desk.services.audit import AuditService
from siec_desk.services.branding import BrandingService
from siec_desk.services.centre import CentreInfo, CentreService
from siec_desk.services.consultations import ConsultationService
from siec_desk.services.households import HouseholdService
from siec_desk.services.letters import LetterService
from siec_desk.services.measures import MeasureService
from siec_desk.services.reference import ReferenceData
from siec_desk.services.reports import ReportService
from siec_desk.services.stats.engine import ActivityStats
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

    def close(self) -> None:
        self.db.close()


def letter_archive_dir(db: Database) -> Path:
    """Letters are kept beside a SQLite file (they travel with it), else in the user's data."""
    path = db.path
    return (path.parent if path else user_data_dir()) / "letters"


def build_context(db: Database, reference: ReferenceData, centre: CentreInfo) -> AppContext:
    measures = MeasureService(reference, centre)
    households = HouseholdService(db, reference, centre.country)
    consultations = ConsultationService(db, reference, centre, measures)
    stats = ActivityStats(db)
    centres = CentreService(db)
    return AppContext(
        db=db,
        reference=reference,
        centre=centre,
        centres=centres,
        households=households,
        consultations=consultations,
        measures=measures,
        letters=LetterService(
            db, reference, centre, households, consultations, letter_archive_dir(db)
        ),
        branding=BrandingService(db),
        stats=stats,
        reports=ReportService(stats, centres),
        audit=AuditService(db),
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
    db = open_database(target, create_parent=create_parent, backup_dir=backup_dir)
    try:
        reference = reference or ReferenceData()
        reference.sync(db)
        centre = CentreService(db).require()
    except Exception:
        db.close()
        raise
    return build_context(db, reference, centre)


def database_target(explicit: str | None) -> tuple[str, bool]:
    """(target, is_default): --db, else $SIEC_DESK_DB, else the user data folder."""
    chosen = explicit or os.environ.get("SIEC_DESK_DB")
    if chosen:
        return chosen, False
    return str(default_database_path()), True
