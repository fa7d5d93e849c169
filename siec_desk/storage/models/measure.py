"""A measure recommended in a consultation, with its estimate frozen as a snapshot.

The snapshot (kWh, money, CO2, cost, payback and the parameter-set version used) is
what the letter printed; re-estimating later with new prices must not change history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String
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
    status: Mapped[str] = mapped_column(Code, default="recommended")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
