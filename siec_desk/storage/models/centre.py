"""The advice centre using this database, and its advisors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from siec_desk.storage.base import Base, utc_now


class Centre(Base):
    __tablename__ = "centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    commune: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    locale: Mapped[str] = mapped_column(String(10))
    currency: Mapped[str] = mapped_column(String(3))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    opening_hours: Mapped[str | None] = mapped_column(String(500))
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str | None] = mapped_column(String(40))
    network_code: Mapped[str | None] = mapped_column(String(40))
    legal_mentions: Mapped[str | None] = mapped_column(Text)
    # Letter branding (revision 0003)
    website: Mapped[str | None] = mapped_column(String(200))
    network_banner: Mapped[str | None] = mapped_column(String(200))
    letter_footer: Mapped[str | None] = mapped_column(Text)
    privacy_contact: Mapped[str | None] = mapped_column(String(300))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    signature_mime: Mapped[str | None] = mapped_column(String(40))
    # Retention (revision 0005): personal data kept this long after the last contact
    retention_years: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # Arabic name for Arabic letters and exports (revision 0008); null: ``name``
    name_ar: Mapped[str | None] = mapped_column(String(200))
    # Outgoing mail server for letters sent by e-mail (revision 0014); the password is in
    # the operating system's keyring, never here
    smtp_host: Mapped[str | None] = mapped_column(String(253))
    smtp_port: Mapped[int | None] = mapped_column(Integer)
    smtp_security: Mapped[str | None] = mapped_column(String(10))  # none | starttls | tls
    smtp_user: Mapped[str | None] = mapped_column(String(254))
    smtp_sender: Mapped[str | None] = mapped_column(String(254))  # the From address
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class Advisor(Base):
    __tablename__ = "advisors"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(default=True)
    # The title's grammatical gender in letters (revision 0008): feminine, masculine,
    # neutral; null prints the neutral title
    title_gender: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
