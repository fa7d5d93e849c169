"""The audit trail: who did what to which record, and when — never the personal data itself.

``details`` is a small JSON object of non-personal facts (a period, a threshold, a file's
SHA-256, counts, the names of the fields changed — never their values). ``actor`` is the
advisor's name as it was at the time (advisors can be renamed) or "command line".
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, Code, utc_now


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    advisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("advisors.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(Code)
    object_type: Mapped[str] = mapped_column(Code)
    object_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id"),)
