"""A household's consumption readings (bills or meters).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Released in 0.6.0. Never edit once released: add a new revision instead.
"""

from __future__ import annotations

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in before release


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
