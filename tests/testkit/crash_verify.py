"""Checking a database after its writers were killed (see ``crash_writer``).

The database is opened the way the app opens it (``open_app``, which recovers the WAL),
then: integrity and foreign keys are OK, the search index matches its table, every
acknowledged save is present with exactly the acknowledged content, and no row is
half-written (every consultation has its themes, every tagged consultation matches its
own digest, no theme or measure points to a missing consultation).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from siec_desk.core.errors import NotFoundError
from siec_desk.domain.consultation_records import ConsultationSummary
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.maintenance import MaintenanceService
from siec_desk.storage.search.sqlite_fts import INDEX_TABLE
from testkit.crash_writer import digest, parse_tag

#: Rows that must not exist: (what, SQL counting them).
ORPHANS = [
    (
        "consultations without themes",
        "SELECT count(*) FROM consultations c WHERE NOT EXISTS "
        "(SELECT 1 FROM consultation_themes t WHERE t.consultation_id = c.id)",
    ),
    (
        "themes of missing consultations",
        "SELECT count(*) FROM consultation_themes t WHERE NOT EXISTS "
        "(SELECT 1 FROM consultations c WHERE c.id = t.consultation_id)",
    ),
    (
        "measures of missing consultations",
        "SELECT count(*) FROM recommended_measures m WHERE NOT EXISTS "
        "(SELECT 1 FROM consultations c WHERE c.id = m.consultation_id)",
    ),
]


@dataclass
class Verdict:
    acknowledged: int = 0
    found: int = 0
    unacknowledged: int = 0  # committed, but the writer died before acknowledging
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _content(s: ConsultationSummary) -> dict[str, Any]:
    return {
        "household_id": s.household_id,
        "mode": s.mode,
        "themes": sorted(s.themes),
        "measures": list(s.measures),
        "duration": s.duration_min,
    }


def _check_storage(ctx: AppContext, verdict: Verdict) -> None:
    report = MaintenanceService(ctx.db).check()
    if not report.ok:
        verdict.problems.append(
            f"integrity: {report.integrity[:5]}, FK violations: {report.foreign_key_violations}"
        )
    with ctx.db.read() as session:
        for what, sql in ORPHANS:
            count = session.execute(text(sql)).scalar_one()
            if count:
                verdict.problems.append(f"{count} {what}")
    with ctx.db.write_connection() as connection:  # FTS5 compares index and table
        connection.exec_driver_sql(
            f"INSERT INTO {INDEX_TABLE}({INDEX_TABLE}) VALUES ('integrity-check')"
        )


def _check_acknowledged(
    ctx: AppContext, acks: list[dict[str, Any]], rows: dict[int, ConsultationSummary], v: Verdict
) -> None:
    ids = Counter((a["kind"], a["id"]) for a in acks)
    v.problems += [f"{kind} {i} acknowledged {n} times" for (kind, i), n in ids.items() if n > 1]
    for ack in acks:
        if ack["kind"] == "household":
            try:
                name = ctx.households.get(ack["id"]).summary.last_name
            except NotFoundError:
                name = None
            if name != ack["last_name"]:
                v.problems.append(f"household {ack['id']}: {name!r} != {ack['last_name']!r}")
            continue
        v.acknowledged += 1
        row = rows.get(ack["id"])
        expected = {k: ack[k] for k in ("household_id", "mode", "themes", "measures", "duration")}
        if row is None:
            v.problems.append(f"acknowledged consultation {ack['id']} is missing")
        elif _content(row) != expected or parse_tag(row.commune) != (
            ack["writer"],
            ack["seq"],
            ack["digest"],
        ):
            v.problems.append(f"consultation {ack['id']}: {_content(row)} != {expected}")


def _check_complete(
    rows: dict[int, ConsultationSummary], acks: list[dict[str, Any]], strict: bool, v: Verdict
) -> None:
    """Every row a writer made, acknowledged or not, carries exactly what it meant to save.

    With *strict* (the logs are complete), a writer leaves at most one unacknowledged
    row, after its last acknowledgement: the save in flight when it died.
    """
    acked = {a["id"] for a in acks if a["kind"] == "consultation"}
    last_ack: dict[str, int] = {}
    for a in acks:
        last_ack[a["writer"]] = max(a["seq"], last_ack.get(a["writer"], 0))
    unacked: Counter[str] = Counter()
    for row in rows.values():
        tag = parse_tag(row.commune)
        if tag is None:
            continue
        writer, seq, check = tag
        c = _content(row)
        actual = digest(
            writer, seq, c["household_id"], c["mode"], c["themes"], c["measures"], c["duration"]
        )
        if actual != check:
            v.problems.append(f"consultation {row.id} is half-written: {c}")
        if row.id not in acked:
            v.unacknowledged += 1
            unacked[writer] += 1
            if strict and seq <= last_ack.get(writer, 0):
                v.problems.append(
                    f"consultation {row.id} precedes writer {writer}'s last acknowledgement "
                    "but was never acknowledged"
                )
    if strict:
        v.problems += [f"writer {w}: {n} unacknowledged rows" for w, n in unacked.items() if n > 1]


def verify(db_path: Path, acks: list[dict[str, Any]], *, acks_complete: bool = True) -> Verdict:
    """Open *db_path* as the app does and check it against the acknowledged saves.

    *acks_complete*: *acks* are the writers' whole logs (False for a backup, checked
    against the saves acknowledged before it started).
    """
    verdict = Verdict()
    try:
        ctx = open_app(db_path)
    except Exception as exc:
        verdict.problems.append(f"cannot open: {type(exc).__name__}: {exc}")
        return verdict
    try:
        _check_storage(ctx, verdict)
        rows = {s.id: s for s in ctx.consultations.between()}
        verdict.found = len(rows)
        _check_acknowledged(ctx, acks, rows, verdict)
        _check_complete(rows, acks, acks_complete, verdict)
    except Exception as exc:  # a crash of the check is a finding, not a test-tool failure
        verdict.problems.append(f"{type(exc).__name__}: {exc}")
    finally:
        ctx.close()
    return verdict
