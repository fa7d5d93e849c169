"""The ``siec-desk`` command (``cli.md``): no command starts the GUI.

Exit codes: 0 success, 1 an error the user can act on (one translated line on stderr),
2 a usage error (argparse). Every command opens the database through the same
start-up path as the GUI (backup, migrate, refuse a newer schema).

``--version`` and ``--help`` import nothing heavy: the log file, the command's module and
everything it needs (services, SQLAlchemy, documents) come only once a command is chosen
(``tests/integration/test_cli_startup.py``).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence

from siec_desk.cli import argparse_i18n
from siec_desk.cli.parser import parse_arguments, pre_parse
from siec_desk.core import i18n
from siec_desk.core.errors import SiecError, ValidationError, mask_secrets
from siec_desk.core.settings import load_preferences

log = logging.getLogger(__name__)


def choose_language(requested: str | None) -> str:
    """--lang, else the saved preference, else the system language, else English."""
    for candidate in (requested, load_preferences().language, i18n.system_language()):
        if candidate in i18n.LANGUAGES:
            return candidate
    return i18n.DEFAULT_LANGUAGE


def _warn_if_unencrypted(args: argparse.Namespace) -> None:
    """One line on stderr when --db (or $SIEC_DESK_DB) or ``db copy --to`` reaches a
    remote PostgreSQL server without TLS; the command still runs."""
    from siec_desk.services.targets import unencrypted_warning

    targets = {args.db or os.environ.get("SIEC_DESK_DB"), getattr(args, "to", None)}
    for target in sorted(t for t in targets if t):
        warning = unencrypted_warning(target)
        if warning:
            sys.stderr.write(f"siec-desk: {warning}\n")


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `siec-desk … | head` ends quietly, like any Unix tool
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args_list = list(sys.argv[1:] if argv is None else argv)
    early = pre_parse(args_list)
    i18n.set_language(choose_language(early.lang))
    argparse_i18n.install()
    args = parse_arguments(args_list)  # --help, --version and usage errors end here
    from siec_desk.core.logs import log_unexpected, setup_logging
    from siec_desk.texts.labels import describe_errors

    log_file = setup_logging()
    if args.handler is None:
        from siec_desk.ui.app.launch import run_gui

        return run_gui(args)
    _warn_if_unencrypted(args)
    try:
        return int(args.handler(args) or 0)
    except ValidationError as exc:
        sys.stderr.write(f"siec-desk: {describe_errors(exc.errors)}\n")
        return 1
    except SiecError as exc:
        sys.stderr.write(f"siec-desk: {mask_secrets(str(exc))}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(i18n._("Interrupted.") + "\n")
        return 130
    except Exception as exc:  # a bug: log where it happened, tell the user where to look
        reference = log_unexpected(log, exc)
        sys.stderr.write(
            i18n._(
                "siec-desk: unexpected error ({error}, reference {reference}); details in {log}"
            ).format(error=type(exc).__name__, reference=reference, log=log_file)
            + "\n"
        )
        return 1
