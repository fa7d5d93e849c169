"""SQLAlchemy 2 typed models. Importing this package registers every table."""

from siec_desk.storage.models.act_type import ActTypeRow
from siec_desk.storage.models.audit import AuditEvent
from siec_desk.storage.models.catalogue import CatalogueMeasureRow, ParameterSetRow
from siec_desk.storage.models.centre import Advisor, Centre
from siec_desk.storage.models.consultation import (
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
)
from siec_desk.storage.models.erasure import ErasureRecord, PendingFileDeletion
from siec_desk.storage.models.event import Event, EventAdvisor, EventAudience, EventTheme
from siec_desk.storage.models.household import Household
from siec_desk.storage.models.letter import Letter, LetterSending
from siec_desk.storage.models.loan import Loan, LoanItem
from siec_desk.storage.models.measure import RecommendedMeasure
from siec_desk.storage.models.reading import ConsumptionReading

__all__ = [
    "ActTypeRow",
    "Advisor",
    "AuditEvent",
    "CatalogueMeasureRow",
    "Centre",
    "Consultation",
    "ConsultationOrientation",
    "ConsultationTheme",
    "ConsumptionReading",
    "ErasureRecord",
    "Event",
    "EventAdvisor",
    "EventAudience",
    "EventTheme",
    "Household",
    "Letter",
    "LetterSending",
    "Loan",
    "LoanItem",
    "ParameterSetRow",
    "PendingFileDeletion",
    "RecommendedMeasure",
]
