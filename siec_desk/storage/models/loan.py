"""Equipment loans (schema 0017): the centre's lendable items and each time one is lent.

A loan is deleted with its household (``ON DELETE CASCADE``); an item with loans cannot
be deleted (``RESTRICT``: it is retired instead). Money in minor units of ``currency``
(the centre's). The rules are in ``domain/loan_rules.py``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, Code, utc_now


class LoanItem(Base):
    __tablename__ = "loan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_name: Mapped[str] = mapped_column(String(120))
    item_type: Mapped[str] = mapped_column(Code)
    label: Mapped[str | None] = mapped_column(String(120), unique=True)
    state: Mapped[str] = mapped_column(Code)
    location: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class Loan(Base):
    __tablename__ = "loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("loan_items.id", ondelete="RESTRICT"))
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("advisors.id", ondelete="SET NULL"))
    out_on: Mapped[date]
    due_on: Mapped[date]
    deposit_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    returned_on: Mapped[date | None]
    state_at_return: Mapped[str | None] = mapped_column(Code)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_loans_item", "item_id", "out_on"),
        Index("ix_loans_household", "household_id", "out_on"),
        Index("ix_loans_due", "returned_on", "due_on"),
    )
