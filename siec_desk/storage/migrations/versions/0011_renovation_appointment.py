"""The prior France Rénov' appointment and its attestation.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Released in 0.6.0. Never edit once released: add a new revision instead.
"""

from __future__ import annotations

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in before release


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
