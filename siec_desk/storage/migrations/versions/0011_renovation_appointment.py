"""The prior France Rénov' appointment and its attestation.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Released in 0.6.0. Never edit once released: add a new revision instead.

``consultations.project_type``: the project a prior France Rénov' appointment (act
``mpr_appointment``, French centres) prepares: ``whole_home``, ``single_works``,
``adaptation`` or ``other``; null for every other act. ``letters.kind``: ``letter`` (every
existing row) or ``attestation``, the numbered attestation of such an appointment, whose
``reference`` is its number (``ATT-2026-000123``). Two partial unique indexes: a number
once, and at most one attestation per consultation.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_ATTESTATION = sa.text("kind = 'attestation'")


def upgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("project_type", sa.String(length=40), nullable=True))
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="letter")
        )
    op.create_index(
        "ux_letters_attestation_number",
        "letters",
        ["reference"],
        unique=True,
        sqlite_where=_ATTESTATION,
        postgresql_where=_ATTESTATION,
    )
    op.create_index(
        "ux_letters_attestation_consultation",
        "letters",
        ["consultation_id"],
        unique=True,
        sqlite_where=_ATTESTATION,
        postgresql_where=_ATTESTATION,
    )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
