"""SQLAlchemy 2 typed models. Importing this package registers every table."""

from siec_desk.storage.models.audit import AuditEvent
from siec_desk.storage.models.catalogue import CatalogueMeasureRow, ParameterSetRow
from siec_desk.storage.models.centre import Advisor, Centre
from siec_desk.storage.models.consultation import Consultation, ConsultationTheme
from siec_desk.storage.models.erasure import ErasureRecord, PendingFileDeletion
from siec_desk.storage.models.household import Household
from siec_desk.storage.models.letter import Letter
from siec_desk.storage.models.measure import RecommendedMeasure

__all__ = [
    "Advisor",
    "AuditEvent",
    "CatalogueMeasureRow",
    "Centre",
    "Consultation",
    "ConsultationTheme",
    "ErasureRecord",
    "Household",
    "Letter",
    "ParameterSetRow",
    "PendingFileDeletion",
    "RecommendedMeasure",
]
