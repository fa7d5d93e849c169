"""``screenshot --view VIEW --out FILE.png [--size WxH]``: render a view offscreen."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_line
from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _

VIEWS = (
    "today",
    "households",
    "household",
    "consultation",
    "followups",
    "consultations",
    "activity",
    "events",
    "loans",
    "letters",
    "network",
    "settings",
    "backups",
    "retention",
    "audit",
    "export",
)
#: cli.md's view names whose window has another name in the UI code.
_UI_NAMES = {"letters": "letter"}


def _size(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", value)
    if not match:
        raise argparse.ArgumentTypeError(_("expected WIDTHxHEIGHT, e.g. 1280x800"))
    return int(match[1]), int(match[2])


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    shot = commands.add_parser("screenshot", help=_("render one view offscreen to a PNG file"))
    shot.add_argument("--view", required=True, choices=VIEWS)
    shot.add_argument("--out", required=True, type=Path, metavar=_("FILE"))
    shot.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH")
    shot.set_defaults(handler=_screenshot)


def _screenshot(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".png":
        raise SiecError(_("The screenshot must be a .png file."))
    if not args.out.parent.is_dir():
        raise SiecError(_("The folder {folder} does not exist.").format(folder=args.out.parent))
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from siec_desk.ui.app.screenshot import render

    with app_context(args) as ctx:
        render(ctx, _UI_NAMES.get(args.view, args.view), args.out, args.size)
    print_line(_("Screenshot written: {path}").format(path=args.out))
    return 0
