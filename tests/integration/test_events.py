"""The events register through the service and the command line (issue 19 point 1):
stored, listed with filters, changed, deleted, audited by field names; a consultation
says where its household was met; bad input is one line and nothing is written; the
period's figures count people by audience and the households met; the rights export
lists the events and erasing a household leaves the event."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from testkit.cli import Cli
from testkit.databases import Databases, query

from siec_desk.core.errors import ConflictError, NotFoundError, ValidationError
from siec_desk.documents.rights.compose import compose
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.event_records import EventInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext, open_app

pytestmark = pytest.mark.both_backends

SCHOOL = EventInput(
    date(2026, 11, 20), "school_visit", title="Visite école Jules Ferry", commune="Marseille",
    audiences={"pupils_students": 45, "professionals": 3}, themes=("eco_gestures",),
)  # fmt: skip
MOBILE = EventInput(
    date(2026, 11, 25), "mobile_desk", place="Souk de Bab Taza", commune="Bab Taza",
    audiences={"general_public": 30}, duration_min=360,
)  # fmt: skip


def test_an_event_is_recorded_changed_listed_and_deleted_with_its_audit(
    ctx: AppContext,
) -> None:
    advisor = ctx.centres.add_advisor("Salma Idrissi").id
    school = ctx.events.add(SCHOOL)
    mobile = ctx.events.add(
        EventInput(**{**MOBILE.__dict__, "advisor_ids": (advisor,)}), today=date(2026, 12, 1)
    )
    got = ctx.events.get(school)
    assert (got.participants, got.audiences) == (48, {"professionals": 3, "pupils_students": 45})
    assert [e.id for e in ctx.events.list()] == [mobile, school]  # newest first
    assert [e.id for e in ctx.events.list(event_type="mobile_desk")] == [mobile]
    assert [e.id for e in ctx.events.list(commune="marseille")] == [school]
    assert [e.id for e in ctx.events.list(date(2026, 11, 21), date(2026, 11, 30))] == [mobile]
    assert ctx.events.get(mobile).advisor_ids == (advisor,)

    changed = EventInput(**{**SCHOOL.__dict__, "audiences": {"pupils_students": 50}})
    ctx.events.update(school, changed, got.version)
    assert ctx.events.get(school).audiences == {"pupils_students": 50}
    with pytest.raises(ConflictError):
        ctx.events.update(school, SCHOOL, got.version)  # someone saved in between
    ctx.events.delete(mobile)
    with pytest.raises(NotFoundError):
        ctx.events.get(mobile)

    audit = [e for e in ctx.audit.events() if e.object_type == "event"]
    assert sorted((e.action, e.object_id) for e in audit) == sorted(
        [("create", school), ("create", mobile), ("update", school), ("delete", mobile)]
    )
    update = next(e for e in audit if e.action == "update")
    assert update.details == {"fields": ["audiences"]}
    assert "Jules" not in json.dumps([e.details for e in audit])


def test_a_wrong_event_writes_nothing(ctx: AppContext, db_path: object) -> None:
    with pytest.raises(ValidationError):
        ctx.events.add(EventInput(date(2026, 11, 20), "school_visit"))  # past, nobody
    with pytest.raises(ValidationError):
        ctx.events.add(EventInput(**{**SCHOOL.__dict__, "advisor_ids": (999,)}))
    assert query(db_path, "SELECT count(*) FROM events") == [(0,)]  # type: ignore[arg-type]


def test_households_met_at_events_are_counted_once_and_the_link_goes_with_the_event(
    ctx: AppContext,
) -> None:
    mobile = ctx.events.add(MOBILE)
    school = ctx.events.add(SCHOOL)
    first = ctx.households.create(HouseholdInput(last_name="Alaoui"))
    second = ctx.households.create(HouseholdInput(last_name="Benali"))
    when = datetime(2026, 11, 25, 11, 0)
    met = [
        ctx.consultations.add(ConsultationInput("mobile_desk", ("insulation",),
                              household_id=hid, occurred_at=when, event_id=mobile))
        for hid in (first, first, second)
    ]  # fmt: skip
    anonymous = ctx.consultations.add(
        ConsultationInput("mobile_desk", ("water",), occurred_at=when, event_id=mobile)
    )
    assert ctx.consultations.get(met[0]).event_id == mobile
    with pytest.raises(ValidationError):
        ctx.consultations.add(ConsultationInput("walk_in", ("water",), event_id=999))

    figures = ctx.events.figures(date(2026, 11, 1), date(2026, 11, 30))
    assert (figures.events, figures.participants, figures.households_reached) == (2, 78, 2)
    assert figures.by_type == {"mobile_desk": 1, "school_visit": 1}
    assert figures.participants_by_audience == {
        "general_public": 30, "professionals": 3, "pupils_students": 45,
    }  # fmt: skip
    assert ctx.events.get(mobile).consultations == 4

    ctx.events.link(anonymous, school)
    ctx.events.link(met[2], None)
    assert ctx.consultations.get(anonymous).event_id == school
    assert ctx.events.figures(date(2026, 11, 1), date(2026, 11, 30)).households_reached == 1
    linked = [e for e in ctx.audit.events() if e.object_type == "consultation"
              and e.action == "update"]  # fmt: skip
    assert {e.object_id for e in linked} == {anonymous, met[2]}
    assert all(e.details["fields"] == ["event_id"] for e in linked)

    ctx.events.delete(mobile)  # the consultations stay, no longer tied to it
    assert ctx.consultations.get(met[0]).event_id is None


def test_the_rights_export_lists_the_events_and_erasing_leaves_them(
    ctx: AppContext, db_path: object
) -> None:
    mobile = ctx.events.add(MOBILE)
    hid = ctx.households.create(HouseholdInput(last_name="Alaoui"))
    cid = ctx.consultations.add(ConsultationInput(
        "mobile_desk", ("insulation",), household_id=hid,
        occurred_at=datetime(2026, 11, 25, 11, 0), event_id=mobile,
    ))  # fmt: skip
    data = ctx.rights.collect(hid)
    assert [c["event_id"] for c in data["consultations"]] == [mobile]
    assert data["events_met"] == [{
        "id": mobile, "occurred_on": "2026-11-25", "event_type": "mobile_desk", "title": None,
        "place": "Souk de Bab Taza", "commune": "Bab Taza",
    }]  # fmt: skip
    content = compose(data)  # the rights PDF: the consultation says where it was met
    rows = [r for s in content.sections for b in s.blocks for r in b.rows]
    assert any("Souk de Bab Taza" in r.value for r in rows)
    ctx.rights.erase(hid)
    assert query(db_path, f"SELECT count(*) FROM consultations WHERE id = {cid}") == [(0,)]  # type: ignore[arg-type]
    assert ctx.events.get(mobile).participants == 30


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("cli"), capsys)


def test_the_command_line_records_lists_shows_updates_and_deletes(cli: Cli) -> None:
    added = cli.json(
        "event", "add", "--date", "2026-11-20", "--type", "school_visit", "--time", "09:30",
        "--duration", "120", "--commune", "Marseille", "--place", "École Jules Ferry",
        "--partner", "Académie", "--partner", "Mairie", "--audience", "pupils_students=45",
        "--audience", "professionals=3", "--theme", "eco_gestures", "--title", "Visite",
    )  # fmt: skip
    eid = str(added["id"])  # type: ignore[index]
    cli.json("event", "add", "--date", "2026-11-25", "--type", "mobile_desk",
             "--audience", "general_public=30")  # fmt: skip
    shown = cli.json("event", "show", eid)
    assert isinstance(shown, dict)
    assert {k: shown[k] for k in ("occurred_on", "event_type", "starts_at", "duration_min",
                                  "partners", "audiences", "themes", "participants")} == {
        "occurred_on": "2026-11-20", "event_type": "school_visit", "starts_at": "09:30:00",
        "duration_min": 120, "partners": "Académie; Mairie",
        "audiences": {"professionals": 3, "pupils_students": 45},
        "themes": ["eco_gestures"], "participants": 48,
    }  # fmt: skip
    listed = cli.json("event", "list", "--from", "2026-11-01", "--to", "2026-11-30",
                      "--type", "school_visit")  # fmt: skip
    assert [e["id"] for e in listed] == [int(eid)]  # type: ignore[union-attr, index]
    code, out, _err = cli("--lang", "en", "event", "list")
    assert code == 0 and "School or student visit" in out and "Mobile desk day" in out

    cid = str(cli.json("consultation", "add", "--mode", "mobile_desk", "--theme", "water",
                       "--event", eid)["id"])  # type: ignore[index]  # fmt: skip
    assert cli.json("event", "show", eid)["consultations"] == 1  # type: ignore[index]
    code, _out, _err = cli("consultation", "update", cid, "--no-event")
    assert code == 0 and cli.json("event", "show", eid)["consultations"] == 0  # type: ignore[index]
    code, _out, _err = cli("consultation", "update", cid, "--event", eid)
    assert code == 0 and cli.json("event", "show", eid)["consultations"] == 1  # type: ignore[index]

    code, _out, _err = cli("event", "update", eid, "--audience", "pupils_students=50")
    shown = cli.json("event", "show", eid)
    assert code == 0 and shown["audiences"] == {"pupils_students": 50}  # type: ignore[index]
    assert shown["partners"] == "Académie; Mairie"  # type: ignore[index]  # kept
    code, _out, _err = cli("event", "delete", eid)
    assert code == 0 and query(cli.db, "SELECT count(*) FROM events") == [(1,)]
    assert query(cli.db, f"SELECT event_id FROM consultations WHERE id = {cid}") == [(None,)]


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--date", "2026-11-20", "--type", "workshop"],
         "Give the number of participants of at least one audience for a past event."),
        (["--date", "2099-01-01", "--type", "workshop"],
         "An event can be planned at most one year ahead."),
        (["--date", "2026-11-20", "--type", "workshop", "--audience", "general_public=100001"],
         "Must be between 0 and 100000."),
        (["--date", "2026-11-20", "--type", "workshop", "--audience", "general_public=3",
          "--duration", "2000"], "Must be between 1 and 1440."),
        (["--date", "2026-11-20", "--type", "workshop", "--audience", "general_public=3",
          "--advisor", "Nobody"], "Nobody"),
    ],
)  # fmt: skip
def test_a_wrong_event_is_one_line_and_nothing_is_saved(
    cli: Cli, options: list[str], said: str
) -> None:
    code, out, err = cli("--lang", "en", "event", "add", *options)
    assert (code, out) == (1, "") and err.count("\n") == 1 and said in err
    assert query(cli.db, "SELECT count(*) FROM events") == [(0,)]


def test_usage_errors_exit_2_and_unknown_records_exit_1(cli: Cli) -> None:
    code, _out, err = cli("event", "add", "--date", "2026-11-20", "--type", "fair")
    assert code == 2 and "--type" in err
    code, _out, err = cli("event", "add", "--date", "2026-11-20", "--type", "workshop",
                          "--audience", "pupils")  # fmt: skip
    assert code == 2 and "CODE=N" in err
    code, out, err = cli("--lang", "en", "event", "show", "7")
    assert (code, out) == (1, "") and "Event 7 not found." in err
    code, _out, err = cli("--lang", "en", "consultation", "add", "--mode", "phone", "--theme",
                          "water", "--event", "7")  # fmt: skip
    assert code == 1 and "Event 7 not found." in err
    assert query(cli.db, "SELECT count(*) FROM consultations") == [(0,)]


def test_a_database_of_schema_0016_keeps_its_events(tmp_path: Path) -> None:
    """The sample rows of revision 0016 (tests/fixtures), opened and upgraded to the head."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures"))
    from make_schema_fixture import build

    path = tmp_path / "s0016.sqlite3"
    build("0016", path)
    ctx = open_app(path)
    try:
        school, mobile = sorted(ctx.events.list(), key=lambda e: e.id)
        assert (school.event_type, school.audiences, school.starts_at) == (
            "school_visit", {"pupils_students": 45, "professionals": 3}, time(9, 30)
        )  # fmt: skip
        assert (mobile.participants, mobile.consultations) == (30, 1)
        assert ctx.consultations.get(6).event_id == mobile.id
        figures = ctx.events.figures(date(2026, 11, 1), date(2026, 11, 30))
        assert (figures.events, figures.participants, figures.households_reached) == (2, 78, 1)
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("country", "kinds"),
    [("FR", {"stand_fair", "public_meeting", "training"}),
     ("MA", {"school_visit", "mobile_desk"}), ("TN", {"school_visit", "stand_fair"})],
)  # fmt: skip
def test_the_demo_has_events_of_each_country_with_people_and_households_met(
    new_db: Databases, capsys: pytest.CaptureFixture[str], country: str, kinds: set[str]
) -> None:
    cli = Cli(new_db(f"demo-{country}"), capsys)
    code, _out, err = cli("demo", "--households", "300", "--country", country, "--years", "2",
                          "--seed", "4")  # fmt: skip
    assert code == 0, err
    listed = cli.json("event", "list")
    assert isinstance(listed, list) and len(listed) >= 2 * 12  # a few a month
    assert kinds <= {e["event_type"] for e in listed}
    today = date.today().isoformat()
    past = [e for e in listed if e["occurred_on"] <= today]
    assert all(e["participants"] > 0 for e in past)
    assert any(e["occurred_on"] > today and e["participants"] == 0 for e in listed)  # planned
    assert sum(e["consultations"] for e in listed) > 0
    if country == "MA":
        mobile = {e["commune"] for e in listed if e["event_type"] == "mobile_desk"}
        assert mobile <= {"Bab Taza", "Tanaqob", "Dardara", "Bni Darkoul", "Tamorot",
                          "Oued Laou"}  # fmt: skip


