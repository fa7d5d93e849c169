"""The sessions of one database, its low-level errors translated: the common part of the
centre's :class:`~siec_desk.storage.database.Database` and the network coordinator's
:class:`~siec_desk.network.coordinator.database.NetworkDatabase`.

Reads share the engine's pool; every write goes through the single writer
(:func:`siec_desk.storage.engine.writer`) as one transaction, committed on success and
rolled back on any error. A busy, full, read-only or damaged database raises the
translated error of :mod:`siec_desk.storage.sqlite_errors`; each database words a
damaged file its own way (:meth:`SessionSource.damaged`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from siec_desk.core.errors import DatabaseError, NotFoundError
from siec_desk.storage.engine import writer
from siec_desk.storage.sqlite_errors import translated_errors

_Row = TypeVar("_Row")


@dataclass
class SessionSource:
    """Reading and writing sessions over *engine* (see the module)."""

    engine: Engine
    _reader: sessionmaker[Session] = field(init=False, repr=False)
    _writer: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=writer(self.engine), expire_on_commit=False)

    def damaged(self) -> DatabaseError:
        """The error telling the user that this database's file is damaged."""
        raise NotImplementedError

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translated_errors(self.damaged), self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: committed (durably) on success, rolled back on any error."""
        with translated_errors(self.damaged), self._writer() as session, session.begin():
            yield session


def get_row(session: Session, model: type[_Row], row_id: int, missing: str) -> _Row:
    """The row *row_id* of *model*; :class:`NotFoundError` saying *missing* (a translated
    sentence with ``{id}``) when there is none."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(missing.format(id=row_id))
    return row
