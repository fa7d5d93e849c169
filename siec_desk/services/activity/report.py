"""The monthly activity report of the centre: the statistics engine's queries run here
(``load_dashboard``), then the document composer (``documents.activity_report``) turns the
figures into the report's content."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.i18n import _
from siec_desk.documents.activity_report.compose import (
    BREAKDOWN_PARTS,
    BREAKDOWNS,
    REPORT_LANGUAGES,
    TREND_MONTHS,
    compose_report,
)
from siec_desk.documents.activity_report.content import ReportContent
from siec_desk.documents.activity_report.events import compose_events
from siec_desk.documents.activity_report.loans import compose_loans
from siec_desk.domain.activity_period import Period
from siec_desk.services.activity.dashboard import load_dashboard
from siec_desk.services.activity.engine import ActivityStats
from siec_desk.services.centre import CentreService
from siec_desk.services.events import event_figures
from siec_desk.services.loans import loan_figures


class ReportService:
    def __init__(self, stats: ActivityStats, centres: CentreService) -> None:
        self.stats = stats
        self.centres = centres

    def monthly(self, period: Period, language: str, today: date | None = None) -> ReportContent:
        if language not in REPORT_LANGUAGES:
            raise ValidationError(
                [FieldError("language", _("Reports are written in French, Arabic or English."))]
            )
        centre = self.centres.require()
        advisors = {a.id: a.display_name for a in self.centres.advisors()}
        from siec_desk.services.parameters import conventions_used

        used = conventions_used(self.stats.db, period.starts_at, period.ends_before)
        dashboard = load_dashboard(
            self.stats,
            period,
            BREAKDOWNS,
            trend_months=TREND_MONTHS,
            breakdown_parts=BREAKDOWN_PARTS,
        )
        content = compose_report(
            dashboard,
            period,
            co2_conventions=tuple(c.name(language) for c in used),
            language=language,
            country=centre.country,
            currency=centre.currency,
            centre_name=centre.name,
            advisors=advisors,
            today=today,
        )
        figures = event_figures(self.stats.db, period.start, period.end)
        events = compose_events(figures, language=language, locale=content.locale)
        lent = loan_figures(self.stats.db, period.start, period.end, today)
        loans = compose_loans(lent, language=language, locale=content.locale)
        return replace(content, events=events, loans=loans)
