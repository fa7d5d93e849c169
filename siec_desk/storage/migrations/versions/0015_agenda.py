"""The agenda: a follow-up's time, kind, call-result note and cancellation.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.
"""

from __future__ import annotations

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in before release


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
