"""Initial schema: centre, advisors, households, consultations, measures, catalogue.

Released in 0.1.0. Never edit: add a new revision instead.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24 08:46:56.512963
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "catalogue_measures",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("countries", sa.String(length=20), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("default_priority", sa.Integer(), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_catalogue_measures")),
    )
    op.create_table(
        "centres",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("opening_hours", sa.String(length=500), nullable=True),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_mime", sa.String(length=40), nullable=True),
        sa.Column("network_code", sa.String(length=40), nullable=True),
        sa.Column("legal_mentions", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centres")),
    )
    op.create_table(
        "households",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=True),
        sa.Column("last_name", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("tenure", sa.String(length=40), nullable=True),
        sa.Column("household_size", sa.Integer(), nullable=True),
        sa.Column("reference_income", sa.Integer(), nullable=True),
        sa.Column("ile_de_france", sa.Boolean(), nullable=False),
        sa.Column("income_category", sa.String(length=40), nullable=False),
        sa.Column("dwelling_type", sa.String(length=40), nullable=True),
        sa.Column("construction_period", sa.String(length=40), nullable=True),
        sa.Column("surface_m2", sa.Float(), nullable=True),
        sa.Column("heating_energy", sa.String(length=40), nullable=True),
        sa.Column("hot_water_energy", sa.String(length=40), nullable=True),
        sa.Column("heating_kwh_per_year", sa.Float(), nullable=True),
        sa.Column("electricity_kwh_per_year", sa.Float(), nullable=True),
        sa.Column("annual_energy_bill_minor", sa.Integer(), nullable=True),
        sa.Column("butane_bottles_per_month", sa.Float(), nullable=True),
        sa.Column("letter_language", sa.String(length=2), nullable=False),
        sa.Column("consent_recontact_on", sa.Date(), nullable=True),
        sa.Column("consent_wording", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
    )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_households_commune"), ["commune"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_phone"), ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "parameter_sets",
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_parameter_sets")),
    )
    with op.batch_alter_table("parameter_sets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parameter_sets_country"), ["country"], unique=False)

    op.create_table(
        "advisors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_advisors_centre_id_centres")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advisors")),
    )
    with op.batch_alter_table("advisors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advisors_centre_id"), ["centre_id"], unique=False)

    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("act", sa.String(length=40), nullable=False),
        sa.Column("origin", sa.String(length=40), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("follow_up_action", sa.String(length=300), nullable=True),
        sa.Column("follow_up_due", sa.Date(), nullable=True),
        sa.Column("follow_up_status", sa.String(length=40), nullable=True),
        sa.Column("follow_up_done_on", sa.Date(), nullable=True),
        sa.Column("outcome_due", sa.Date(), nullable=True),
        sa.Column("outcome_status", sa.String(length=40), nullable=True),
        sa.Column("outcome_recorded_on", sa.Date(), nullable=True),
        sa.Column("outcome_works_amount_minor", sa.Integer(), nullable=True),
        sa.Column("outcome_aids_minor", sa.Integer(), nullable=True),
        sa.Column("outcome_abandon_reason", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["advisor_id"], ["advisors.id"], name=op.f("fk_consultations_advisor_id_advisors")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_consultations_household_id_households"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
    )
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultations_advisor_id"), ["advisor_id"], unique=False
        )
        batch_op.create_index(
            "ix_consultations_follow_up", ["follow_up_status", "follow_up_due"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_consultations_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_consultations_occurred_at"), ["occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_consultations_outcome", ["outcome_status", "outcome_due"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_consultations_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "consultation_themes",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_themes_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("consultation_id", "theme", name=op.f("pk_consultation_themes")),
    )
    with op.batch_alter_table("consultation_themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consultation_themes_theme"), ["theme"], unique=False)

    op.create_table(
        "recommended_measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("measure_code", sa.String(length=64), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("kwh_per_year", sa.Float(), nullable=False),
        sa.Column("money_per_year_minor", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("co2_kg_per_year", sa.Float(), nullable=False),
        sa.Column("cost_minor", sa.Integer(), nullable=True),
        sa.Column("payback_years", sa.Float(), nullable=True),
        sa.Column("parameter_set_version", sa.String(length=40), nullable=False),
        sa.Column("assumptions", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_recommended_measures_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["measure_code"],
            ["catalogue_measures.code"],
            name=op.f("fk_recommended_measures_measure_code_catalogue_measures"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommended_measures")),
    )
    with op.batch_alter_table("recommended_measures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommended_measures_consultation_id"), ["consultation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_recommended_measures_measure_code"), ["measure_code"], unique=False
        )


def downgrade() -> None:
    raise NotImplementedError("SIEC Desk migrations are append-only; restore a backup instead.")
