"""Search texts computed again when their format changes (see ``SEARCH_FORMAT``).

A household's ``search_text`` is derived from its names, phone, e-mail and commune by
:func:`siec_desk.domain.normalise.search_text`. When a release changes that function
(new folding, article stems, phone tails, transliteration keys), the backends notice an
index built from the older format on opening and call :func:`refresh_search_texts`
before they rebuild. Anonymised households keep their empty text.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, text

from siec_desk.domain.normalise import search_text
from siec_desk.storage.models import Household

_BATCH = 5000


def refresh_search_texts(connection: Connection) -> int:
    """Compute every listed household's search text again; returns how many changed.

    Plain SQL, so that neither ``updated_at`` (the household did not change) nor the
    optimistic-locking version moves."""
    rows = connection.execute(
        select(
            Household.id,
            Household.first_name,
            Household.last_name,
            Household.phone,
            Household.email,
            Household.commune,
            Household.search_text,
        ).where(Household.anonymised_at.is_(None))
    ).all()
    changes = []
    for row in rows:
        new = search_text(row[1], row[2], row[3], row[4], row[5])
        if new != row[6]:
            changes.append({"i": row[0], "t": new})
    statement = text("UPDATE households SET search_text = :t WHERE id = :i")
    for start in range(0, len(changes), _BATCH):
        connection.execute(statement, changes[start : start + _BATCH])
    return len(changes)
