"""Concurrent edits: telling who saved a record first, and when.

Households and consultations carry a version counter (SQLAlchemy ``version_id_col``).
A save that names the version it was opened at is refused when the record has moved on,
either by the services' own check or, when two saves race, by the database itself
(the UPDATE matches no row: ``StaleDataError``). Either way nothing is overwritten, and
the error names the last person who changed the record (its latest audit event) and
when, so the advisor can reload their version or knowingly save over it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from siec_desk.core.errors import ConflictError
from siec_desk.core.formatting import format_datetime, isolate, locale_for
from siec_desk.core.i18n import _
from siec_desk.services import audit as a
from siec_desk.storage.models import AuditEvent, Consultation, Household
from siec_desk.texts.audit import actor_label


def _last_event(session: Session, object_type: str, object_id: int) -> AuditEvent | None:
    return session.scalars(
        select(AuditEvent)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == object_id)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(1)
    ).first()


def local_time(moment: datetime) -> datetime:
    """A stored timestamp (UTC) as this PC's wall-clock time (naive)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().replace(tzinfo=None)


def conflict_error(
    session: Session, object_type: str, object_id: int, country: str
) -> ConflictError:
    """The refusal to save over *object_type* *object_id*, naming its last change."""
    model = Household if object_type == a.HOUSEHOLD else Consultation
    version = session.scalar(select(model.version).where(model.id == object_id))
    event = _last_event(session, object_type, object_id)
    if event is None:
        if object_type == a.HOUSEHOLD:
            message = _("This household was changed by someone else since you opened it.")
        else:
            message = _("This consultation was changed by someone else since you opened it.")
        return ConflictError(message, current_version=version)
    who = isolate(actor_label(event.actor))
    when = isolate(format_datetime(local_time(event.occurred_at), locale_for(None, country)))
    if object_type == a.HOUSEHOLD:
        message = _("{who} changed this household on {when}, after you opened it.")
    else:
        message = _("{who} changed this consultation on {when}, after you opened it.")
    return ConflictError(
        message.format(who=who, when=when),
        changed_by=event.actor,
        changed_at=event.occurred_at,
        current_version=version,
    )
