"""A household's consumption readings (bills or meters).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Released in 0.6.0. Never edit once released: add a new revision instead.

``consumption_readings``: one row per bill (``start_on`` to ``end_on``, the quantity used
and the amount paid) or meter reading (``end_on`` only, the meter's index), of ``kind``
``electricity_kwh``, ``gas_kwh``, ``gas_m3``, ``butane_bottles`` or ``water_m3``; money in
minor units of ``currency`` (the centre's). Deleted with its household (cascade); indexed
by household, kind and date.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consumption_readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_consumption_readings_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consumption_readings")),
    )
    with op.batch_alter_table("consumption_readings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consumption_readings_household", ["household_id", "kind", "end_on"], unique=False
        )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