def test_the_monthly_report_counts_events_and_people_in_pdf_and_excel(ctx: AppContext) -> None:
    import io

    import openpyxl

    from siec_desk.documents.activity_report.pdf import report_html
    from siec_desk.documents.activity_report.xlsx import report_workbook
    from siec_desk.domain.activity_period import Period

    ctx.events.add(SCHOOL)
    ctx.events.add(MOBILE)
    ctx.events.add(EventInput(date(2026, 10, 3), "training", audiences={"professionals": 9}))
    report = ctx.reports.monthly(Period(date(2026, 11, 1), date(2026, 11, 30)), "en")
    assert report.events is not None
    assert [(x.label, x.value) for x in report.events.summary] == [
        ("Events", 2), ("Participants (people)", 78), ("Households met at events", 0)
    ]  # fmt: skip
    assert {x.label: x.value for x in report.events.by_audience} == {
        "General public / households": 30, "Professionals": 3, "Pupils and students": 45
    }  # fmt: skip
    html = report_html(report)
    assert "Events and people reached" in html and "Mobile desk day" in html
    book = openpyxl.load_workbook(io.BytesIO(report_workbook(report)), read_only=True)
    sheet = book.worksheets[-1]
    cells = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert ("Participants (people)", 78) in cells and ("School or student visit", 1) in cells


def test_undoing_a_deletion_after_its_event_was_deleted_keeps_the_consultation(
    ctx: AppContext,
) -> None:
    mobile = ctx.events.add(MOBILE)
    cid = ctx.consultations.add(
        ConsultationInput("mobile_desk", ("water",), occurred_at=datetime(2026, 11, 25, 11, 0),
                          event_id=mobile)
    )  # fmt: skip
    snapshot = ctx.consultations.delete(cid)
    ctx.events.delete(mobile)
    restored = ctx.consultations.restore(snapshot)
    assert ctx.consultations.get(restored).event_id is None
