"""Opening the application context for a command, from --db or the defaults."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from siec_desk.core.settings import chosen_backup_folder, load_preferences
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.app import database_target as _target


def database_target(args: argparse.Namespace) -> tuple[str, bool]:
    return _target(getattr(args, "db", None))


def open_context(args: argparse.Namespace) -> AppContext:
    target, is_default = database_target(args)
    # This PC's backup folder: migrations, "db backup" and restores write their copies there.
    return open_app(
        target, create_parent=is_default, backup_dir=chosen_backup_folder(load_preferences())
    )


@contextmanager
def app_context(args: argparse.Namespace) -> Iterator[AppContext]:
    """The opened database and services for one command, closed however it ends."""
    ctx = open_context(args)
    try:
        yield ctx
    finally:
        ctx.close()
