"""The dwelling's energy label (DPE, France): class, date and ADEME number.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Released in 0.6.0. Never edit: add a new revision instead.

``households.dpe_class``: the class of the dwelling's DPE, ``A`` (best) to ``G``; labels
issued from 2026 use the lower electricity conversion factor. ``households.dpe_date``:
the day the DPE was made. ``households.dpe_number``: its 13-character ADEME number,
upper-case (it identifies the dwelling: cleared by anonymisation). All three null when
unknown, and for centres outside France.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dpe_class", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("dpe_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("dpe_number", sa.String(length=13), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
