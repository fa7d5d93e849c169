"""Equipment loans (schema 0017): the inventory (add, change, list with who has each
item), lending an item to a household, its return (the state it came back in becomes the
item's), loans listed (open, overdue, by household, an item's history) and a period's
figures.

Every write is checked whole by ``domain/loan_rules.py`` and audited in the same
transaction (objects ``loan_item`` and ``loan``, ids and field names, never values).
Lending reads the item and writes its version in the same transaction, so an item is
never out twice even when two desks lend it at once (the second gets a conflict).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Row, Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from siec_desk.core.errors import ConflictError, FieldError, ValidationError
from siec_desk.core.formatting import currency_digits
from siec_desk.core.i18n import _
from siec_desk.domain import audit_codes as a
from siec_desk.domain.loan_records import (
    ItemInput,
    ItemRecord,
    LendInput,
    LoanFigures,
    LoanRecord,
    ReturnInput,
)
from siec_desk.domain.loan_rules import (
    count_loans,
    is_overdue,
    lendable,
    validate_item,
    validate_lend,
    validate_return,
)
from siec_desk.domain.validation import Checker
from siec_desk.services.audit import AuditService, changed_fields
from siec_desk.services.centre import CentreInfo
from siec_desk.storage.base import utc_now
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, Household, Loan, LoanItem
from siec_desk.storage.sessions import get_row

#: How many days ahead Today lists the loans due back.
DUE_SOON_DAYS = 7


def _item_missing() -> str:
    return _("Item {id} not found.")


def _missing(model: type[Household] | type[LoanItem]) -> str:
    return _item_missing() if model is LoanItem else _("Household {id} not found.")


def _loan_missing() -> str:
    return _("Loan {id} not found.")


def _loans_query() -> Select[Loan, LoanItem, str | None, str | None]:
    return (
        select(Loan, LoanItem, Household.first_name, Household.last_name)
        .join(LoanItem, LoanItem.id == Loan.item_id)
        .join(Household, Household.id == Loan.household_id)
    )


def _household_name(household_id: int, first: str | None, last: str | None) -> str:
    name = " ".join(p for p in (first, last) if p)
    return name or _("Household {id}").format(id=household_id)


def loan_record(
    loan: Loan, item: LoanItem, first: str | None, last: str | None, today: date
) -> LoanRecord:
    return LoanRecord(
        id=loan.id,
        item_id=item.id,
        item_name=item.item_name,
        item_type=item.item_type,
        item_label=item.label,
        household_id=loan.household_id,
        household_name=_household_name(loan.household_id, first, last),
        advisor_id=loan.advisor_id,
        out_on=loan.out_on,
        due_on=loan.due_on,
        deposit_minor=loan.deposit_minor,
        currency=loan.currency,
        returned_on=loan.returned_on,
        state_at_return=loan.state_at_return,
        notes=loan.notes,
        overdue=is_overdue(loan.due_on, loan.returned_on, today),
        version=loan.version,
    )


def _from_row(row: Row[Loan, LoanItem, str | None, str | None], today: date) -> LoanRecord:
    loan, item, first, last = row
    return loan_record(loan, item, first, last, today)


def household_loans(session: Session, household_id: int) -> list[dict[str, object]]:
    """The household's loans as JSON, oldest first (the rights export)."""
    query = _loans_query().where(Loan.household_id == household_id).order_by(Loan.out_on, Loan.id)
    today = date.today()
    return [_from_row(r, today).as_json() for r in session.execute(query)]


def loan_figures(db: Database, start: date, end: date, today: date | None = None) -> LoanFigures:
    """A period's loans (the Activity page and the monthly report count with this)."""
    today = today or date.today()
    with db.read() as session:
        rows = session.execute(_loans_query().where(Loan.out_on <= end))
        return count_loans([_from_row(r, today) for r in rows], start, end, today)


