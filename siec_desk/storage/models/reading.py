"""A household's consumption reading: a bill over a period, or a meter's index on a day.

Quantities in the kind's unit (``domain/readings.py``); money in minor units of
``currency`` (the centre's). Deleted with the household (``ON DELETE CASCADE``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, Code, utc_now


class ConsumptionReading(Base):
    __tablename__ = "consumption_readings"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(Code)
    source: Mapped[str] = mapped_column(Code)
    start_on: Mapped[date | None]
    end_on: Mapped[date]
    quantity: Mapped[float] = mapped_column(Float)
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    __table_args__ = (Index("ix_consumption_readings_household", "household_id", "kind", "end_on"),)
