"""The measure catalogue and dated parameter sets, loaded from ``resources/``.

The JSON files are the source; these rows are their copy in the database so queries
can join on measure codes and a letter can show which parameter set it used.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, Code, utc_now


class CatalogueMeasureRow(Base):
    __tablename__ = "catalogue_measures"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    countries: Mapped[str] = mapped_column(String(20))  # "FR,MA,TN"
    theme: Mapped[str] = mapped_column(Code)
    kind: Mapped[str] = mapped_column(Code)
    default_priority: Mapped[int] = mapped_column(Integer)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(default=utc_now)


class ParameterSetRow(Base):
    __tablename__ = "parameter_sets"

    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    valid_from: Mapped[date]
    currency: Mapped[str] = mapped_column(String(3))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(default=utc_now)
