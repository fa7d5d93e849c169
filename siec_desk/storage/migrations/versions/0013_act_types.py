"""The centre's own act types and the act types it hides.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.

``act_types``: one row per act type the centre changed. A centre's own type has a code
``x_`` + 1-30 of [a-z0-9_], its wording in French, Arabic and/or English, ``maps_to``
(NULL, or the built-in act it counts as in the network export), ``needs_household``; a
built-in act (``domain/codes.py`` ActLevel) may have a row only to be ``hidden`` (its
labels, mapping and needs_household stay NULL/false). ``position`` orders the lists.
Nothing personal.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "act_types",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label_fr", sa.String(length=80), nullable=True),
        sa.Column("label_ar", sa.String(length=80), nullable=True),
        sa.Column("label_en", sa.String(length=80), nullable=True),
        sa.Column("maps_to", sa.String(length=40), nullable=True),
        sa.Column("needs_household", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_act_types")),
    )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
