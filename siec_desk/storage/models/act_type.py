"""A centre's act type: one of its own (``x_…``, with its wording and the shared act it
counts as in the network export) or a built-in act it hides (schema 0013)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, Code, utc_now


class ActTypeRow(Base):
    __tablename__ = "act_types"

    code: Mapped[str] = mapped_column(Code, primary_key=True)
    label_fr: Mapped[str | None] = mapped_column(String(80))
    label_ar: Mapped[str | None] = mapped_column(String(80))
    label_en: Mapped[str | None] = mapped_column(String(80))
    maps_to: Mapped[str | None] = mapped_column(Code)
    needs_household: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
