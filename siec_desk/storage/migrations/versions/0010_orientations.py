"""Where a consultation referred the household (orientation, several allowed).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Released in 0.6.0. Never edit once released: add a new revision instead.
"""

from __future__ import annotations

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in before release


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
