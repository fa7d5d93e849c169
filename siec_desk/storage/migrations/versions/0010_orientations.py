"""Where a consultation referred the household (orientation, several allowed).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Released in 0.6.0. Never edit once released: add a new revision instead.

``consultation_orientations``: one row per (consultation, orientation code), the codes of
``domain.codes.Orientation`` (``mar``, ``adil``…, ``other``); deleted
with the consultation. A child table like ``consultation_themes`` rather than a column:
several codes per consultation, counted with a plain ``GROUP BY code``, and the field
registry already handles such "several codes" fields (kind ``codes``). No rows for the
consultations made before this revision (no orientation was recorded then).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consultation_orientations",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_orientations_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "consultation_id", "code", name=op.f("pk_consultation_orientations")
        ),
    )
    with op.batch_alter_table("consultation_orientations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_orientations_code"), ["code"], unique=False
        )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
