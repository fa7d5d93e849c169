"""The application context: an open database and the services bound to it.

The GUI, the CLI and the tests all start here, so they share one start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DatabaseError as SqlDatabaseError

from siec_desk.core.errors import DatabaseError, mask_secrets
from siec_desk.core.files import sqlite_reason
from siec_desk.core.i18n import _
from siec_desk.core.paths import user_data_dir
from siec_desk.services.act_types import ActTypeService
from siec_desk.services.activity.engine import ActivityStats
from siec_desk.services.activity.report import ReportService
from siec_desk.services.agenda import AgendaService
from siec_desk.services.attestations import AttestationService
from siec_desk.services.audit import AuditService
from siec_desk.services.branding import BrandingService
from siec_desk.services.centre import CentreInfo, CentreService
from siec_desk.services.centre_settings import CentreSettingsService
from siec_desk.services.consultations import ConsultationService
from siec_desk.services.events import EventService
from siec_desk.services.households import HouseholdService
from siec_desk.services.letters import LetterService
from siec_desk.services.loan_slips import LoanSlipService
from siec_desk.services.loans import LoanService
from siec_desk.services.mail.service import MailService
from siec_desk.services.maintenance import MaintenanceService
from siec_desk.services.measures import MeasureService
from siec_desk.services.network.export import NetworkExportService
from siec_desk.services.parameters import ParameterService
from siec_desk.services.readings import ReadingService
from siec_desk.services.reference import ReferenceData
from siec_desk.services.retention import RetentionService
from siec_desk.services.rights import RightsService
from siec_desk.services.targets import database_target as database_target
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
    maintenance: MaintenanceService  # check, back up, restore; this database's file
    centre_settings: CentreSettingsService  # every centre setting at once (centre show|set)
    readings: ReadingService  # a household's consumption readings (bills, meters)
    attestations: AttestationService  # France Rénov' appointments' attestations
    mail: MailService  # letters sent by e-mail, the SMTP password, the test message
    agenda: AgendaService  # follow-ups by day, week or upcoming; done, postpone, cancel, undo
    act_types: ActTypeService  # the centre's own act types and the built-ins it hides
    events: EventService  # the events register: participants by audience, consultations met
    loans: LoanService  # equipment loans: the inventory, lending, returns, overdue
    loan_slips: LoanSlipService  # the slip a household signs when it borrows an item

    @property
    def location(self) -> str:
        """Where the database is, as shown to the user (a server URL without password)."""
        return self.db.location

    @property
    def last_migration_backup(self) -> Path | None:
        """The copy taken before this opening migrated the database, if it did."""
        return self.db.last_migration_backup

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
    branding = BrandingService(db)
    letters = LetterService(db, reference, centre, households, consultations, archive, audit)
    act_types = ActTypeService(db, audit)
    act_types.install()  # the centre's own act types in every label

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
        letters=letters,
        branding=branding,
        stats=stats,
        reports=ReportService(stats, centres),
        audit=audit,
        retention=RetentionService(db, audit, archive),
        rights=RightsService(db, centre, audit, archive, measure_name),
        network_export=NetworkExportService(db, audit, measure_name),
        parameters=ParameterService(db, reference, centre, audit),
        maintenance=MaintenanceService(db, audit),
        centre_settings=CentreSettingsService(branding, audit),
        readings=ReadingService(db, centre, audit),
        attestations=AttestationService(db, centre, archive, letters.to_record, audit),
        mail=MailService(db, letters, households, audit),
        agenda=AgendaService(db, centre, audit),
        act_types=act_types,
        events=EventService(db, audit),
        loans=LoanService(db, centre, audit),
        loan_slips=LoanSlipService(db, centre, audit),
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


@dataclass(frozen=True)
class CentreSetup:
    """The centre a new database gets: the first-run page's answers, or the demo's."""

    name: str
    country: str
    language: str
    advisor_name: str | None = None
    advisor_title: str | None = None
    network_code: str | None = None


def ensure_centre(
    target: str | Path,
    ask: Callable[[], CentreSetup | None],
    *,
    create_parent: bool = False,
    backup_dir: Path | None = None,
) -> CentreInfo | None:
    """Open the database at *target* (created and migrated if needed) and make sure it
    has a centre: when it has none, *ask* says which one to set up (None: cancelled,
    nothing is written and None is returned). Returns the centre, existing or new; the
    database is closed again. One path for the GUI's first run and ``siec-desk demo``."""
    try:
        db = open_database(target, create_parent=create_parent, backup_dir=backup_dir)
    except SqlDatabaseError as exc:  # e.g. a damaged file: SQLite cannot read a page
        raise _unreadable(mask_secrets(str(target)), exc) from exc
    try:
        centres = CentreService(db)
        centre = centres.current()
        if centre is not None:
            return centre
        setup = ask()
        if setup is None:
            return None
        return centres.set_up(
            setup.name,
            setup.country,
            setup.language,
            setup.advisor_name,
            setup.advisor_title,
            network_code=setup.network_code,
        )
    except SqlDatabaseError as exc:
        raise _unreadable(db.location, exc) from exc
    finally:
        db.close()


def _unreadable(location: str, exc: SqlDatabaseError) -> DatabaseError:
    """A typed, translated error (the GUI then offers a backup, the CLI names one)."""
    return DatabaseError(
        _("The database {location} cannot be opened: {reason}").format(
            location=location, reason=sqlite_reason(exc)
        )
    )
