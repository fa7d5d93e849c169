"""The centre's act types: list the built-in acts and its own (``x_…``) with how many
consultations use each; add, change, hide or show, delete an own type no consultation
uses. Every change is checked whole (:func:`~siec_desk.domain.act_types.apply_change`),
audited in the same transaction (``act_type``: the code and the field names), and then
installed for the labels (:mod:`siec_desk.texts.act_names`).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siec_desk.core.errors import FieldError, NotFoundError, ValidationError
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain import audit_codes as a
from siec_desk.domain.act_types import (
    BUILT_IN,
    ActType,
    ActTypeChange,
    CentreActs,
    apply_change,
)
from siec_desk.services.audit import AuditService
from siec_desk.storage.database import Database
from siec_desk.storage.models import ActTypeRow, Consultation
from siec_desk.texts import act_names

_COLUMNS = ("label_fr", "label_ar", "label_en", "maps_to", "needs_household", "hidden", "position")
_CENTRE_ACTS = select(*(getattr(ActTypeRow, name) for name in ("code", *_COLUMNS)))


def _record(row: ActTypeRow | None, code: str, used_by: int) -> ActType:
    builtin = code in BUILT_IN
    if row is None:
        return ActType(code=code, builtin=True, position=BUILT_IN.index(code), used_by=used_by)
    return ActType(
        code=code,
        builtin=builtin,
        label_fr=row.label_fr,
        label_ar=row.label_ar,
        label_en=row.label_en,
        maps_to=row.maps_to,
        needs_household=bool(row.needs_household),
        hidden=bool(row.hidden),
        position=row.position,
        used_by=used_by,
    )


def centre_acts(session: Session) -> CentreActs:
    """The centre's own and hidden act types, as the rules need them. Read on every
    consultation save, so as plain rows on the session's connection (no ORM objects)."""
    rows = session.connection().execute(_CENTRE_ACTS).all()
    return CentreActs.of(_record(r, r.code, 0) for r in rows)  # type: ignore[arg-type]


def _usage(session: Session) -> dict[str, int]:
    counts = session.execute(
        select(Consultation.act, func.count()).group_by(Consultation.act)
    ).all()
    return {str(act): int(n) for act, n in counts}


class ActTypeService:
    def __init__(self, db: Database, audit: AuditService) -> None:
        self.db = db
        self.audit = audit

    def list(self) -> list[ActType]:
        """Built-ins then own types, in the centre's order, with their usage."""
        with self.db.read() as session:
            rows = {r.code: r for r in session.scalars(select(ActTypeRow))}
            usage = _usage(session)
        codes = list(BUILT_IN) + sorted(c for c in rows if c not in BUILT_IN)
        types = [_record(rows.get(c), c, usage.get(c, 0)) for c in codes]
        return sorted(types, key=lambda t: (t.position, not t.builtin, t.code))

    def acts(self) -> CentreActs:
        with self.db.read() as session:
            return centre_acts(session)

    def install(self) -> CentreActs:
        """Read the centre's act types and make every label show them."""
        acts = self.acts()
        act_names.install(acts)
        return acts

    def get(self, code: str) -> ActType:
        for t in self.list():
            if t.code == code:
                return t
        raise NotFoundError(_("Act type “{code}” not found.").format(code=code))

    def add(self, code: str, change: ActTypeChange) -> ActType:
        """A new own type (``ValidationError`` if the code exists or anything is wrong)."""
        code = code.strip()
        with self.db.write() as session:
            if code in BUILT_IN or session.get(ActTypeRow, code) is not None:
                error = _("The act type “{code}” already exists.").format(code=code)
                raise ValidationError([FieldError("code", error)])
            last = session.scalar(select(func.max(ActTypeRow.position)))
            position = max(last or 0, len(BUILT_IN)) + 1
            new = apply_change(code, None, change, position=position)
            row = ActTypeRow(code=code)
            self._write(row, new)
            session.add(row)
            fields = [c for c in _COLUMNS if getattr(new, c) not in (None, False)]
            self.audit.record_in(session, a.CREATE, a.ACT_TYPE, act_type=code, fields=fields)
        self.install()
        return new

    def update(self, code: str, change: ActTypeChange) -> ActType:
        """Change a type's wording, mapping or order, or hide or show it (a built-in act
        can only be hidden or shown; ``info`` and ``advice`` never hidden)."""
        with self.db.write() as session:
            row = session.get(ActTypeRow, code)
            if row is None and code not in BUILT_IN:
                raise NotFoundError(_("Act type “{code}” not found.").format(code=code))
            current = _record(row, code, 0)
            new = apply_change(code, current, change, position=current.position)
            fields = [c for c in _COLUMNS if getattr(new, c) != getattr(current, c)]
            if fields:
                if row is None:
                    row = ActTypeRow(code=code)
                    session.add(row)
                self._write(row, new)
                self.audit.record_in(session, a.UPDATE, a.ACT_TYPE, act_type=code, fields=fields)
        self.install()
        return new

    def delete(self, code: str) -> None:
        """Delete an own type no consultation uses (else refused: hide it instead)."""
        with self.db.write() as session:
            row = session.get(ActTypeRow, code)
            if code in BUILT_IN:
                message = _("A built-in act cannot be deleted; hide it instead.")
                raise ValidationError([FieldError("code", message)])
            if row is None:
                raise NotFoundError(_("Act type “{code}” not found.").format(code=code))
            used = _usage(session).get(code, 0)
            if used:
                message = ngettext(
                    "“{code}” is used by {n} consultation: hide it instead of deleting it.",
                    "“{code}” is used by {n} consultations: hide it instead of deleting it.",
                    used,
                ).format(code=code, n=used)
                raise ValidationError([FieldError("code", message)])
            session.delete(row)
            self.audit.record_in(session, a.DELETE, a.ACT_TYPE, act_type=code)
        self.install()

    @staticmethod
    def _write(row: ActTypeRow, new: ActType) -> None:
        for column in _COLUMNS:
            setattr(row, column, getattr(new, column))
