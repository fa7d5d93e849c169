"""Opening the application context for a command, from --db or the defaults."""

from __future__ import annotations

import argparse

from siec_desk.services.app import AppContext, open_app
from siec_desk.services.app import database_target as _target


def database_target(args: argparse.Namespace) -> tuple[str, bool]:
    return _target(getattr(args, "db", None))


def open_context(args: argparse.Namespace) -> AppContext:
    target, is_default = database_target(args)
    return open_app(target, create_parent=is_default)