class LoanService:
    def __init__(self, db: Database, centre: CentreInfo, audit: AuditService) -> None:
        self.db = db
        self.centre = centre
        self.audit = audit
        #: The day loans are judged against (tests and screenshots fix it).
        self.today: Callable[[], date] = date.today

    # -- the inventory ------------------------------------------------------------------
    def add_item(self, data: ItemInput) -> int:
        valid = validate_item(data)
        with self.db.write() as session:
            self._label_free(session, valid.label, None)
            row = LoanItem(**valid.columns())
            session.add(row)
            self._flush(session)
            filled = sorted(k for k, v in valid.columns().items() if v is not None)
            self.audit.record_in(session, a.CREATE, a.LOAN_ITEM, row.id, fields=filled)
            return row.id

    def update_item(
        self, item_id: int, data: ItemInput, expected_version: int | None = None
    ) -> None:
        """Change the item; with *expected_version*, refuse if someone saved it in between."""
        valid = validate_item(data)
        with self.db.write() as session:
            row = get_row(session, LoanItem, item_id, _item_missing())
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(
                    _("This item was changed by someone else since you opened it."),
                    current_version=row.version,
                )
            self._label_free(session, valid.label, item_id)
            values = valid.columns()
            before = {name: getattr(row, name) for name in values}
            fields = changed_fields(before, values)
            if fields:
                for name, value in values.items():
                    setattr(row, name, value)
                self._flush(session)
                self.audit.record_in(session, a.UPDATE, a.LOAN_ITEM, item_id, fields=fields)

    def items(self, *, today: date | None = None) -> list[ItemRecord]:
        """The inventory by name, each item with its open loan (if it is out)."""
        today = today or self.today()
        with self.db.read() as session:
            counts = dict(
                session.execute(select(Loan.item_id, func.count()).group_by(Loan.item_id)).all()
            )
            current = {
                found.item_id: found
                for found in (
                    _from_row(r, today)
                    for r in session.execute(_loans_query().where(Loan.returned_on.is_(None)))
                )
            }
            rows = session.scalars(select(LoanItem).order_by(LoanItem.item_name, LoanItem.id))
            return [_item_record(r, counts.get(r.id, 0), current.get(r.id)) for r in rows]

    def item(self, item_id: int, *, today: date | None = None) -> ItemRecord:
        found = [i for i in self.items(today=today) if i.id == item_id]
        if not found:
            with self.db.read() as session:  # a NotFoundError in the user's words
                get_row(session, LoanItem, item_id, _item_missing())
        return found[0]

    # -- lending and returns ------------------------------------------------------------
    def lend(self, data: LendInput, *, today: date | None = None) -> int:
        """Lend the item to the household (``NotFoundError`` without either)."""
        today = today or self.today()
        digits = currency_digits(self.centre.currency)
        advisor_id = data.advisor_id or self.audit.actor.advisor_id
        with self.db.write() as session:
            item = get_row(session, LoanItem, data.item_id, _item_missing())
            get_row(session, Household, data.household_id, _("Household {id} not found."))
            if advisor_id is not None and session.get(Advisor, advisor_id) is None:
                advisor_id = None
            is_out = session.scalar(
                select(func.count())
                .select_from(Loan)
                .where(Loan.item_id == item.id, Loan.returned_on.is_(None))
            )
            valid = validate_lend(
                data,
                today=today,
                item_state=item.state,
                item_is_out=bool(is_out),
                minor_digits=digits,
            )
            row = Loan(
                item_id=item.id,
                household_id=data.household_id,
                advisor_id=advisor_id,
                out_on=valid.out_on,
                due_on=valid.due_on,
                deposit_minor=valid.deposit_minor,
                currency=self.centre.currency,
                notes=valid.notes,
            )
            session.add(row)
            item.updated_at = utc_now()  # the item's version moves: a concurrent lend fails
            self._flush(session)
            filled = ["out_on", "due_on"]
            filled += ["deposit"] if valid.deposit_minor is not None else []
            filled += ["notes"] if valid.notes else []
            self.audit.record_in(
                session,
                a.CREATE,
                a.LOAN,
                row.id,
                household_id=data.household_id,
                item_id=item.id,
                fields=filled,
            )
            return row.id

    def return_loan(self, loan_id: int, data: ReturnInput, *, today: date | None = None) -> None:
        """The item came back: the loan is closed and the item takes the state it came
        back in."""
        today = today or self.today()
        with self.db.write() as session:
            row = get_row(session, Loan, loan_id, _loan_missing())
            item = get_row(session, LoanItem, row.item_id, _item_missing())
            valid = validate_return(
                data,
                today=today,
                out_on=row.out_on,
                returned_on=row.returned_on,
                item_state=item.state,
            )
            row.returned_on = valid.returned_on
            row.state_at_return = valid.state_at_return
            if valid.notes:
                row.notes = "\n".join(p for p in (row.notes, valid.notes) if p)
            fields = ["returned_on", "state_at_return"] + (["notes"] if valid.notes else [])
            item.state = valid.state_at_return
            item.updated_at = utc_now()
            self._flush(session)
            self.audit.record_in(
                session,
                a.UPDATE,
                a.LOAN,
                loan_id,
                household_id=row.household_id,
                item_id=item.id,
                fields=fields,
            )

    # -- lists ----------------------------------------------------------------------
    def loan(self, loan_id: int, *, today: date | None = None) -> LoanRecord:
        today = today or self.today()
        with self.db.read() as session:
            got = session.execute(_loans_query().where(Loan.id == loan_id)).first()
            if got is None:
                get_row(session, Loan, loan_id, _loan_missing())
            assert got is not None
            return _from_row(got, today)

    def loans(
        self,
        *,
        open_only: bool = False,
        overdue: bool = False,
        household_id: int | None = None,
        item_id: int | None = None,
        today: date | None = None,
    ) -> list[LoanRecord]:
        """Loans, newest first: only open ones, only overdue ones (due before *today*,
        not returned), one household's, one item's (its history)."""
        today = today or self.today()
        query = _loans_query().order_by(Loan.out_on.desc(), Loan.id.desc())
        if open_only or overdue:
            query = query.where(Loan.returned_on.is_(None))
        if overdue:
            query = query.where(Loan.due_on < today)
        if household_id is not None:
            query = query.where(Loan.household_id == household_id)
        if item_id is not None:
            query = query.where(Loan.item_id == item_id)
        with self.db.read() as session:
            for model, key in ((Household, household_id), (LoanItem, item_id)):
                if key is not None:
                    get_row(session, model, key, _missing(model))
            return [_from_row(r, today) for r in session.execute(query).all()]

    def due_back(self, *, days: int = DUE_SOON_DAYS, today: date | None = None) -> list[LoanRecord]:
        """Open loans due back within *days* (overdue ones included), soonest due first."""
        today = today or self.today()
        query = (
            _loans_query()
            .where(Loan.returned_on.is_(None), Loan.due_on <= today + timedelta(days=days))
            .order_by(Loan.due_on, Loan.id)
        )
        with self.db.read() as session:
            return [_from_row(r, today) for r in session.execute(query).all()]

    def figures(self, start: date, end: date, *, today: date | None = None) -> LoanFigures:
        """Loans lent from *start* to *end*, out and overdue at its end (or today)."""
        return loan_figures(self.db, start, end, today or self.today())

    # -- helpers ----------------------------------------------------------------------
    @staticmethod
    def _label_free(session: Session, label: str | None, item_id: int | None) -> None:
        if label is None:
            return
        other = aliased(LoanItem)
        query = select(other.id).where(func.lower(other.label) == label.lower())
        if item_id is not None:
            query = query.where(other.id != item_id)
        if session.scalar(query.limit(1)) is not None:
            check = Checker()
            check.add("label", _("Another item already has this label."))
            check.raise_if_any()

    @staticmethod
    def _flush(session: Session) -> None:
        try:
            session.flush()
        except IntegrityError as exc:  # a label taken by a concurrent desk
            raise ValidationError(
                [FieldError("label", _("Another item already has this label."))]
            ) from exc
        except StaleDataError as exc:  # another desk lent or changed the item meanwhile
            raise ConflictError(
                _("This item was changed by someone else since you opened it.")
            ) from exc


def _item_record(row: LoanItem, loans: int, current: LoanRecord | None) -> ItemRecord:
    return ItemRecord(
        id=row.id,
        item_name=row.item_name,
        item_type=row.item_type,
        label=row.label,
        state=row.state,
        location=row.location,
        notes=row.notes,
        version=row.version,
        loans=loans,
        current=current,
        available=current is None and lendable(row.state),
    )
