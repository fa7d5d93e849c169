"""``letter CONSULTATION_ID --email [--to ADDR]`` and ``letter --smtp-test [--to ADDR]``:
the e-mail side of the ``letter`` command (the same service as Send by e-mail… in the
window). A failure exits 1 with one line saying which (authentication, TLS, unreachable,
refused address) and records nothing.
"""

from __future__ import annotations

import argparse

from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line
from siec_desk.core.i18n import _
from siec_desk.services.app import AppContext
from siec_desk.services.letter_types import LetterRecord, LetterRequest


def _archived(ctx: AppContext, args: argparse.Namespace) -> LetterRecord:
    """The consultation's newest letter in the language asked, archived first if none."""
    for record in ctx.letters.for_consultation(args.consultation_id):
        if record.kind == "letter" and args.letter_lang in (None, record.language):
            if args.out is None and not args.pdfa:
                return record
            break
    from siec_desk.cli.commands.letters import _write
    from siec_desk.documents.letters.render import render_pdf  # WeasyPrint: only now

    request = LetterRequest(
        args.consultation_id, args.letter_lang, variant="pdfa" if args.pdfa else "tagged"
    )
    content = ctx.letters.compose(request)
    rendered = render_pdf(content, request.variant)
    if args.out is not None:
        _write(args.out, rendered.pdf)
    return ctx.letters.record(request, content, rendered)


def send_email(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        record = _archived(ctx, args)
        result = ctx.mail.send_letter(record.id, args.to)
    if args.json:
        print_json(result.as_json())
    else:
        print_line(_("Letter {reference} sent by e-mail.").format(reference=result.reference))
    return 0


def smtp_test(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        address = ctx.mail.send_test(args.to, args.letter_lang or "fr")
    if args.json:
        print_json({"sent_to": address})
    else:
        print_line(_("Test message sent to {address}.").format(address=address))
    return 0
