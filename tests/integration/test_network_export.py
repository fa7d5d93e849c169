"""The network export: protection proved on random data, nothing personal in any file,
the schema, the same counts as the Activity page, the log and the command line."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, update
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.databases import Databases
from testkit.network import Record, determined, facts_of, joint_leaks, published_counts

from siec_desk.core.errors import ValidationError
from siec_desk.documents.network_export.render_xlsx import xlsx_bytes
from siec_desk.domain.activity_period import month
from siec_desk.domain.consultation_records import ConsultationInput, OutcomeInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.network.export.export_format import NetworkExport, schema_errors, to_json
from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import TableSpec, build_tables
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.services.network.export import ExportOptions, ExportOverlapError
from siec_desk.storage.models import (
    Centre,
    Consultation,
    ConsultationTheme,
    Household,
    RecommendedMeasure,
)

pytestmark = pytest.mark.both_backends

PERIOD = ExportOptions(date(2025, 1, 1), date(2025, 3, 1))
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def set_network_code(ctx: AppContext, code: str = "TEST-01") -> None:
    with ctx.db.write() as session:
        session.execute(update(Centre).values(network_code=code))


def check_protected(document: NetworkExport, threshold: int) -> None:
    """No published count in 1..k−1; no suppressed entry recoverable within its table."""
    for table in document.tables:
        small = [c for c in published_counts(table) if 1 <= c < threshold]
        assert small == [], table.spec.id
        assert determined(table) == [], table.spec.id


# -- property: random tables, linked by their margins --------------------------------------

LINKED = [
    TableSpec("a", "consultations", "month", "mode", "a"),  # type: ignore[arg-type]
    TableSpec("b", "consultations", "month", "act", "b"),  # type: ignore[arg-type]
    TableSpec("c", "consultations", "mode", "act", "c"),  # type: ignore[arg-type]
]
MONTHS = ("2025-01", "2025-02", "2025-03")
records = st.lists(
    st.builds(
        Record,
        st.sampled_from(MONTHS),
        st.sampled_from(("phone", "walk_in", "email", "home_visit")),
        st.sampled_from(("info", "advice", "audit")),
        st.one_of(st.none(), st.integers(0, 40)),
    ),
    max_size=400,
)


@settings(max_examples=200, deadline=None)
@given(records, st.integers(3, 15))
def test_random_linked_tables_publish_no_small_and_no_recoverable_cell(
    data: list[Record], threshold: int
) -> None:
    tables = build_tables(MONTHS, facts_of(data, LINKED), threshold, LINKED)
    for table in tables:
        assert [c for c in published_counts(table) if 1 <= c < threshold] == []
        assert determined(table) == []
    # A margin shared by two tables is published in both or in neither.
    shared = {}
    for table in tables:
        for (row, column), values in table.cells.items():
            if TOTAL in (row, column):
                seen = shared.setdefault(table.entry_key(row, column), values is None)
                assert seen == (values is None)


# -- property: random databases through the real service ------------------------------------

COMMUNES = (("Marseille", "13001"), ("Aubagne", "13400"), ("Nice", "06000"), ("Lyon", None))
consultations = st.lists(
    st.tuples(
        st.integers(0, 2),  # month of the period
        st.sampled_from(("phone", "walk_in", "email", "home_visit", "event")),
        st.sampled_from(("info", "advice", "audit", "support")),
        st.sets(st.sampled_from(("heating", "insulation", "windows", "water")), min_size=1),
        st.one_of(st.none(), st.integers(0, 30)),  # household
        st.sampled_from(COMMUNES),
        st.lists(
            st.tuples(st.sampled_from(("led_lighting", "attic_insulation")), st.integers(0, 900)),
            max_size=2,
        ),
    ),
    max_size=250,
)


@pytest.fixture(scope="module")
def random_db(
    tmp_path_factory: pytest.TempPathFactory, module_db: Databases
) -> Iterator[AppContext]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        ctx = open_app(module_db("random"))
        set_network_code(ctx)
        yield ctx
        ctx.close()


def _fill(ctx: AppContext, rows: list) -> None:  # type: ignore[type-arg]
    tenures = ("owner_occupier", "private_tenant", None)
    with ctx.db.write() as session:
        for table in (RecommendedMeasure, ConsultationTheme, Consultation, Household):
            session.execute(delete(table))
        session.execute(
            insert(Household),
            [
                {
                    "id": h + 1,
                    "first_name": f"Prénom{h}",
                    "last_name": f"Nom{h}",
                    "country": "FR",
                    "tenure": tenures[h % 3],
                    "income_category": ("mpr_blue", "unknown")[h % 2],
                }
                for h in range(31)
            ],
        )
        for n, (m, mode, act, themes, household, (commune, postal), measures) in enumerate(rows):
            cid = n + 1
            session.execute(
                insert(Consultation).values(
                    id=cid,
                    household_id=None if household is None else household + 1,
                    occurred_at=datetime(2025, m + 1, 1 + n % 28, 9, 0),
                    duration_min=10,
                    mode=mode,
                    act=act,
                    commune=commune,
                    postal_code=postal,
                )
            )
            session.execute(
                insert(ConsultationTheme), [{"consultation_id": cid, "theme": t} for t in themes]
            )
            for priority, (code, kwh) in enumerate(measures if household is not None else []):
                session.execute(
                    insert(RecommendedMeasure).values(
                        consultation_id=cid,
                        measure_code=code,
                        priority=priority,
                        kwh_per_year=kwh,
                        money_per_year_minor=kwh * 25,
                        currency="EUR",
                        co2_kg_per_year=kwh / 10,
                        parameter_set_version="test",
                    )
                )


@PROPERTY
@given(consultations, st.integers(3, 12))
def test_random_databases_are_protected_and_counted_like_the_activity_page(
    random_db: AppContext,
    rows: list[tuple],  # type: ignore[type-arg]
    threshold: int,
) -> None:
    _fill(random_db, rows)
    options = ExportOptions(PERIOD.first_month, PERIOD.last_month, threshold)
    document = random_db.network_export.build(options)
    check_protected(document, threshold)
    assert schema_errors(to_json(document)) == []
    # Every published cell is the Activity page's figure for that month and mode.
    table = next(t for t in document.tables if t.spec.id == "consultations_by_month_mode")
    for code in table.rows:
        engine = random_db.stats.indicators(month(date.fromisoformat(code + "-01")), ["mode"])
        for mode in table.columns:
            values = table.cells[(code, mode)]
            if values is not None:
                found = engine.get((mode,))
                assert values["consultations"] == (found.consultations if found else 0)
    total = table.cells[(TOTAL, TOTAL)]
    if total is not None:
        assert total["consultations"] == len(rows)


# -- a demo centre: everything a centre holds, and what leaves it --------------------------


SENTINELS = {
    "note": "Zorglub-notes-secret",
    "address": "17 impasse des Quinconces",
    "phone": "0612983475",
    "email": "zorglub.citoyen@example.org",
    "consent": "Accord-Zorglub-rappel",
    "action": "Rappeler Zorglub-action",
    "abandon": "Zorglub-abandon-motif",
}


def _demo(path: Path | str, country: str) -> AppContext:
    ctx = make_ctx(path, country)
    generate_demo(ctx, DemoOptions(households=900, seed=5, years=1, until=date(2025, 12, 31)))
    set_network_code(ctx, f"CENTRE-{country}")
    household = ctx.households.create(
        HouseholdInput(
            first_name="Anastasie",
            last_name="Quintefeuille",
            phone=SENTINELS["phone"],
            email=SENTINELS["email"],
            address=SENTINELS["address"],
            commune="Marseille" if country == "FR" else "Chefchaouen",
            postal_code="13001" if country == "FR" else "91000",
            notes=SENTINELS["note"],
            consent_wording=SENTINELS["consent"],
        )
    )
    consultation = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("heating",),
            household_id=household,
            occurred_at=datetime(2025, 6, 3, 10, 0),
            duration_min=30,
            notes=SENTINELS["note"] + " second",
            follow_up_action=SENTINELS["action"],
            follow_up_due=date(2025, 6, 20),
        ),
        now=datetime(2025, 6, 3, 10, 0),
    )
    ctx.consultations.record_outcome(
        consultation,
        OutcomeInput(
            "abandoned", abandon_reason=SENTINELS["abandon"], recorded_on=date(2025, 12, 1)
        ),
    )
    return ctx


@pytest.fixture(scope="module", params=["FR", "MA"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, module_db: Databases
) -> Iterator:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        ctx = _demo(module_db(f"demo_{request.param}"), request.param)
        document = ctx.network_export.build(ExportOptions(date(2025, 1, 1), date(2025, 12, 1)))
        yield ctx, document
        ctx.close()


def _forbidden(ctx: AppContext) -> list[str]:
    """Every name, phone, e-mail, address and free text the database holds."""
    found: set[str] = set(SENTINELS.values())
    with ctx.db.read() as session:
        for h in session.query(Household):
            for value in (h.first_name, h.last_name, h.address, h.email, h.notes):
                if value:
                    found.add(value)
            if h.phone:
                found.update({h.phone, "0" + h.phone[4:] if h.phone.startswith("+") else h.phone})
            if h.first_name and h.last_name:
                found.add(f"{h.first_name} {h.last_name}")
        for c in session.query(Consultation):
            for value in (c.notes, c.follow_up_action, c.outcome_abandon_reason):
                if value:
                    found.add(value)
    found.update(a.display_name for a in ctx.centres.advisors())
    # Short first names ("Ali", "Léa") also occur inside ordinary words: whole words only.
    return sorted(v for v in found if len(v) >= 3)


def _texts(ctx: AppContext, document: NetworkExport) -> dict[str, str]:
    service = ctx.network_export
    texts = {
        "json": service.render(document, "json").decode("utf-8"),
        "csv": service.render(document, "csv").decode("utf-8-sig"),
    }
    for language in ("en", "fr", "ar"):
        from siec_desk.core.i18n import language_override

        with language_override(language):
            data = xlsx_bytes(document, service.measure_name)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            texts[f"xlsx-{language}"] = "\n".join(
                archive.read(name).decode("utf-8") for name in archive.namelist()
            )
    return texts


def test_no_name_phone_email_address_or_note_leaves_the_centre(demo: tuple) -> None:
    ctx, document = demo
    forbidden = _forbidden(ctx)
    assert len(forbidden) > 1000  # the scan has something to look for
    for kind, text in _texts(ctx, document).items():
        assert "@" not in text, kind
        assert document.meta.network_code in text, kind  # the scan reads the file's content
        folded = text.casefold()
        words = set(re.findall(r"\w+", folded))
        for value in forbidden:
            if " " in value or not value.isalpha():
                assert value.casefold() not in folded, (kind, value)
            else:
                assert value.casefold() not in words, (kind, value)


def test_the_export_has_no_exact_date_nor_record_number(demo: tuple) -> None:
    _ctx, document = demo
    data = to_json(document)
    text = json.dumps(data["tables"])
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # months only
    for table in data["tables"]:
        for cell in table["cells"]:
            assert set(cell) <= {*table["dimensions"], *table["measures"], "suppressed"}


def test_the_demo_export_is_protected_and_valid(demo: tuple) -> None:
    _ctx, document = demo
    check_protected(document, 11)
    assert schema_errors(to_json(document)) == []
    published, suppressed = document.counts()
    assert published > suppressed > 0


def _nodes(data: object, path: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    """Every (path, value) of a JSON document, containers included."""
    found = [(path, data)]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _nodes(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _nodes(value, (*path, index))
    return found


ALTERATIONS = (None, "x", -1, 0, 1.5, True, [], {}, "2026-13", "DROP", "EXTRA")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_the_compiled_check_agrees_with_jsonschema_on_altered_exports(
    demo: tuple,
    data: st.DataObject,
) -> None:
    """The fast check (fastjsonschema) decides for valid files; it must never accept what
    jsonschema refuses, nor refuse what it accepts (one to three random alterations of a
    real export: a value replaced, a key dropped or added)."""
    from jsonschema import Draft202012Validator

    from siec_desk.network.export.export_format import _compiled_check, schema

    _ctx, document = demo
    altered = copy.deepcopy(to_json(document))
    for table in altered["tables"]:  # a few cells of each table: jsonschema stays quick
        table["cells"] = table["cells"][:3]
    if data.draw(st.booleans()):
        altered["generated_on"] = data.draw(st.sampled_from(["x", "2026-02-30", "2026-12-07"]))
    for _n in range(data.draw(st.integers(1, 3))):
        nodes = [n for n in _nodes(altered) if n[0]]
        path, _value = data.draw(st.sampled_from(nodes))
        parent = altered
        for step in path[:-1]:
            parent = parent[step]
        change = data.draw(st.sampled_from(ALTERATIONS))
        if change == "DROP" and isinstance(parent, dict):
            del parent[path[-1]]
        elif change == "EXTRA" and isinstance(parent, dict):
            parent["unexpected"] = 1
        elif change not in ("DROP", "EXTRA"):
            parent[path[-1]] = copy.deepcopy(change)
    import fastjsonschema

    try:
        _compiled_check()(altered)
        fast = True
    except fastjsonschema.JsonSchemaException:
        fast = False
    assert fast == Draft202012Validator(schema()).is_valid(altered)


def test_the_schema_uses_no_keyword_that_draft_7_reads_otherwise() -> None:
    """What lets the compiled draft-7 check stand for the 2020-12 schema."""
    from siec_desk.network.export.export_format import schema

    for path, node in _nodes(schema()):
        if isinstance(node, dict) and "$ref" in node:
            assert set(node) <= {"$ref", "description", "title"}, path
        if isinstance(node, dict) and "items" in node:
            assert isinstance(node["items"], dict | bool), path
        if isinstance(node, dict):
            assert not {"prefixItems", "unevaluatedProperties", "$dynamicRef"} & set(node), path


def test_the_schema_rejects_a_suppressed_value_and_an_extra_field(demo: tuple) -> None:
    _ctx, document = demo
    data = to_json(document)
    cell = next(c for t in data["tables"] for c in t["cells"] if c["suppressed"])
    leaked = copy.deepcopy(data)
    next(c for t in leaked["tables"] for c in t["cells"] if c["suppressed"])["consultations"] = 4
    assert schema_errors(leaked)
    named = copy.deepcopy(data)
    named["tables"][0]["cells"][0]["last_name"] = "Quintefeuille"
    assert schema_errors(named)
    assert cell["consultations"] is None


def test_published_margins_are_the_sums_of_their_cells(demo: tuple) -> None:
    _ctx, document = demo
    for table in document.tables:
        exact = [m for m in table.measures if m in ("consultations", "theme_mentions", "measures")]
        for row in (*table.rows, TOTAL):
            line = [table.cells[(row, c)] for c in (*table.columns, TOTAL)]
            if all(v is not None for v in line):
                for measure in exact:
                    assert sum(v[measure] for v in line[:-1]) == line[-1][measure]  # type: ignore[index]


def test_totals_equal_the_activity_page(demo: tuple) -> None:
    ctx, document = demo
    year = ExportOptions(date(2025, 1, 1), date(2025, 12, 1)).period()
    summary = ctx.stats.summary(year)
    tables = {t.spec.id: t for t in document.tables}
    assert tables["consultations_by_month_mode"].cells[(TOTAL, TOTAL)] == {
        "consultations": summary.consultations
    }
    savings = tables["savings_by_month_measure"].cells[(TOTAL, TOTAL)]
    assert savings is not None
    assert savings["measures"] == summary.measures_recommended
    assert savings["money_per_year_minor"] == summary.money_recommended_minor
    # kWh are floats summed by the database on one side and Python on the other: at an
    # exact half (…601.5) the two orders can round to either neighbour.
    assert abs(savings["kwh_per_year"] - summary.kwh_recommended) <= 0.5 + 1e-6


def test_csv_and_excel_hold_the_same_figures(demo: tuple) -> None:
    ctx, document = demo
    rows = list(
        csv.DictReader(io.StringIO(ctx.network_export.render(document, "csv").decode("utf-8-sig")))
    )
    expected = sum(len(t.cells) * len(t.measures) for t in document.tables)
    expected += 6 * len(document.before_after)  # six figures per energy (format 3)
    assert len(rows) == expected
    hidden = [r for r in rows if r["suppressed"] == "true"]
    assert hidden and all(r["value"] == "" for r in hidden)
    assert {r["network_code"] for r in rows} == {document.meta.network_code}

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(ctx.network_export.render(document, "xlsx")))
    assert len(book.sheetnames) == 1 + len(document.tables) + 1  # and the before/after sheet
    # A hidden entry is an empty grey cell with a note (so that SUM() skips it), never "s".
    hidden = [
        c
        for ws in book.worksheets[1:]
        for row in ws.iter_rows()
        for c in row
        if c.comment is not None and c.value is None
    ]
    assert len(hidden) == sum(
        len(t.suppressed()) * len(t.measures) for t in document.tables
    ) + 6 * sum(r.suppressed for r in document.before_after)


# -- writing, the log, the command line ----------------------------------------------------


def test_writing_logs_who_what_when_threshold_and_hash(ctx: AppContext, tmp_path: Path) -> None:
    set_network_code(ctx)
    document = ctx.network_export.build(PERIOD)
    out = tmp_path / "export.json"
    record = ctx.network_export.write(document, out)
    assert record.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert not list(tmp_path.glob("*.partial"))
    (entry,) = ctx.network_export.log()
    assert (entry.period_from, entry.period_to, entry.threshold) == ("2025-01", "2025-03", 11)
    assert (entry.format, entry.sha256, entry.file_name) == ("json", record.sha256, "export.json")
    assert entry.actor == "command line"
    assert json.loads(out.read_text("utf-8"))["centre"]["network_code"] == "TEST-01"


def test_an_unwritable_folder_leaves_nothing_and_logs_nothing(
    ctx: AppContext, tmp_path: Path
) -> None:
    set_network_code(ctx)
    document = ctx.network_export.build(PERIOD)
    from siec_desk.core.errors import SiecError

    with pytest.raises(SiecError):
        ctx.network_export.write(document, tmp_path / "missing" / "export.csv")
    assert ctx.network_export.log() == []


def test_cli_writes_each_format(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(db_path, capsys)
    code, _out, err = cli(
        "stats", "export", "--from", "2025-01", "--to", "2025-03", "--out", str(tmp_path / "x.json")
    )
    assert code == 1 and "network code" in err and len(err.strip().splitlines()) == 1
    context = open_app(db_path)
    set_network_code(context)
    context.close()
    for suffix in ("json", "csv", "xlsx"):
        out = tmp_path / f"export.{suffix}"
        code, _out, err = cli(
            "stats",
            "export",
            "--from",
            "2025-01",
            "--to",
            "2025-03",
            "--threshold",
            "5",
            "--out",
            str(out),
        )
        assert code == 0, err
        assert out.stat().st_size > 0
    data = cli.json(
        "stats", "export", "--from", "2025-04", "--to", "2025-06", "--out", str(tmp_path / "y.json")
    )
    assert data["sha256"] == hashlib.sha256((tmp_path / "y.json").read_bytes()).hexdigest()  # type: ignore[index]
    assert json.loads((tmp_path / "export.json").read_text("utf-8"))["protection"]["threshold"] == 5
    # The first quarter again at another threshold, or a year holding it: refused, one line.
    for first, last, k in (("2025-01", "2025-03", "11"), ("2025-01", "2025-12", "5")):
        out = tmp_path / f"again-{last}-{k}.json"
        code, _out, err = cli(
            "stats", "export", "--from", first, "--to", last, "--threshold", k, "--out", str(out)
        )  # fmt: skip
        assert code == 1 and "subtracted" in err and len(err.strip().splitlines()) == 1
        assert not out.exists()
    code, _out, err = cli(
        "stats", "export", "--from", "2025-01", "--to", "2025-02", "--out", str(tmp_path / "z.json")
    )
    assert code == 1 and "calendar month, quarter or year" in err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--from", "2025-03", "--to", "2025-01"], 1),
        (["--from", "2025-01", "--to", "2025-02", "--threshold", "2"], 1),
        (["--from", "2025-13", "--to", "2025-02"], 2),
        (["--from", "2025-01", "--to", "2099-01"], 1),
        (["--from", "2025-02", "--to", "2025-04"], 1),  # three months, not a quarter
        (["--from", "2025-01", "--to", "2025-06"], 1),  # half a year
    ],
)
def test_cli_refuses_bad_periods_and_thresholds(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int
) -> None:
    context = open_app(db_path)
    set_network_code(context)
    context.close()
    out = tmp_path / "x.json"
    found, _out, err = Cli(db_path, capsys)("stats", "export", *args, "--out", str(out))
    assert found == code
    assert "Traceback" not in err
    assert not out.exists()


def test_cli_refuses_an_unknown_file_type(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = Cli(db_path, capsys)(
        "stats", "export", "--from", "2025-01", "--to", "2025-01", "--out", str(tmp_path / "x.pdf")
    )
    assert code == 1 and ".json" in err


# -- differencing: exports that could be subtracted from one another are refused ---------

PERIODS = [ExportOptions(date(2025, m, 1), date(2025, m, 1)) for m in range(1, 7)] + [
    ExportOptions(date(2025, 1, 1), date(2025, 3, 1)),
    ExportOptions(date(2025, 4, 1), date(2025, 6, 1)),
    ExportOptions(date(2025, 1, 1), date(2025, 12, 1)),
]
half_year = st.lists(
    st.tuples(
        st.integers(0, 5),  # month of January–June
        st.sampled_from(("phone", "walk_in", "email")),
        st.sampled_from(("info", "advice", "audit")),
        st.sets(st.sampled_from(("heating", "insulation", "windows")), min_size=1),
        st.one_of(st.none(), st.integers(0, 30)),
        st.sampled_from(COMMUNES),
        st.just([]),
    ),
    max_size=160,
)


def _forget_exports(ctx: AppContext) -> None:
    from siec_desk.storage.models import AuditEvent

    with ctx.db.write() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.object_type == "statistics"))


def _with(options: ExportOptions, threshold: int) -> ExportOptions:
    return ExportOptions(options.first_month, options.last_month, threshold)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    half_year,
    st.sampled_from(PERIODS),
    st.sampled_from(PERIODS),
    st.integers(3, 12),
    st.integers(3, 12),
)
def test_no_pair_of_written_exports_can_be_differenced(
    random_db: AppContext,
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple],  # type: ignore[type-arg]
    first: ExportOptions,
    second: ExportOptions,
    k1: int,
    k2: int,
) -> None:
    """Random databases, random pairs of calendar periods and thresholds, through the real
    service: either the second export is refused (it overlaps the first and is not the
    same export), or the two files together reveal nothing — no hidden entry of either is
    determined by the published entries of both, and no count of 1..k−1 over any part of
    their periods (months in one only, or in both) can be worked out."""
    _fill(random_db, rows)
    _forget_exports(random_db)
    folder = tmp_path_factory.mktemp("pairs")
    service = random_db.network_export
    one = service.build(_with(first, k1))
    service.write(one, folder / "one.json")
    two = service.build(_with(second, k2))
    overlap = set(one.meta.months) & set(two.meta.months)
    same = to_json(one)["tables"] == to_json(two)["tables"] and k1 == k2
    try:
        service.write(two, folder / "two.csv")
    except ExportOverlapError as refused:
        assert overlap and not (one.meta.months == two.meta.months and same)
        assert "subtracted" in str(refused) and "\n" not in str(refused)
        assert not (folder / "two.csv").exists() and len(service.log()) == 1
        return
    assert not overlap or (one.meta.months == two.meta.months and same)
    check_protected(one, k1)
    check_protected(two, k2)
    assert joint_leaks([one, two], min(k1, k2)) == []


def _insert(ctx: AppContext, visits: list[tuple[int, int, str, str, str, str]]) -> None:
    """(month of 2025, household, mode, act, commune, postal code) per consultation."""
    households = sorted({v[1] for v in visits})
    with ctx.db.write() as session:
        session.execute(
            insert(Household),
            [
                {"id": h, "first_name": f"P{h}", "last_name": f"N{h}", "country": "FR"}
                for h in households
            ],
        )
        for n, (m, household, mode, act, commune, postal) in enumerate(visits, start=1):
            session.execute(
                insert(Consultation).values(
                    id=n,
                    household_id=household,
                    occurred_at=datetime(2025, m, 1 + n % 28, 10, 0),
                    duration_min=10,
                    mode=mode,
                    act=act,
                    commune=commune,
                    postal_code=postal,
                )
            )
            session.execute(insert(ConsultationTheme).values(consultation_id=n, theme="heating"))


def test_the_checker_finds_the_difference_the_rule_prevents(
    ctx: AppContext, tmp_path: Path
) -> None:
    """Without the rule (two documents built, never written), a quarter and its year give
    away two April consultations; through the service, the year is refused."""
    set_network_code(ctx)
    visits = [(1 + h % 3, h, "phone", "info", "Marseille", "13001") for h in range(1, 31)]
    visits += [(1 + h % 3, h, "email", "advice", "Marseille", "13001") for h in range(31, 61)]
    visits += [(4, 61, "phone", "info", "Marseille", "13001")]
    visits += [(4, 62, "phone", "info", "Marseille", "13001")]
    _insert(ctx, visits)
    service = ctx.network_export
    quarter = service.build(PERIODS[6])
    year = service.build(PERIODS[8])
    leaks = joint_leaks([quarter, year], 11)
    assert any(
        "consultations_by_mode_act ('phone', 'info')" in leak and "= 2" in leak for leak in leaks
    )
    check_protected(quarter, 11)
    check_protected(year, 11)  # each file alone is protected: only the pair leaks
    service.write(quarter, tmp_path / "q1.json")
    with pytest.raises(ExportOverlapError, match="overlaps the export of 2025-01 to 2025-03"):
        service.write(year, tmp_path / "year.json")


def test_a_period_is_sent_again_only_as_the_same_export(ctx: AppContext, tmp_path: Path) -> None:
    set_network_code(ctx)
    visits = [(1 + h % 3, h, "phone", "info", "Marseille", "13001") for h in range(1, 41)]
    _insert(ctx, visits)
    service = ctx.network_export
    quarter = PERIODS[6]
    service.write(service.build(quarter), tmp_path / "q1.json")
    service.write(service.build(quarter), tmp_path / "q1.xlsx")  # the same figures again
    assert len(service.log()) == 2
    with pytest.raises(ExportOverlapError, match="another threshold"):
        service.write(service.build(_with(quarter, 5)), tmp_path / "q1-k5.json")
    with pytest.raises(ExportOverlapError, match="overlaps"):
        service.check_not_exported(PERIODS[0])  # January alone: refused before counting
    # A consultation added late to March: a second version of Q1 would reveal it.
    _insert_late(ctx)
    with pytest.raises(ExportOverlapError, match="other figures"):
        service.write(service.build(quarter), tmp_path / "q1-late.json")
    service.write(service.build(PERIODS[7]), tmp_path / "q2.json")  # a new quarter is fine
    assert not (tmp_path / "q1-k5.json").exists() and not (tmp_path / "q1-late.json").exists()
    assert len(service.log()) == 3


def _insert_late(ctx: AppContext) -> None:
    with ctx.db.write() as session:
        session.execute(
            insert(Consultation).values(
                id=1000,
                household_id=1,
                occurred_at=datetime(2025, 3, 30, 10, 0),
                duration_min=10,
                mode="walk_in",
                act="info",
                commune="Marseille",
                postal_code="13001",
            )
        )


@pytest.mark.parametrize(
    ("first", "last", "allowed"),
    [
        ("2025-05", "2025-05", True),
        ("2025-07", "2025-09", True),
        ("2025-01", "2025-12", True),
        ("2025-02", "2025-04", False),
        ("2025-01", "2025-06", False),
        ("2024-07", "2025-06", False),
        ("2025-01", "2025-02", False),
    ],
)
def test_only_whole_calendar_months_quarters_and_years_are_exported(
    ctx: AppContext, first: str, last: str, allowed: bool
) -> None:
    options = ExportOptions(date.fromisoformat(first + "-01"), date.fromisoformat(last + "-01"))
    assert options.is_calendar_period() == allowed
    if allowed:
        ctx.network_export.check(options)
    else:
        with pytest.raises(ValidationError, match="calendar month, quarter or year"):
            ctx.network_export.check(options)


def test_a_period_not_over_yet_is_refused(ctx: AppContext) -> None:
    service = ctx.network_export
    service.today = lambda: date(2025, 6, 15)
    with pytest.raises(ValidationError, match="not over yet"):
        service.check(ExportOptions(date(2025, 4, 1), date(2025, 6, 1)))
    service.check(ExportOptions(date(2025, 5, 1), date(2025, 5, 1)))


# -- places: never fewer than k households, and any spelling is safe ----------------------


def test_a_place_with_fewer_than_k_households_is_never_named(
    ctx: AppContext, tmp_path: Path
) -> None:
    """The red-team's Corsican: one household from Ajaccio in a Marseille centre. Also a
    commune spelled with "/", "*" and a bidi override (named, made safe), and a commune of
    many visits by one household (never named)."""
    set_network_code(ctx)
    visits = [
        (1 + n % 3, 1 + n % 40, "phone", "info", "Marseille/Centre*\u202e", "13001")
        for n in range(130)
    ]
    visits += [(2, 100 + h, "walk_in", "info", "Aubagne", "13400") for h in range(15)]
    visits += [(3, 200, "walk_in", "advice", "Cassis", "13260") for _n in range(120)]
    visits += [(2, 300, "home_visit", "advice", "Ajaccio", "20090")]
    _insert(ctx, visits)
    document = ctx.network_export.build(PERIODS[6])
    assert document.places() == ["FR", "FR-13", "FR-13/Marseille Centre"]
    text = ctx.network_export.render(document, "json").decode("utf-8")
    assert "2A" not in text and "Ajaccio" not in text and "Cassis" not in text
    assert "\u202e" not in text
    record = ctx.network_export.write(document, tmp_path / "places.json")  # never blocked
    assert record.size > 0
    check_protected(document, 11)
