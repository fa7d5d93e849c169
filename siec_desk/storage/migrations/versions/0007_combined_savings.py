"""Combined savings: a flat's top floor, and each measure's place in the combination.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Released in 0.5.0. Never edit: add a new revision instead.

``households.top_floor``: whether a flat is on the top floor, under the roof (attic and
roof insulation and rooftop PV need a roof of the household's own); null when unknown
or not a flat.

``recommended_measures.combination``: how the measure's stored figures (its *share* in
the consultation's combined estimate, so that the stored figures add up to the combined
totals) came about: counted or not (an alternative), the alternative counted instead,
the reason it does not apply, its kWh per end use, its figures alone, the end-use loads
and the household defaults relied on. Null for measures saved before this revision
(their figures were each measure alone).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.add_column(sa.Column("top_floor", sa.Boolean(), nullable=True))
    with op.batch_alter_table("recommended_measures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("combination", sa.JSON(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
