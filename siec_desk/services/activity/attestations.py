"""The attestations of prior France Rénov' appointments issued in a period (the monthly
report's "attestations issued"): ``letters`` rows of kind ``attestation`` by the local
day they were archived."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select

from siec_desk.domain.activity_period import Period
from siec_desk.storage.database import Database
from siec_desk.storage.models import Letter


def attestations_issued(db: Database, period: Period) -> int:
    first = datetime.combine(period.start, time.min).astimezone(UTC)
    after = datetime.combine(period.end + timedelta(days=1), time.min).astimezone(UTC)
    with db.read() as session:
        found = session.scalar(
            select(func.count(Letter.id)).where(
                Letter.kind == "attestation", Letter.created_at >= first, Letter.created_at < after
            )
        )
    return int(found or 0)
