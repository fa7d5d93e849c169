"""The application context: an open database and the services bound to it.

The GUI, the CLI and the tests all start here, so they share one start-up path.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError as SqlDatabaseError

from siec_desk.core.errors import DatabaseError, mask_secrets
from siec_desk.core.files import sqlite_reason
from siec_desk.core.i18n import _
from siec_desk.core.paths import user_data_dir
from siec_desk.services.centre import CentreInfo, CentreService
from siec_desk.services.lazy_service import LazyService
from siec_desk.services.reference import ReferenceData
from siec_desk.services.targets import database_target as database_target
from siec_desk.storage.database import Database, open_database

if TYPE_CHECKING:  # each service's module is imported when the service is first used
    from siec_desk.services.act_types import ActTypeService
    from siec_desk.services.activity.engine import ActivityStats
    from siec_desk.services.activity.report import ReportService
    from siec_desk.services.agenda import AgendaService
    from siec_desk.services.attestations import AttestationService
    from siec_desk.services.audit import AuditService
    from siec_desk.services.branding import BrandingService
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
    from siec_desk.services.retention import RetentionService
    from siec_desk.services.rights import RightsService


class AppContext:
    """The database, its reference data and centre, and every service bound to them.

    Only the database is opened at once; each service (and its module: SQLAlchemy
    queries, documents, e-mail) comes the first time it is used, so the window shows
    without importing what the first page does not need (issue 22, start-up)."""

    def __init__(self, db: Database, reference: ReferenceData, centre: CentreInfo) -> None:
        self.db = db
        self.reference = reference
        self.centre = centre
        self.lock = threading.RLock()

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

    @property
    def archive(self) -> Path:
        """Where letters are kept (:func:`letter_archive_dir`)."""
        return letter_archive_dir(self.db)

    def housekeeping(self) -> None:
        """Crash leftovers and letter files still due (issue 16): at every opening, never
        raising; only stale ``.partial`` files are removed, so it may run beside work."""
        from siec_desk.services.maintenance import housekeeping

        housekeeping(self.db, self.archive)

    def refresh_statistics(self) -> bool:
        """The query planner's statistics, if the data grew or shrank a lot (what closing
        the database does too); the GUI runs it after its window shows."""
        from siec_desk.storage import planner_stats

        return planner_stats.refresh(self.db.engine)

    def measure_name(self, code: str, language: str) -> str:
        found = self.reference.measures.get(code)
        return found.name(language) if found else code

    @LazyService
    def audit(self) -> AuditService:  # one actor for every service (the GUI sets the advisor)
        from siec_desk.services.audit import AuditService

        return AuditService(self.db)

    @LazyService
    def centres(self) -> CentreService:
        return CentreService(self.db)

    @LazyService
    def measures(self) -> MeasureService:
        from siec_desk.services.measures import MeasureService

        return MeasureService(self.reference, self.centre)

    @LazyService
    def households(self) -> HouseholdService:
        from siec_desk.services.households import HouseholdService

        return HouseholdService(
            self.db, self.reference, self.centre.country, self.audit, self.measures
        )

    @LazyService
    def consultations(self) -> ConsultationService:
        from siec_desk.services.consultations import ConsultationService

        return ConsultationService(self.db, self.reference, self.centre, self.measures, self.audit)

    @LazyService
    def letters(self) -> LetterService:
        from siec_desk.services.letters import LetterService

        return LetterService(
            self.db,
            self.reference,
            self.centre,
            self.households,
            self.consultations,
            self.archive,
            self.audit,
        )

    @LazyService
    def branding(self) -> BrandingService:
        from siec_desk.services.branding import BrandingService

        return BrandingService(self.db)

    @LazyService
    def stats(self) -> ActivityStats:
        from siec_desk.services.activity.engine import ActivityStats

        return ActivityStats(self.db)

    @LazyService
    def reports(self) -> ReportService:
        from siec_desk.services.activity.report import ReportService

        return ReportService(self.stats, self.centres)

    @LazyService
    def retention(self) -> RetentionService:
        from siec_desk.services.retention import RetentionService

        return RetentionService(self.db, self.audit, self.archive)

    @LazyService
    def rights(self) -> RightsService:
        from siec_desk.services.rights import RightsService

        return RightsService(self.db, self.centre, self.audit, self.archive, self.measure_name)

    @LazyService
    def network_export(self) -> NetworkExportService:
        from siec_desk.services.network.export import NetworkExportService

        return NetworkExportService(self.db, self.audit, self.measure_name)

    @LazyService
    def parameters(self) -> ParameterService:
        from siec_desk.services.parameters import ParameterService

        return ParameterService(self.db, self.reference, self.centre, self.audit)

    @LazyService
    def maintenance(self) -> MaintenanceService:  # check, back up, restore; this file
        from siec_desk.services.maintenance import MaintenanceService

        return MaintenanceService(self.db, self.audit)

    @LazyService
    def centre_settings(self) -> CentreSettingsService:  # every setting at once (centre show|set)
        from siec_desk.services.centre_settings import CentreSettingsService

        return CentreSettingsService(self.branding, self.audit)

    @LazyService
    def readings(self) -> ReadingService:  # a household's consumption readings (bills, meters)
        from siec_desk.services.readings import ReadingService

        return ReadingService(self.db, self.centre, self.audit)

    @LazyService
    def attestations(self) -> AttestationService:  # France Rénov' appointments' attestations
        from siec_desk.services.attestations import AttestationService

        return AttestationService(
            self.db, self.centre, self.archive, self.letters.to_record, self.audit
        )

    @LazyService
    def mail(self) -> MailService:  # letters sent by e-mail, the SMTP password, the test message
        from siec_desk.services.mail.service import MailService

        return MailService(self.db, self.letters, self.households, self.audit)

    @LazyService
    def agenda(self) -> AgendaService:  # follow-ups by day, week or upcoming; done, postpone…
        from siec_desk.services.agenda import AgendaService

        return AgendaService(self.db, self.centre, self.audit)

    @LazyService
    def act_types(self) -> ActTypeService:  # the centre's own act types, the built-ins it hides
        from siec_desk.services.act_types import ActTypeService

        return ActTypeService(self.db, self.audit)

    @LazyService
    def events(self) -> EventService:  # the events register: participants by audience…
        from siec_desk.services.events import EventService

        return EventService(self.db, self.audit)

    @LazyService
    def loans(self) -> LoanService:  # equipment loans: the inventory, lending, returns, overdue
        from siec_desk.services.loans import LoanService

        return LoanService(self.db, self.centre, self.audit)

    @LazyService
    def loan_slips(self) -> LoanSlipService:  # the slip a household signs when it borrows
        from siec_desk.services.loan_slips import LoanSlipService

        return LoanSlipService(self.db, self.centre, self.audit)


def letter_archive_dir(db: Database) -> Path:
    """Letters are kept beside a SQLite file (they travel with it), else in the user's data."""
    path = db.path
    return (path.parent if path else user_data_dir()) / "letters"


