"""Equipment loans: the centre's inventory and what is lent to households.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.

``loan_items``: one row per lendable item (``item_type`` of ``domain.codes.LoanItemType``,
its name, a label or serial number unique in the centre, its ``state`` of
``domain.codes.ItemState``, where it is kept, notes). ``loans``: one row per time an item
is lent to a household (out, due and returned dates, the deposit in minor units of the
centre's ``currency``, the state the item came back in, notes). A loan is deleted with its
household (cascade) and never with its item (an item with loans cannot be deleted: it is
retired instead); indexed by item, household and due date.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "loan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_name", sa.String(length=120), nullable=False),
        sa.Column("item_type", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=True),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("location", sa.String(length=120), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_items")),
        sa.UniqueConstraint("label", name=op.f("uq_loan_items_label")),
    )
    op.create_table(
        "loans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.Column("out_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("deposit_minor", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("state_at_return", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["loan_items.id"],
            name=op.f("fk_loans_item_id_loan_items"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_loans_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["advisors.id"],
            name=op.f("fk_loans_advisor_id_advisors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loans")),
    )
    with op.batch_alter_table("loans", schema=None) as batch_op:
        batch_op.create_index("ix_loans_item", ["item_id", "out_on"], unique=False)
        batch_op.create_index("ix_loans_household", ["household_id", "out_on"], unique=False)
        batch_op.create_index("ix_loans_due", ["returned_on", "due_on"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
