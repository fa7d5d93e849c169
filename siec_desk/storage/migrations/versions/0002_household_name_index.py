"""Index households by name for the windowed household list (ORDER BY name, OFFSET).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Released in 0.2.0. Never edit: add a new revision instead.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index("ix_households_name", ["last_name", "first_name", "id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
