"""Sending letters by e-mail: the centre's SMTP server and the record of each sending.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.

``centres`` gains the centre's outgoing mail server: ``smtp_host``, ``smtp_port``,
``smtp_security`` (``none``, ``starttls`` or ``tls``), ``smtp_user`` and ``smtp_sender``
(the From address). The password is never stored here: it is in the operating system's
keyring. ``letter_sendings``: one row per letter sent by e-mail (``sent_at`` in UTC, the
advisor, ``status``), deleted with its letter (cascade); the recipient's address is not
kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("centres", schema=None) as batch_op:
        batch_op.add_column(sa.Column("smtp_host", sa.String(length=253), nullable=True))
        batch_op.add_column(sa.Column("smtp_port", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("smtp_security", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("smtp_user", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("smtp_sender", sa.String(length=254), nullable=True))
    op.create_table(
        "letter_sendings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_letter_sendings_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["advisors.id"],
            name=op.f("fk_letter_sendings_advisor_id_advisors"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_sendings")),
    )
    with op.batch_alter_table("letter_sendings", schema=None) as batch_op:
        batch_op.create_index("ix_letter_sendings_letter", ["letter_id", "sent_at"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
