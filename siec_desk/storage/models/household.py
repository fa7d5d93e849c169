"""A household (optional identity) and its dwelling.

``search_text`` holds the folded name, phone, e-mail and commune words
(:mod:`siec_desk.domain.normalise`); the search backends index it. ``version`` is an
optimistic-locking counter checked on every ORM flush.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, Code, utc_now


class Household(Base):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)  # E.164
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(300))
    commune: Mapped[str | None] = mapped_column(String(120), index=True)
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2))
    tenure: Mapped[str | None] = mapped_column(Code)
    household_size: Mapped[int | None] = mapped_column(Integer)
    reference_income: Mapped[int | None] = mapped_column(Integer)  # French RFR, euros
    ile_de_france: Mapped[bool] = mapped_column(default=False)
    income_category: Mapped[str] = mapped_column(Code, default="unknown")
    # Dwelling
    dwelling_type: Mapped[str | None] = mapped_column(Code)
    construction_period: Mapped[str | None] = mapped_column(Code)
    surface_m2: Mapped[float | None] = mapped_column(Float)
    heating_energy: Mapped[str | None] = mapped_column(Code)
    hot_water_energy: Mapped[str | None] = mapped_column(Code)
    heating_kwh_per_year: Mapped[float | None] = mapped_column(Float)
    electricity_kwh_per_year: Mapped[float | None] = mapped_column(Float)
    annual_energy_bill_minor: Mapped[int | None] = mapped_column(Integer)
    butane_bottles_per_month: Mapped[float | None] = mapped_column(Float)
    # A flat on the top floor (under the roof); None when unknown or not a flat (0007)
    top_floor: Mapped[bool | None]
    # The dwelling's energy label (France, 0009): class A–G, date, ADEME number
    dpe_class: Mapped[str | None] = mapped_column(Code)
    dpe_date: Mapped[date | None]
    dpe_number: Mapped[str | None] = mapped_column(String(13))
    # Preferences and consent
    letter_language: Mapped[str] = mapped_column(String(2), default="fr")
    consent_recontact_on: Mapped[date | None]
    consent_wording: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # Set when retention anonymised the household: identity, contacts and free text gone
    anonymised_at: Mapped[datetime | None] = mapped_column(index=True)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_households_name", "last_name", "first_name", "id"),)

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)
