"""The audit trail: record an event inside the caller's transaction, list events.

An event is written in the same session as the change it describes, so a change and its
audit record commit (or roll back) together. ``details`` must hold no personal data:
periods, thresholds, hashes, counts, field names — never names, contacts or free text.

The acting person is :attr:`AuditService.actor`: the GUI sets it once when the advisor is
chosen or changed (:meth:`AuditService.act_as`); the command line keeps the default,
:data:`COMMAND_LINE`. Actions and object types are the small, stable code sets below
(stored as they are, labels translated when shown).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from siec_desk.core.records import record_from
from siec_desk.domain.audit_codes import (
    ACTIONS as ACTIONS,
)
from siec_desk.domain.audit_codes import (
    BACKUP as BACKUP,
)
from siec_desk.domain.audit_codes import (
    CENTRE as CENTRE,
)
from siec_desk.domain.audit_codes import (  # the codes, re-exported for the services
    COMMAND_LINE as COMMAND_LINE,
)
from siec_desk.domain.audit_codes import (
    CONSULTATION as CONSULTATION,
)
from siec_desk.domain.audit_codes import (
    CREATE as CREATE,
)
from siec_desk.domain.audit_codes import (
    DATABASE as DATABASE,
)
from siec_desk.domain.audit_codes import (
    DELETE as DELETE,
)
from siec_desk.domain.audit_codes import (
    DESK as DESK,
)
from siec_desk.domain.audit_codes import (
    ERASE as ERASE,
)
from siec_desk.domain.audit_codes import (
    EXPORT as EXPORT,
)
from siec_desk.domain.audit_codes import (
    HOUSEHOLD as HOUSEHOLD,
)
from siec_desk.domain.audit_codes import (
    IMPORT as IMPORT,
)
from siec_desk.domain.audit_codes import (
    LETTER as LETTER,
)
from siec_desk.domain.audit_codes import (
    OBJECT_TYPES as OBJECT_TYPES,
)
from siec_desk.domain.audit_codes import (
    PARAMETER_SET as PARAMETER_SET,
)
from siec_desk.domain.audit_codes import (
    PURGE_ANONYMISE as PURGE_ANONYMISE,
)
from siec_desk.domain.audit_codes import (
    PURGE_DELETE as PURGE_DELETE,
)
from siec_desk.domain.audit_codes import (
    READING as READING,
)
from siec_desk.domain.audit_codes import (
    RESTORE as RESTORE,
)
from siec_desk.domain.audit_codes import (
    STATISTICS as STATISTICS,
)
from siec_desk.domain.audit_codes import (
    UPDATE as UPDATE,
)
from siec_desk.storage.base import utc_now
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, AuditEvent

#: The one statement :meth:`AuditService.record_in` sends (compiled once, then cached).
_INSERT_EVENT = insert(AuditEvent)


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

    def act_as(self, advisor_id: int | None) -> None:
        """Later events are the advisor's (their name as it is now), or the desk's."""
        if advisor_id is None:
            self.actor = Actor(DESK)
            return
        with self.db.read() as session:
            advisor = session.get(Advisor, advisor_id)
            name = advisor.display_name if advisor is not None else DESK
        self.actor = Actor(name, advisor_id if advisor is not None else None)

    def record_in(
        self,
        session: Session,
        action: str,
        object_type: str,
        object_id: int | None = None,
        **details: Any,
    ) -> None:
        """Add an event to *session*'s transaction; it commits (or rolls back) with the
        caller's change. A plain INSERT on the session's connection, sent at once: no ORM
        object to track and no id to read back (issue 22: one save's statements)."""
        session.connection().execute(
            _INSERT_EVENT, self._row(action, object_type, object_id, details)
        )

    def record_each_in(
        self,
        session: Session,
        action: str,
        object_type: str,
        events: Sequence[tuple[int | None, dict[str, Any]]],
    ) -> None:
        """Several events of one kind, ``(object_id, details)`` each, in the order given,
        as :meth:`record_in` would write them one by one, but in one executemany."""
        rows = [self._row(action, object_type, object_id, details) for object_id, details in events]
        if rows:
            session.connection().execute(_INSERT_EVENT, rows)

    def _row(
        self, action: str, object_type: str, object_id: int | None, details: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "occurred_at": utc_now(),
            "advisor_id": self.actor.advisor_id,
            "actor": self.actor.name[:120],
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "details": json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
        }

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
            return [_entry(r) for r in session.scalars(query.limit(limit)).all()]

    def about(self, objects: dict[str, list[int]], limit: int = 5000) -> list[AuditEntry]:
        """Events about any of these objects (``{object_type: [ids]}``), oldest first."""
        conditions = [
            (AuditEvent.object_type == kind) & AuditEvent.object_id.in_(ids)
            for kind, ids in objects.items()
            if ids
        ]
        if not conditions:
            return []
        with self.db.read() as session:
            rows = session.scalars(
                select(AuditEvent)
                .where(or_(*conditions))
                .order_by(AuditEvent.occurred_at, AuditEvent.id)
                .limit(limit)
            ).all()
            return [_entry(r) for r in rows]


def _entry(r: AuditEvent) -> AuditEntry:
    return record_from(AuditEntry, r, details=json.loads(r.details or "{}"))


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The names (never the values) of the fields whose value differs, sorted."""
    return sorted(name for name in after if before.get(name) != after[name])
