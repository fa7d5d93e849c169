"""An event of the events register (schema 0016): a stand, a school visit, a mobile-desk
day…, with its participants counted by audience (people, not households), its themes and
the advisors who ran it. A consultation may say it met its household there
(``consultations.event_id``, set to NULL when the event is deleted). Nothing personal.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from siec_desk.storage.base import Base, Code, utc_now


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date]
    starts_at: Mapped[time | None] = mapped_column(Time)
    duration_min: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(Code)
    title: Mapped[str | None] = mapped_column(String(200))
    commune: Mapped[str | None] = mapped_column(String(120))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    place: Mapped[str | None] = mapped_column(String(300))
    partners: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    audiences: Mapped[list[EventAudience]] = relationship(
        cascade="all, delete-orphan", order_by="EventAudience.audience"
    )
    themes: Mapped[list[EventTheme]] = relationship(
        cascade="all, delete-orphan", order_by="EventTheme.theme"
    )
    advisors: Mapped[list[EventAdvisor]] = relationship(
        cascade="all, delete-orphan", order_by="EventAdvisor.advisor_id"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_events_occurred_on", "occurred_on", "event_type"),)


class EventAudience(Base):
    """How many people of one audience took part (0–100 000)."""

    __tablename__ = "event_audiences"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    audience: Mapped[str] = mapped_column(Code, primary_key=True)
    participants: Mapped[int] = mapped_column(Integer)


class EventTheme(Base):
    __tablename__ = "event_themes"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(Code, primary_key=True)


class EventAdvisor(Base):
    __tablename__ = "event_advisors"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    advisor_id: Mapped[int] = mapped_column(
        ForeignKey("advisors.id", ondelete="CASCADE"), primary_key=True, index=True
    )
