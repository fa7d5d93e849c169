"""Indexes that make the Activity month fast on a million consultations.

Covering indexes: each holds every column an activity statement reads, so the month's
figures are read from the index alone instead of one table row per consultation
(consultation rows carry notes and addresses; measure rows carry JSON parameters).
``id`` is listed last for PostgreSQL's index-only scans (SQLite keeps it anyway).

- consultations (occurred_at, …): the period's consultations, the key figures, the
  trend, the duration median and the breakdowns by mode, act, advisor, origin, commune;
- consultations (follow_up_due, …): follow-ups due, done, overdue and the delay median;
- consultations (outcome_recorded_on, outcome_status): outcomes and measures done;
- recommended_measures (consultation_id, status, sums): savings recommended and done.

(No index on households: SQLite reaches a household by its rowid whatever index exists.)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

#: (table, index, columns): also declared by the models (storage/models).
INDEXES = (
    (
        "consultations",
        "ix_consultations_activity",
        [
            "occurred_at",
            "household_id",
            "duration_min",
            "mode",
            "act",
            "advisor_id",
            "origin",
            "commune",
            "id",
        ],
    ),
    (
        "consultations",
        "ix_consultations_follow_up_figures",
        ["follow_up_due", "follow_up_status", "follow_up_done_on", "occurred_at", "id"],
    ),
    (
        "consultations",
        "ix_consultations_outcome_figures",
        ["outcome_recorded_on", "outcome_status", "id"],
    ),
    (
        "recommended_measures",
        "ix_recommended_measures_figures",
        [
            "consultation_id",
            "status",
            "kwh_per_year",
            "money_per_year_minor",
            "co2_kg_per_year",
            "id",
        ],
    ),
)


def upgrade() -> None:
    for table, name, columns in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
