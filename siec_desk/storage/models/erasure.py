"""Erasures that a restore re-applies, and letter files whose deletion is still due.

Neither table holds personal data: an erasure record is a household id, a kind, a time and
who did it; a pending deletion is a path relative to the letters archive (references and
timestamps only, never a name).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, Code, utc_now

#: ``kind`` values: an erasure on request, a retention deletion, a retention anonymisation.
ERASED = "erased"
RETENTION_DELETED = "retention_deleted"
RETENTION_ANONYMISED = "retention_anonymised"
ERASURE_KINDS = (ERASED, RETENTION_DELETED, RETENTION_ANONYMISED)


class ErasureRecord(Base):
    __tablename__ = "erasure_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(Code)
    occurred_at: Mapped[datetime] = mapped_column(default=utc_now)
    actor: Mapped[str] = mapped_column(String(120))


class PendingFileDeletion(Base):
    __tablename__ = "pending_file_deletions"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_path: Mapped[str] = mapped_column(String(1000))
    first_failed_at: Mapped[datetime] = mapped_column(default=utc_now)
    attempts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (UniqueConstraint("file_path"),)
