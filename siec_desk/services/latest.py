"""The most recently changed household or consultation: what ``siec-desk screenshot``
opens when it shows one record (the README's pictures of the demo centre)."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select

from siec_desk.services.app import AppContext
from siec_desk.storage.models import Consultation, Household


def latest_changed(ctx: AppContext, kind: Literal["household", "consultation"]) -> int | None:
    """The id of the household or consultation changed last (ties: the newest id), or
    None when there is none yet."""
    model = Household if kind == "household" else Consultation
    with ctx.db.read() as session:
        found = session.scalar(
            select(model.id).order_by(model.updated_at.desc(), model.id.desc()).limit(1)
        )
    return None if found is None else int(found)
