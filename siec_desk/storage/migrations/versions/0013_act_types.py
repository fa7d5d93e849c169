"""The centre's own act types and the act types it hides.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.
"""

from __future__ import annotations

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in before release


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
