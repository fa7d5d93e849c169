"""Erasures that survive a restore, and letter files still to delete.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

Released in 0.5.0. Never edit: add a new revision instead.

``erasure_records`` holds no personal data: which household id was erased (or
anonymised by the retention rule), when, by whom (the advisor's name or "command
line") and how. A restore re-applies these records, so an erased person never comes
back from an older backup.

``pending_file_deletions`` lists archived letter files whose deletion failed (a PDF
open in a viewer on Windows, a read-only file): they are retried at every start and
every erasure. The path is relative to the letters archive and names no one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_records")),
    )
    with op.batch_alter_table("erasure_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasure_records_household_id"), ["household_id"])

    op.create_table(
        "pending_file_deletions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_path", sa.String(length=1000), nullable=False),
        sa.Column("first_failed_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_file_deletions")),
        sa.UniqueConstraint("file_path", name=op.f("uq_pending_file_deletions_file_path")),
    )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
