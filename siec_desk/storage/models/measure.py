"""A measure recommended in a consultation, with its estimate frozen as a snapshot.

The snapshot (kWh, money, CO2, cost, payback and the parameter-set version used) is
what the letter printed; re-estimating later with new prices must not change history.
Since revision 0007 the figures are the measure's *share* in the consultation's combined
estimate (they add up to the combined totals); ``combination`` says how.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, Code, utc_now


class RecommendedMeasure(Base):
    __tablename__ = "recommended_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    measure_code: Mapped[str] = mapped_column(
        String(64), ForeignKey("catalogue_measures.code"), index=True
    )
    priority: Mapped[int] = mapped_column(Integer)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    kwh_per_year: Mapped[float] = mapped_column(Float)
    money_per_year_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    co2_kg_per_year: Mapped[float] = mapped_column(Float)
    cost_minor: Mapped[int | None] = mapped_column(Integer)
    payback_years: Mapped[float | None] = mapped_column(Float)
    parameter_set_version: Mapped[str] = mapped_column(String(40))
    assumptions: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The measure's place in the combined estimate (0007; None before): see migration 0007
    combination: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(Code, default="recommended")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)

    __table_args__ = (
        # schema 0018: the savings figures of the activity statistics, read from the index
        Index(
            "ix_recommended_measures_figures",
            "consultation_id",
            "status",
            "kwh_per_year",
            "money_per_year_minor",
            "co2_kg_per_year",
            "id",
        ),
    )
