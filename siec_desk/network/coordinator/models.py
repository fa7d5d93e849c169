"""The network database's tables: their own metadata, apart from the centre's schema.

- ``network_meta``: key/value, ``schema_version`` (refuse a newer one);
- ``imports``: one centre's file (network code, country, months, threshold, SHA-256…);
- ``import_months``: the months each import covers; its primary key (network code, month)
  is what guarantees that a centre's month is never counted twice;
- ``import_tables`` and ``cells``: the published entries, one row per measure, ``value``
  NULL when the centre suppressed it;
- ``import_co2_conventions``: the CO2 conventions an import's figures rest on (added in
  December 2026; created on opening, so older network files gain it empty);
- ``import_before_after``: an import's before/after table (format version 3), one row per
  reading kind, figures NULL when the centre suppressed the row (created on opening like
  the conventions: older network files gain it empty, files of versions 1 and 2 add none).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from siec_desk.storage.base import NAMING_CONVENTION, UTCDateTime

#: Raised when a released version changes these tables (with a migration path).
SCHEMA_VERSION = 1


class NetworkBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class NetworkMeta(NetworkBase):
    __tablename__ = "network_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Import(NetworkBase):
    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    network_code: Mapped[str] = mapped_column(String(40), index=True)
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    first_month: Mapped[str] = mapped_column(String(7))
    last_month: Mapped[str] = mapped_column(String(7))
    month_count: Mapped[int]
    format_version: Mapped[int]
    software_version: Mapped[str] = mapped_column(String(40))
    threshold: Mapped[int]
    generated_on: Mapped[date]
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime]


class ImportMonth(NetworkBase):
    __tablename__ = "import_months"

    network_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"), index=True)


class ImportTable(NetworkBase):
    __tablename__ = "import_tables"

    import_id: Mapped[int] = mapped_column(
        ForeignKey("imports.id", ondelete="CASCADE"), primary_key=True
    )
    table_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    group: Mapped[str] = mapped_column("grp", String(20))
    row_dimension: Mapped[str] = mapped_column(String(20))
    column_dimension: Mapped[str] = mapped_column(String(20))


class ImportConvention(NetworkBase):
    __tablename__ = "import_co2_conventions"

    import_id: Mapped[int] = mapped_column(
        ForeignKey("imports.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)


class Cell(NetworkBase):
    __tablename__ = "cells"
    __table_args__ = (Index("ix_cells_table_measure", "table_id", "measure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"), index=True)
    table_id: Mapped[str] = mapped_column(String(80))
    row_key: Mapped[str] = mapped_column(String(200))
    column_key: Mapped[str] = mapped_column(String(200))
    measure: Mapped[str] = mapped_column(String(40))
    value: Mapped[int | None] = mapped_column(BigInteger)
    suppressed: Mapped[bool] = mapped_column(Boolean)


class ImportBeforeAfter(NetworkBase):
    __tablename__ = "import_before_after"

    import_id: Mapped[int] = mapped_column(
        ForeignKey("imports.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    suppressed: Mapped[bool] = mapped_column(Boolean)
    households: Mapped[int | None]
    quantity_before: Mapped[float | None] = mapped_column(Float)
    quantity_after: Mapped[float | None] = mapped_column(Float)
    change_percent: Mapped[float | None] = mapped_column(Float)
    amount_before_minor: Mapped[int | None] = mapped_column(BigInteger)
    amount_after_minor: Mapped[int | None] = mapped_column(BigInteger)
