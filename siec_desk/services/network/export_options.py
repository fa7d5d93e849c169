"""What a network export is asked for and what it leaves behind: the options (a whole
calendar month, quarter or year, a threshold), the limits the dialog and the CLI offer,
the export log read back from the audit trail, and the digest of the published figures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from siec_desk.core.errors import FieldError, SiecError, ValidationError
from siec_desk.core.i18n import _
from siec_desk.domain.activity_period import Period, month
from siec_desk.network.export.export_format import NetworkExport, to_json

DEFAULT_THRESHOLD = 11
MIN_THRESHOLD, MAX_THRESHOLD = 3, 100
#: How far back the dialog offers periods (months).
MAX_MONTHS = 60
#: The lengths of the fixed calendar periods an export may cover, and the month each
#: starts in: a month, a quarter (January, April, July, October) or a year (January).
QUARTER_STARTS = (1, 4, 7, 10)
#: Every export logged: enough to refuse a later one that overlaps it.
LOG_LIMIT = 1_000_000
FORMATS = ("json", "csv", "xlsx")
WORKERS = 2
#: A commune is named when it has this many times k consultations (and k a month).
NAMED_FACTOR = 10
UNKNOWN = "unknown"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportCancelledError(SiecError):
    """The user cancelled the preview: nothing was built or written."""


class ExportOverlapError(SiecError):
    """The export would overlap one already written: nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    first_month: date  # any day of the first month
    last_month: date  # any day of the last month
    threshold: int = DEFAULT_THRESHOLD

    def months(self) -> list[Period]:
        found = [month(self.first_month)]
        while found[-1].end < self.last_month.replace(day=1):
            found.append(month(found[-1].end + timedelta(days=1)))
        return found

    def period(self) -> Period:
        months = self.months()
        return Period(months[0].start, months[-1].end)

    def is_calendar_period(self) -> bool:
        """A whole calendar month, quarter or year (the only periods exported)."""
        count, first = len(self.months()), self.first_month.month
        return (
            count == 1 or (count == 3 and first in QUARTER_STARTS) or (count == 12 and first == 1)
        )


@dataclass(frozen=True)
class ExportRecord:
    path: Path
    format: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ExportLogEntry:
    occurred_at: datetime
    actor: str
    period_from: str
    period_to: str
    threshold: int
    format: str
    sha256: str
    file_name: str
    #: SHA-256 of the published figures (the file without its date and software
    #: version): the same figures give the same digest in every format. "" before 0.5.
    figures: str = ""

    def months(self) -> set[str]:
        if not self.period_from or not self.period_to:
            return set()
        first = date.fromisoformat(self.period_from + "-01")
        last = date.fromisoformat(self.period_to + "-01")
        return {f"{m.start:%Y-%m}" for m in ExportOptions(first, last).months()}


def figures_digest(document: NetworkExport) -> str:
    """SHA-256 of what an export publishes: period, threshold, places and tables (not the
    day it was made, nor the software version)."""
    data = to_json(document)
    for volatile in ("generated_on", "software"):
        data.pop(volatile, None)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError(
            [FieldError("out", _("The export must be a .json, .csv or .xlsx file."))]
        )
    return suffix
