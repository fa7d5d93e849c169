"""``letter CONSULTATION_ID [--lang fr|ar] --out FILE.pdf``, ``letter CONSULTATION_ID
--email [--to ADDR]``, ``letter --smtp-test [--to ADDR]`` and ``letters --from DATE --to
DATE --out DIR`` (every core).

Each letter is also kept in the centre's archive and recorded (SHA-256), like one made
in the application, so it appears on the household's timeline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from threading import Event

from siec_desk.cli.arg_types import add_date_range, add_json_flag, record_id
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line
from siec_desk.core.errors import FieldError, SiecError, ValidationError
from siec_desk.core.files import write_private
from siec_desk.core.i18n import _, ngettext
from siec_desk.documents.letters.compose import LETTER_LANGUAGES
from siec_desk.documents.letters.content import LetterContent
from siec_desk.services.letter_types import LetterRequest


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    one = commands.add_parser("letter", help=_("write the recommendation letter of a consultation"))
    one.add_argument("consultation_id", type=record_id, metavar="CONSULTATION_ID", nargs="?")
    _common(one)
    one.add_argument("--out", type=Path, metavar="FILE.pdf")
    one.add_argument(
        "--email",
        action="store_true",
        help=_(
            "send the letter by e-mail through the centre's mail server, the PDF attached "
            "(archiving it first if it was not yet)"
        ),
    )
    one.add_argument(
        "--smtp-test",
        action="store_true",
        help=_("send a test message to check the centre's mail server settings"),
    )
    one.add_argument(
        "--to",
        metavar="ADDR",
        help=_("the address to send to (default: the household's e-mail; the From address)"),
    )
    one.set_defaults(handler=_one, one_parser=one)

    batch = commands.add_parser(
        "letters", help=_("write the letters of every consultation with a household in a period")
    )
    add_date_range(batch, required=True)
    _common(batch)
    batch.add_argument("--out", required=True, type=Path, metavar="DIR")
    batch.add_argument(
        "--workers", type=int, default=None, help=_("rendering processes (default: every core)")
    )
    batch.set_defaults(handler=_batch)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        dest="letter_lang",
        choices=LETTER_LANGUAGES,
        help=_("language of the letter (default: the household's letter language)"),
    )
    parser.add_argument(
        "--pdfa", action="store_true", help=_("write PDF/A-3b for long-term archiving")
    )
    add_json_flag(parser)


def _request(args: argparse.Namespace, consultation_id: int) -> LetterRequest:
    return LetterRequest(
        consultation_id, args.letter_lang, variant="pdfa" if args.pdfa else "tagged"
    )


def _write(path: Path, data: bytes) -> None:
    """Write *path* whole or not at all, readable by the user only (a letter names people)."""
    write_private(path, data)


def _one(args: argparse.Namespace) -> int:
    from siec_desk.cli.commands.letter_email import send_email, smtp_test

    if args.smtp_test:
        return smtp_test(args)
    if args.consultation_id is None:
        args.one_parser.error(_("give the consultation's number (or --smtp-test)"))
    if args.email:
        return send_email(args)
    if args.out is None:
        args.one_parser.error(_("give --out FILE.pdf, or --email to send the letter"))
    from siec_desk.documents.letters.render import (
        render_pdf,  # Jinja2 and WeasyPrint: this command only
    )

    with app_context(args) as ctx:
        request = _request(args, args.consultation_id)
        content = ctx.letters.compose(request)
        rendered = render_pdf(content, request.variant)
        _write(args.out, rendered.pdf)
        record = ctx.letters.record(request, content, rendered)
    if args.json:
        print_json({**record.as_json(), "out": str(args.out)})
    else:
        print_line(
            ngettext(
                "Letter {reference} ({pages} page) written to {path}",
                "Letter {reference} ({pages} pages) written to {path}",
                rendered.pages,
            ).format(reference=record.reference, pages=rendered.pages, path=args.out)
        )
    return 0


def _batch(args: argparse.Namespace) -> int:
    from siec_desk.documents.letters.pool import RenderPool, default_workers

    if args.end < args.start:
        raise ValidationError([FieldError("end", _("The end date is before the start date."))])
    if args.out.exists() and not args.out.is_dir():
        raise SiecError(_("{path} is not a folder.").format(path=args.out))
    try:  # a folder that does not exist yet is created, as "--out FILE" creates its file
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SiecError(
            _("The folder {path} cannot be created: {reason}").format(
                path=args.out, reason=exc.strerror or exc
            )
        ) from exc
    started = time.perf_counter()
    written: list[dict[str, object]] = []
    with app_context(args) as ctx:
        ids = ctx.letters.consultations_for_batch(args.start, args.end)
        requests = {cid: _request(args, cid) for cid in ids}
        contents: dict[int, LetterContent] = {
            cid: ctx.letters.compose(request) for cid, request in requests.items()
        }
        workers = max(1, min(args.workers or default_workers(), len(ids) or 1))
        cancelled = Event()
        with RenderPool(workers) as pool:
            try:
                for cid, rendered in pool.render_all(
                    contents.items(), requests[ids[0]].variant if ids else "tagged", cancelled
                ):
                    content = contents[cid]
                    out = args.out / f"{content.reference}-{content.language}.pdf"
                    _write(out, rendered.pdf)
                    record = ctx.letters.record(requests[cid], content, rendered)
                    written.append({**record.as_json(), "out": str(out)})
                    if sys.stderr.isatty():
                        sys.stderr.write(f"\r{len(written)}/{len(ids)}")
            except KeyboardInterrupt:
                cancelled.set()
                raise
        if ids and sys.stderr.isatty():
            sys.stderr.write("\n")
    elapsed = time.perf_counter() - started
    if args.json:
        print_json(written)
    else:
        print_line(
            ngettext(
                "{count} letter written to {path} in {seconds} s ({workers} processes)",
                "{count} letters written to {path} in {seconds} s ({workers} processes)",
                len(written),
            ).format(count=len(written), path=args.out, seconds=f"{elapsed:.1f}", workers=workers)
        )
    return 0
