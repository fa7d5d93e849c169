"""Events and awareness actions: participants by audience, themes, partners, households met.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

Released in 0.7.0. Never edit once released: add a new revision instead.

``events``: one row per event (date, optional start time, duration, ``event_type`` of
``domain.codes.EventType``, title, commune and postal code, place, partners, notes).
``event_audiences``: participants per (event, audience code), people not households;
``event_themes``: the consultation themes; ``event_advisors``: who ran it. The three
are deleted with their event (cascade). ``consultations.event_id``: "met at event X",
nullable, set to NULL when the event is deleted. Nothing personal in any of them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("duration_min", sa.Integer(), nullable=True),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("partners", sa.String(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_occurred_on", ["occurred_on", "event_type"], unique=False)
    _child(
        "event_audiences",
        sa.Column("audience", sa.String(length=40), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
    )
    _child("event_themes", sa.Column("theme", sa.String(length=40), nullable=False))
    op.create_table(
        "event_advisors",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_advisors_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["advisors.id"],
            name=op.f("fk_event_advisors_advisor_id_advisors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "advisor_id", name=op.f("pk_event_advisors")),
    )
    with op.batch_alter_table("event_advisors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_advisors_advisor_id"), ["advisor_id"], unique=False
        )
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_consultations_event_id_events"),
            "events",
            ["event_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_consultations_event_id"), ["event_id"], unique=False)


def _child(table: str, code: sa.Column[str], *more: sa.Column[int]) -> None:
    """A table of (event, code) rows deleted with their event."""
    op.create_table(
        table,
        sa.Column("event_id", sa.Integer(), nullable=False),
        code,
        *more,
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f(f"fk_{table}_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", code.name, name=op.f(f"pk_{table}")),
    )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
