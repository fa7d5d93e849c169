"""The agenda: a follow-up's time, kind, call-result note and cancellation.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.

Four columns on ``consultations`` for the agenda (issue 20): ``follow_up_time`` (the
time of day of a call-back or appointment, null for "any time that day"),
``follow_up_kind`` (``call_back``, ``appointment``, ``visit`` or ``other``; every existing
follow-up becomes a ``call_back``), ``follow_up_note`` (the call-result note written when
the follow-up is done or cancelled: personal free text, emptied by anonymisation) and
``follow_up_postponed`` (how many times it was put off). ``follow_up_status`` gains the
code ``cancelled`` (a code, no constraint to change). An index on the due date and time
serves the agenda's range query.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("follow_up_kind", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("follow_up_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("follow_up_postponed", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_consultations_follow_up_agenda", ["follow_up_due", "follow_up_time"], unique=False
        )
    consultations = sa.table(
        "consultations",
        sa.column("follow_up_kind", sa.String()),
        sa.column("follow_up_status", sa.String()),
    )
    op.execute(
        consultations.update()
        .where(consultations.c.follow_up_status.is_not(None))
        .values(follow_up_kind="call_back")
    )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
