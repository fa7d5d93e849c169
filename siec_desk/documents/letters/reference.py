"""The reference number printed on a letter and quoted by the household when it calls back."""

from __future__ import annotations

from datetime import datetime


def letter_reference(consultation_id: int, occurred_at: datetime, network_code: str | None) -> str:
    """``<network code>-<year>-<consultation id>``, e.g. ``ALEC13-2025-000123``."""
    core = f"{occurred_at:%Y}-{consultation_id:06d}"
    return f"{network_code}-{core}" if network_code else core
