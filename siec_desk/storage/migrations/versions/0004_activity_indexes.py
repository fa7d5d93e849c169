"""Indexes for the activity statistics and retention queries.

- (household_id, occurred_at): "new or returning household" looks for an earlier
  consultation of the same household; retention looks for each household's last contact.
- follow_up_due and outcome_recorded_on: follow-ups and 6-month outcomes are counted by
  the period their due date or record date falls in, whatever their status.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Released in 0.4.0. Never edit: add a new revision instead.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consultations_household_occurred", ["household_id", "occurred_at"], unique=False
        )
        batch_op.create_index("ix_consultations_follow_up_due", ["follow_up_due"], unique=False)
        batch_op.create_index(
            "ix_consultations_outcome_recorded", ["outcome_recorded_on"], unique=False
        )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
