"""Schema revisions this version of SIEC Desk knows, without importing Alembic.

Alembic costs ~200 ms to import; at start-up we only need to know whether the
database is at head. A test checks that these match the revision files.
"""

from __future__ import annotations

#: Every released revision, oldest first. Append only.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0016",
    "0017",
    "0018",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
