"""The audit trail: record an event inside the caller's transaction, list events.

An event is written in the same session as the change it describes, so a change and its
audit record commit (or roll back) together. ``details`` must hold no personal data:
periods, thresholds, hashes, counts, field names — never names, contacts or free text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from siec_desk.storage.database import Database
from siec_desk.storage.models import AuditEvent

#: The actor of work done from the command line (no advisor chosen).
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Actor:
    """Who is acting: the chosen advisor in the GUI, or the command line."""

    name: str = COMMAND_LINE
    advisor_id: int | None = None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    occurred_at: datetime
    actor: str
    action: str
    object_type: str
    object_id: int | None
    details: dict[str, Any]


class AuditService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self.db = db
        self.actor = actor or Actor()

    def record_in(
        self,
        session: Session,
        action: str,
        object_type: str,
        object_id: int | None = None,
        **details: Any,
    ) -> None:
        """Add an event to *session*; it commits with the caller's change."""
        session.add(
            AuditEvent(
                advisor_id=self.actor.advisor_id,
                actor=self.actor.name[:120],
                action=action,
                object_type=object_type,
                object_id=object_id,
                details=json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
            )
        )

    def record(
        self, action: str, object_type: str, object_id: int | None = None, **details: Any
    ) -> None:
        """Record an event in its own transaction (for work outside the database)."""
        with self.db.write() as session:
            self.record_in(session, action, object_type, object_id, **details)

    def events(
        self,
        *,
        object_type: str | None = None,
        object_id: int | None = None,
        action: str | None = None,
        limit: int = 500,
    ) -> list[AuditEntry]:
        """Newest first."""
        query = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        if object_type is not None:
            query = query.where(AuditEvent.object_type == object_type)
        if object_id is not None:
            query = query.where(AuditEvent.object_id == object_id)
        if action is not None:
            query = query.where(AuditEvent.action == action)
        with self.db.read() as session:
            rows = session.scalars(query.limit(limit)).all()
            return [
                AuditEntry(
                    id=r.id,
                    occurred_at=r.occurred_at,
                    actor=r.actor,
                    action=r.action,
                    object_type=r.object_type,
                    object_id=r.object_id,
                    details=json.loads(r.details or "{}"),
                )
                for r in rows
            ]