def build_context(db: Database, reference: ReferenceData, centre: CentreInfo) -> AppContext:
    context = AppContext(db, reference, centre)
    context.act_types.install()  # the centre's own act types in every label
    return context


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
    return _bind(_open(target, create_parent, backup_dir), reference)


def _open(target: str | Path, create_parent: bool, backup_dir: Path | None) -> Database:
    try:
        return open_database(target, create_parent=create_parent, backup_dir=backup_dir)
    except SqlDatabaseError as exc:  # e.g. a damaged file: SQLite cannot read a page
        raise _unreadable(mask_secrets(str(target)), exc) from exc


def _bind(
    db: Database,
    reference: ReferenceData | None,
    housekeep: bool = True,
    centre: CentreInfo | None = None,
) -> AppContext:
    """The services bound to *db*; *centre*: its centre when the caller has just read it."""
    try:
        reference = reference or ReferenceData()
        reference.sync(db)
        centre = centre or CentreService(db).require()
    except SqlDatabaseError as exc:
        db.close()
        raise _unreadable(db.location, exc) from exc
    except Exception:
        db.close()
        raise
    context = build_context(db, reference, centre)
    if housekeep:
        context.housekeeping()
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
    db = _open(target, create_parent, backup_dir)
    try:
        return _set_up(db, ask)
    except SqlDatabaseError as exc:
        raise _unreadable(db.location, exc) from exc
    finally:
        db.close()


def open_set_up_app(
    target: str | Path,
    ask: Callable[[], CentreSetup | None],
    *,
    create_parent: bool = False,
    backup_dir: Path | None = None,
    housekeep: bool = True,
) -> AppContext | None:
    """:func:`ensure_centre` then :func:`open_app` with one opening of the database (the
    GUI's start: the checks before a migration run once). None: the first run was
    cancelled, nothing is written and the database is closed. ``housekeep=False``: the
    caller runs :meth:`AppContext.housekeeping` itself (the GUI, after its window shows)."""
    db = _open(target, create_parent, backup_dir)
    try:
        centre = _set_up(db, ask)
    except SqlDatabaseError as exc:
        db.close()
        raise _unreadable(db.location, exc) from exc
    except BaseException:
        db.close()
        raise
    if centre is None:
        db.close()
        return None
    return _bind(db, None, housekeep, centre)  # the centre just read: not read again


def _set_up(db: Database, ask: Callable[[], CentreSetup | None]) -> CentreInfo | None:
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


def _unreadable(location: str, exc: SqlDatabaseError) -> DatabaseError:
    """A typed, translated error (the GUI then offers a backup, the CLI names one)."""
    return DatabaseError(
        _("The database {location} cannot be opened: {reason}").format(
            location=location, reason=sqlite_reason(exc)
        )
    )
