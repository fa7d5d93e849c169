"""SQLAlchemy 2 typed models. Importing this package registers every table."""

from siec_desk.storage.models.audit import AuditEvent
from siec_desk.storage.models.catalogue import CatalogueMeasureRow, ParameterSetRow
from siec_desk.storage.models.centre import Advisor, Centre
from siec_desk.storage.models.consultation import (
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
)
from siec_desk.storage.models.erasure import ErasureRecord, PendingFileDeletion
from siec_desk.storage.models.household import Household
from siec_desk.storage.models.letter import Letter
from siec_desk.storage.models.measure import RecommendedMeasure
from siec_desk.storage.models.reading import ConsumptionReading

__all__ = [
    "Advisor",
    "AuditEvent",
    "CatalogueMeasureRow",
    "Centre",
    "Consultation",
    "ConsultationOrientation",
    "ConsultationTheme",
    "ConsumptionReading",
    "ErasureRecord",
    "Household",
    "Letter",
    "ParameterSetRow",
    "PendingFileDeletion",
    "RecommendedMeasure",
]
