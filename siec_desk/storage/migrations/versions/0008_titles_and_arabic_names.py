"""Advisors' title in letters and the centre's Arabic name.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

Released in 0.5.0. Never edit: add a new revision instead.

``advisors.title_gender``: the grammatical gender of the advisor's title in the letters
they sign: ``feminine`` ("Conseillère énergie", "مستشارة في الطاقة"), ``masculine``
("Conseiller énergie", "مستشار في الطاقة") or ``neutral``; null (advisors created before
this revision) prints the neutral title, so that nobody is given the wrong gender.

``centres.name_ar``: the centre's name in Arabic, printed in Arabic letters and exports
(letterhead, signature, footer, data-protection text); null falls back to ``name``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("advisors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_gender", sa.String(length=10), nullable=True))
    with op.batch_alter_table("centres", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_ar", sa.String(length=200), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
