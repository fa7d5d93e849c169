"""Sending letters by e-mail: the centre's SMTP server and the record of each sending.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.
"""

from __future__ import annotations

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in before release


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
