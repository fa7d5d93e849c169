"""A consultation (an advisor's act), its themes and its orientations.

A consultation without household is an anonymous first-level information: only mode,
themes, commune and duration are kept. ``occurred_at`` is the centre's local wall-clock
time (naive): the advisor's day, not a UTC instant.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from siec_desk.storage.base import Base, Code, utc_now
from siec_desk.storage.models.measure import RecommendedMeasure


class Consultation(Base):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("advisors.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    duration_min: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(Code)
    act: Mapped[str] = mapped_column(Code)
    project_type: Mapped[str | None] = mapped_column(Code)  # a France Rénov' appointment's
    origin: Mapped[str | None] = mapped_column(Code)
    commune: Mapped[str | None] = mapped_column(String(120))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    # Follow-up
    follow_up_action: Mapped[str | None] = mapped_column(String(300))
    follow_up_due: Mapped[date | None]
    follow_up_status: Mapped[str | None] = mapped_column(Code)
    follow_up_done_on: Mapped[date | None]
    follow_up_time: Mapped[time | None] = mapped_column(Time)  # schema 0015: the agenda
    follow_up_kind: Mapped[str | None] = mapped_column(Code)
    follow_up_note: Mapped[str | None] = mapped_column(Text)  # the call-result note
    follow_up_postponed: Mapped[int | None] = mapped_column(Integer)
    # 6-month outcome
    outcome_due: Mapped[date | None]
    outcome_status: Mapped[str | None] = mapped_column(Code)
    outcome_recorded_on: Mapped[date | None]
    outcome_works_amount_minor: Mapped[int | None] = mapped_column(Integer)
    outcome_aids_minor: Mapped[int | None] = mapped_column(Integer)
    outcome_abandon_reason: Mapped[str | None] = mapped_column(String(300))
    # schema 0016: the event where the household was met (NULL when the event is deleted)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    themes: Mapped[list[ConsultationTheme]] = relationship(
        cascade="all, delete-orphan", order_by="ConsultationTheme.theme"
    )
    orientations: Mapped[list[ConsultationOrientation]] = relationship(
        cascade="all, delete-orphan", order_by="ConsultationOrientation.code"
    )
    measures: Mapped[list[RecommendedMeasure]] = relationship(
        cascade="all, delete-orphan", order_by="RecommendedMeasure.priority"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_consultations_follow_up", "follow_up_status", "follow_up_due"),
        Index("ix_consultations_outcome", "outcome_status", "outcome_due"),
        Index("ix_consultations_household_occurred", "household_id", "occurred_at"),
        Index("ix_consultations_follow_up_due", "follow_up_due"),
        Index("ix_consultations_outcome_recorded", "outcome_recorded_on"),
        Index("ix_consultations_follow_up_agenda", "follow_up_due", "follow_up_time"),
        # schema 0018: covering indexes of the activity statistics (see the migration)
        Index(
            "ix_consultations_activity",
            "occurred_at",
            "household_id",
            "duration_min",
            "mode",
            "act",
            "advisor_id",
            "origin",
            "commune",
            "id",
        ),
        Index(
            "ix_consultations_follow_up_figures",
            "follow_up_due",
            "follow_up_status",
            "follow_up_done_on",
            "occurred_at",
            "id",
        ),
        Index("ix_consultations_outcome_figures", "outcome_recorded_on", "outcome_status", "id"),
    )


class ConsultationTheme(Base):
    __tablename__ = "consultation_themes"

    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(Code, primary_key=True, index=True)


class ConsultationOrientation(Base):
    """Where the consultation referred the household (schema 0010): one row per code,
    several allowed; not personal (kept by anonymisation, counted by the statistics)."""

    __tablename__ = "consultation_orientations"

    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(Code, primary_key=True, index=True)
