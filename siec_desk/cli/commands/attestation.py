"""``consultation attestation ID --out FILE``: the attestation of a prior France Rénov'
appointment, issued (numbered and archived) the first time, the same one every time after."""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk.cli.arg_types import add_json_flag, record_id
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line
from siec_desk.core.i18n import _


def register_attestation(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    attestation = actions.add_parser(
        "attestation",
        help=_("write the attestation of a France Rénov' appointment (numbered once, reprinted)"),
    )
    attestation.add_argument("id", type=record_id, metavar="ID")
    attestation.add_argument("--out", type=Path, required=True, metavar=_("FILE"))
    add_json_flag(attestation)
    attestation.set_defaults(handler=_attestation)


def _attestation(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        issued = ctx.attestations.issue(args.id)
        path = ctx.attestations.save_copy(issued.pdf, args.out)
    if args.json:
        print_json(
            {
                "consultation_id": args.id,
                "number": issued.number,
                "language": issued.record.language,
                "reprint": issued.reprint,
                "sha256": issued.record.sha256,
                "file": str(path),
            }
        )
    elif issued.reprint:
        print_line(
            _("Attestation {number} printed again to {path}").format(
                number=issued.number, path=path
            )
        )
    else:
        print_line(
            _("Attestation {number} issued and written to {path}").format(
                number=issued.number, path=path
            )
        )
    return 0
