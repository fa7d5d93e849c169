"""A service built, and its module imported, the first time it is used (issue 22: the
window shows without importing what its first page does not need)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Generic, Protocol, TypeVar, overload


class Locked(Protocol):
    """What holds lazy services: a reentrant lock (a service may need another)."""

    @property
    def lock(self) -> AbstractContextManager[object]: ...


Owner = TypeVar("Owner", bound=Locked)
T = TypeVar("T")


class LazyService(Generic[Owner, T]):
    """Decorates a method building a service: the first access builds it, then the same
    object answers every caller, the GUI thread and the database thread alike (it is built
    under the owner's lock, so two threads never get two services; afterwards the
    instance's own attribute answers, without the lock)."""

    def __init__(self, build: Callable[[Owner], T]) -> None:
        self.build = build
        self.name = build.__name__

    @overload
    def __get__(self, owner: None, kind: type[Owner]) -> LazyService[Owner, T]: ...

    @overload
    def __get__(self, owner: Owner, kind: type[Owner]) -> T: ...

    def __get__(self, owner: Owner | None, kind: type[Owner]) -> Any:
        if owner is None:
            return self
        with owner.lock:
            found = owner.__dict__.get(self.name)
            if found is None:
                found = owner.__dict__[self.name] = self.build(owner)
            return found
