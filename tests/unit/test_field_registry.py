"""The field registry against everything that used to keep its own list of fields: the
database models, the inputs and records, the import targets, anonymisation, the rights
export, the audit and the network export. A column added without a registry entry, or an
entry the rest of the code does not follow, fails here (the forms: tests/ui)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from siec_desk.cli.commands.household_fields import NOT_OPTIONS, option_fields
from siec_desk.core.errors import ValidationError
from siec_desk.domain import fields
from siec_desk.domain.consultation_records import ConsultationInput, OutcomeInput
from siec_desk.domain.consultation_rules import validate_consultation, validate_outcome
from siec_desk.domain.fields import (
    CONSULTATION_INTERNAL,
    HOUSEHOLD,
    HOUSEHOLD_INTERNAL,
    FieldKind,
    Record,
)
from siec_desk.domain.household_records import HouseholdDetail, HouseholdInput, HouseholdSummary
from siec_desk.domain.household_rules import HouseholdRules, validate_household
from siec_desk.importing.fields import TARGETS
from siec_desk.importing.synonyms import load_synonyms
from siec_desk.network.export.tables import TABLES
from siec_desk.services import import_rules as binder
from siec_desk.services import privacy_ops, rights
from siec_desk.storage.models import (
    Consultation,
    ConsumptionReading,
    Event,
    Household,
    Loan,
    LoanItem,
)
from siec_desk.texts import labels
from siec_desk.texts.field_text import Formats, household_rows

MODELS = {
    Record.HOUSEHOLD: (Household, HOUSEHOLD_INTERNAL),
    Record.CONSULTATION: (Consultation, CONSULTATION_INTERNAL),
    Record.READING: (ConsumptionReading, fields.READING_INTERNAL),
    Record.EVENT: (Event, fields.EVENT_INTERNAL),
    Record.LOAN_ITEM: (LoanItem, fields.LOAN_ITEM_INTERNAL),
    Record.LOAN: (Loan, fields.LOAN_INTERNAL),
}
NOW = datetime(2025, 3, 10, 12, 0)
RULES = HouseholdRules("MA", lambda *_a: "unknown", lambda _lang: "wording", NOW.date())


@pytest.mark.parametrize("record", list(Record))
def test_every_column_is_a_registry_field_or_one_of_the_few_internal_ones(record: Record) -> None:
    model, internal = MODELS[record]
    table = [c.key for c in model.__table__.columns]
    unknown = set(table) - set(fields.columns(record)) - set(internal)
    assert not unknown, f"add {sorted(unknown)} to siec_desk/domain/fields.py"
    assert set(fields.columns(record)) <= set(table), "a registry field without a column"
    assert len(internal) <= 7
    relationships = {s.name for s in fields.RECORDS[record].values() if s.kind is FieldKind.CODES}
    assert relationships <= set(model.__mapper__.relationships.keys())


def test_every_field_is_labelled_and_says_what_its_kind_needs() -> None:
    for specs in fields.RECORDS.values():
        for spec in specs.values():
            shown = labels.FIELDS[spec.key]
            assert (shown.message, shown.context) == (spec.label.message, spec.label.context)
            assert str(spec.label)
            if spec.kind in (
                FieldKind.TEXT, FieldKind.NOTE, FieldKind.PHONE, FieldKind.EMAIL,
                FieldKind.IDENTIFIER,
            ):  # fmt: skip
                assert spec.max_length, spec.name
            if spec.kind in (FieldKind.INT, FieldKind.AMOUNT, FieldKind.DECIMAL, FieldKind.MINUTES):
                assert spec.low is not None and spec.high is not None and spec.low < spec.high
            if spec.codes is not None:  # every code has its label
                assert set(labels.code_labels(spec.codes)) == {c.value for c in spec.codes}


def test_text_lengths_fit_the_columns() -> None:
    for record, (model, _internal) in MODELS.items():
        for name in fields.columns(record):
            spec, column = fields.RECORDS[record][name], model.__table__.columns[name]
            length = getattr(column.type, "length", None)
            if spec.max_length is not None and spec.kind is not FieldKind.PHONE:  # E.164
                assert length is None or spec.max_length <= length, name


def test_the_inputs_and_records_carry_every_edited_household_field() -> None:
    given = {f.name for f in dataclasses.fields(HouseholdInput)}
    edited = set(fields.edited(Record.HOUSEHOLD)) - {"consent_recontact_on"}
    assert edited <= given and given - edited == {"consent_recontact"}
    shown = {f.name for f in dataclasses.fields(HouseholdDetail)}
    shown |= {f.name for f in dataclasses.fields(HouseholdSummary)}
    assert set(fields.columns(Record.HOUSEHOLD)) - {"annual_energy_bill_minor"} <= shown
    valid = validate_household(HouseholdInput(last_name="Durand"), RULES).columns()
    assert set(valid) == set(fields.edited(Record.HOUSEHOLD)) | {"search_text"}


def test_the_import_targets_are_the_importable_fields_and_synonyms_name_only_targets() -> None:
    importable = {s.name: s for v in fields.RECORDS.values() for s in v.values() if s.importable}
    expected = (set(importable) - {"occurred_at"}) | {"date", "time", "full_name"}
    assert set(TARGETS) == expected
    for name, spec in importable.items():
        if name == "occurred_at":
            continue
        assert TARGETS[name].label is spec.label
        assert TARGETS[name].household == (spec.record is Record.HOUSEHOLD)
    assert set(load_synonyms().headers) <= set(TARGETS)
    assert "en" not in (TARGETS["letter_language"].codes or {})
    assert set(binder.HOUSEHOLD_COLUMNS) == {c.key for c in Household.__table__.columns} - {
        "id", "created_at", "updated_at", "version"
    }  # fmt: skip


def test_anonymisation_clears_exactly_the_personal_fields() -> None:
    assert set(privacy_ops.HOUSEHOLD_CLEARED) == {*fields.personal(Record.HOUSEHOLD), "search_text"}
    assert set(privacy_ops.CONSULTATION_CLEARED) == set(fields.personal(Record.CONSULTATION))
    assert set(privacy_ops.READING_CLEARED) == set(fields.personal(Record.READING)) == {"notes"}
    assert set(privacy_ops.LOAN_CLEARED) == set(fields.personal(Record.LOAN)) == {"notes"}
    assert {"first_name", "phone", "email", "notes", "reference_income"} <= set(
        fields.personal(Record.HOUSEHOLD)
    )
    classed = {s.name for s in HOUSEHOLD.values() if s.anonymise is fields.Anonymise.CLASS}
    assert classed == {"surface_m2", "household_size"}  # the classes of privacy_ops


def test_the_rights_export_holds_every_personal_field_and_every_field_but_references() -> None:
    exported = {
        Record.HOUSEHOLD: set(rights.HOUSEHOLD_FIELDS),
        Record.CONSULTATION: set(rights.CONSULTATION_FIELDS),
    }
    for record, names in exported.items():
        assert set(fields.personal(record)) <= names
        specs = fields.RECORDS[record].values()
        references = {s.name for s in specs if s.kind is FieldKind.REFERENCE}
        assert set(fields.columns(record)) - references <= names


def test_the_audit_compares_the_edited_fields_and_the_savings_follow_the_dwelling() -> None:
    edited = fields.edited(Record.HOUSEHOLD)
    assert "annual_energy_bill_minor" not in edited  # no input sets it yet
    assert {"first_name", "notes", "consent_recontact_on", "top_floor"} <= set(edited)
    expected = {
        "household_size", "dwelling_type", "construction_period", "surface_m2",
        "heating_energy", "hot_water_energy", "heating_kwh_per_year",
        "electricity_kwh_per_year", "butane_bottles_per_month", "top_floor",
    }  # fmt: skip
    assert fields.savings_inputs(Record.HOUSEHOLD) == expected
    assert set(fields.edited(Record.CONSULTATION)) == set(fields.columns(Record.CONSULTATION)) - {
        "outcome_due"
    }


def test_the_network_export_publishes_only_exported_fields_never_personal_ones() -> None:
    for specs in fields.RECORDS.values():
        for spec in specs.values():
            assert not (spec.exported and spec.personal), spec.name
    exported = {s.name for specs in fields.RECORDS.values() for s in specs.values() if s.exported}
    # occurred_at, commune/postal code, themes, orientations, measures, an event's
    # participants by audience (the `audiences` field)
    derived = {"month", "place", "theme", "orientation", "measure", "audience"}
    for table in TABLES:
        assert {table.rows, table.columns} - derived <= exported, table.id


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("surface_m2", 4.9, "Must be between 5 and 2000."),
        ("surface_m2", 2000.1, "Must be between 5 and 2000."),
        ("household_size", 31, "Must be between 1 and 30."),
        ("butane_bottles_per_month", -0.1, "Must be between 0 and 50."),
        ("first_name", "x" * 101, "Too long: at most 100 characters (101 given)."),
    ],
)
def test_household_bounds_and_lengths_come_from_the_registry(
    name: str, value: object, message: str
) -> None:
    data = HouseholdInput(last_name="Durand", **{name: value})  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        validate_household(data, RULES)
    assert [(e.field, e.message) for e in caught.value.errors] == [(name, message)]
    spec = HOUSEHOLD[name]
    inside = spec.low if spec.low is not None else "x" * (spec.max_length or 0)
    validate_household(dataclasses.replace(data, **{name: inside}), RULES)


def test_consultation_rules_are_pure_and_fill_the_defaults() -> None:
    data = ConsultationInput(mode="phone", themes=("heating", "heating"), occurred_at=NOW)
    valid = validate_consultation(data, identified=True, now=NOW)
    assert (valid.act, valid.duration_min, valid.themes) == ("advice", 45, ("heating",))
    assert valid.outcome_due == date(2025, 9, 9) and valid.follow_up_status is None
    anonymous = validate_consultation(data, identified=False, now=NOW)
    assert (anonymous.act, anonymous.duration_min, anonymous.outcome_due) == ("info", 10, None)
    with pytest.raises(ValidationError) as caught:
        validate_consultation(dataclasses.replace(data, duration_min=601), True, NOW)
    assert [e.field for e in caught.value.errors] == ["duration_min"]


def test_an_outcome_amount_outside_the_registry_bounds_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_outcome(OutcomeInput("done", works_amount=-1, aids_amount=10**8), ())  # type: ignore[arg-type]
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("outcome_works_amount", "The amount cannot be negative."),
        ("outcome_aids", "Must be between 0 and 10000000."),
    ]


def test_the_household_page_the_rights_pdf_and_the_command_line_take_their_rows_from_here() -> None:
    groups = set(fields.Group)
    assert all(s.group in groups for s in HOUSEHOLD.values()), "give every household field a group"
    formats = Formats("en", "FR")
    companions = {s.name for s in HOUSEHOLD.values() if s.shown_with}
    pdf = [r.name for r in household_rows({}, groups, formats)]
    assert pdf == [n for n in HOUSEHOLD if n not in companions]  # every field, in order
    page = [r.name for r in household_rows({}, groups, formats, page=True)]
    assert page == [n for n in pdf if HOUSEHOLD[n].on_page]
    assert {"dpe_class", "dpe_date", "dpe_number"} <= set(page)
    moroccan = {r.name for r in household_rows({}, groups, Formats("ar_MA", "MA"))}
    assert not moroccan & {"dpe_class", "dpe_date", "dpe_number", "ile_de_france"}
    given = {f.name for f in dataclasses.fields(HouseholdInput)}
    options = {s.name for s in option_fields()}
    assert options == set(fields.edited(Record.HOUSEHOLD)) & given - set(NOT_OPTIONS)


def test_a_row_says_its_value_by_kind_and_joins_the_postal_code_to_the_commune() -> None:
    values = {
        "commune": "Gap", "postal_code": "05000", "dpe_class": "F", "dpe_date": "2024-06-12",
        "dpe_number": "2413E1234567X", "top_floor": False, "surface_m2": 63.5,
        "consent_recontact_on": None, "reference_income": 0,
    }  # fmt: skip
    groups = set(fields.Group)
    rows = {r.name: r for r in household_rows(values, groups, Formats("en", "FR"))}
    assert rows["commune"].value == "05000 Gap"
    assert (rows["dpe_class"].value, rows["dpe_date"].value) == ("Class F", "Jun 12, 2024")
    assert rows["dpe_number"].ltr and rows["dpe_number"].value == "2413E1234567X"
    assert rows["top_floor"].value == "No: there is a flat above"
    assert rows["surface_m2"].value == "63.5"
    assert rows["consent_recontact_on"].value == "No consent"
    assert rows["reference_income"].value == "€0.00"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("dpe_class", "H", "Unknown code “H”."),
        ("dpe_number", "2413E12", "“2413E12” is not valid: 13 letters and digits are expected."),
        (
            "dpe_number",
            "2413E1234567É",
            "“2413E1234567É” is not valid: 13 letters and digits are expected.",
        ),
        ("dpe_date", date(2025, 3, 11), "The date cannot be in the future."),
    ],
)
def test_a_wrong_dpe_is_one_clear_line(name: str, value: object, message: str) -> None:
    data = HouseholdInput(last_name="Durand", **{name: value})  # type: ignore[arg-type]
    french = dataclasses.replace(RULES, country="FR")
    with pytest.raises(ValidationError) as caught:
        validate_household(data, french)
    assert [(e.field, e.message) for e in caught.value.errors] == [(name, message)]


def test_a_dpe_is_kept_upper_case_in_france_and_not_kept_elsewhere() -> None:
    data = HouseholdInput(
        last_name="Durand", dpe_class="E", dpe_date=NOW.date(), dpe_number=" 2413e1234567x "
    )
    french = validate_household(data, dataclasses.replace(RULES, country="FR"))
    assert (french["dpe_class"], french["dpe_date"], french["dpe_number"]) == (
        "E", NOW.date(), "2413E1234567X"
    )  # fmt: skip
    moroccan = validate_household(data, RULES)
    assert (moroccan["dpe_class"], moroccan["dpe_date"], moroccan["dpe_number"]) == (None,) * 3
    assert "dpe_number" in fields.personal(Record.HOUSEHOLD)
    assert "dpe_class" not in fields.personal(Record.HOUSEHOLD)
