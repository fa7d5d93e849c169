"""``centre show [--json]`` and ``centre set [OPTIONS]``: every setting the GUI holds for
the centre (Letter settings, Retention and privacy, the first run), scriptable.

``centre set`` goes through the GUI's own checks and audit events
(:mod:`siec_desk.services.centre_settings`): the options are checked together, then saved
in one transaction, or nothing is. It says what changed and what follows from it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from siec_desk.cli.arg_types import add_json_flag, command_group
from siec_desk.cli.commands.centre_acts import register_acts
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line
from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import format_date, locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.codes import Country
from siec_desk.services.branding import IMAGE_MAX_BYTES
from siec_desk.services.centre_settings import (
    JSON_NAMES,
    CentreChanges,
    CentreSettings,
    ChangeResult,
    ImageState,
)
from siec_desk.services.mail.settings import SECURITIES
from siec_desk.texts.audit import list_separator
from siec_desk.texts.labels import COUNTRIES, FIELDS, LANGUAGES, label

#: ``centre set`` text options: (option, column, metavar).
_TEXT_OPTIONS = (
    ("--name", "name", "NAME"),
    ("--name-ar", "name_ar", "NAME"),
    ("--address", "address", "TEXT"),
    ("--postal-code", "postal_code", "CODE"),
    ("--commune", "commune", "COMMUNE"),
    ("--phone", "phone", "PHONE"),
    ("--email", "email", "EMAIL"),
    ("--website", "website", "URL"),
    ("--opening-hours", "opening_hours", "TEXT"),
    ("--network-banner", "network_banner", "TEXT"),
    ("--network-code", "network_code", "CODE"),
    ("--letter-footer", "letter_footer", "TEXT"),
    ("--legal-text", "legal_mentions", "TEXT"),
    ("--privacy-contact", "privacy_contact", "TEXT"),
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(commands, "centre", _("the centre's settings: show and change them"))
    show = actions.add_parser("show", help=_("show every setting of the centre"))
    add_json_flag(show)
    show.set_defaults(handler=_show)

    change = actions.add_parser(
        "set",
        help=_("change the centre's settings: only the options given"),
        description=_(
            "Change the centre's settings, as Centre ▸ Letter settings and Centre ▸ "
            "Retention and privacy do, with the same checks. The options are checked "
            "together and saved together: if one is refused, nothing is changed. An "
            'empty text ("") clears an optional setting.'
        ),
        epilog=_(
            "What follows from a change: --country is refused unless it is the centre's "
            "country already, because the currency, the parameter sets, the measure "
            "catalogue and the reading of phone numbers of every record kept depend on it "
            "(the application window does not change it either). --locale changes the "
            "centre's language: the monthly report (stats report without --lang) is then "
            "written in it; letters keep each household's letter language, and the "
            "currency, parameter sets and measure catalogue stay those of the country. "
            "--retention-years changes which households privacy purge anonymises or "
            "deletes. Letters written from now on use the new texts and images; letters "
            "already given keep theirs."
        ),
    )
    for option, column, metavar in _TEXT_OPTIONS:
        change.add_argument(option, metavar=metavar, help=label(FIELDS, column))
    logo = change.add_mutually_exclusive_group()
    logo.add_argument("--logo", type=Path, metavar=_("FILE"), help=_("a PNG or JPEG image"))
    logo.add_argument("--no-logo", action="store_true", help=_("remove the logo"))
    signature = change.add_mutually_exclusive_group()
    signature.add_argument(
        "--signature", type=Path, metavar=_("FILE"), help=_("a PNG or JPEG image")
    )
    signature.add_argument("--no-signature", action="store_true", help=_("remove the signature"))
    change.add_argument(
        "--country",
        choices=[c.value for c in Country],
        help=_("refused unless it is already the centre's country (see below)"),
    )
    change.add_argument(
        "--locale",
        metavar="fr|ar|en",
        help=_("the centre's language, or its full locale (e.g. fr_MA)"),
    )
    change.add_argument(
        "--retention-years",
        type=int,
        metavar="N",
        help=_("how long personal data is kept after the last contact (1 to 10 years)"),
    )
    _smtp_options(change)
    add_json_flag(change)
    change.set_defaults(handler=_set, set_parser=change)
    register_acts(actions)  # centre acts list|add|update|delete


#: ``centre set`` options of the outgoing mail server: (option, column, metavar).
_SMTP_OPTIONS = (
    ("--smtp-host", "smtp_host", "HOST"),
    ("--smtp-port", "smtp_port", "PORT"),
    ("--smtp-security", "smtp_security", "|".join(SECURITIES)),
    ("--smtp-user", "smtp_user", "USER"),
    ("--smtp-sender", "smtp_sender", "ADDR"),
)


def _smtp_options(change: argparse.ArgumentParser) -> None:
    for option, column, metavar in _SMTP_OPTIONS:
        change.add_argument(option, metavar=metavar, help=label(FIELDS, column))
    change.add_argument(
        "--smtp-password-stdin",
        action="store_true",
        help=_(
            "read the mail password from standard input (asked without echo on a terminal) "
            "and keep it in the operating system's keyring, never in the database"
        ),
    )


# -- show ------------------------------------------------------------------------------
def _image_text(image: ImageState) -> str:
    if image.mime is None:
        return _("no image")
    kind = "PNG" if image.mime == "image/png" else "JPEG"
    size = max(1, round(image.size / 1000))
    return _("{kind} image, {size} kB").format(kind=kind, size=size)


def _rows(settings: CentreSettings) -> list[tuple[str, str | None]]:
    texts = [(label(FIELDS, name), value) for name, value in settings.texts.items()]
    return [
        *texts,
        (label(FIELDS, "logo"), _image_text(settings.logo)),
        (label(FIELDS, "signature"), _image_text(settings.signature)),
        (label(FIELDS, "country"), f"{label(COUNTRIES, settings.country)} ({settings.country})"),
        (_("Currency"), settings.currency),
        (label(FIELDS, "language"), f"{label(LANGUAGES, settings.language)} ({settings.locale})"),
        (label(FIELDS, "retention_years"), str(settings.retention_years)),
        *(
            (label(FIELDS, key), None if value is None else str(value))
            for key, value in settings.smtp.as_json().items()
        ),
        (
            _("Advisors"),
            _("{n} ({active} active)").format(n=settings.advisors, active=settings.active_advisors),
        ),
    ]


def _print_settings(settings: CentreSettings) -> None:
    for name, value in _rows(settings):
        lines = (value or "").splitlines() or [""]
        print_line(f"{name}: {lines[0]}".rstrip())
        for line in lines[1:]:
            print_line(f"    {line}".rstrip())


def _password_state(available: bool, stored: bool) -> str:
    if not available:
        return _("no password store on this computer")
    return _("kept in this computer's keyring") if stored else _("not stored")


def _show(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        settings = ctx.centre_settings.get()
        available = ctx.mail.password_store_available()
        stored = available and ctx.mail.has_password(settings.smtp)
    if args.json:
        print_json({**settings.as_json(), "smtp_password_stored": stored})
    else:
        _print_settings(settings)
        state = _password_state(available, stored)
        print_line(f"{label(FIELDS, 'smtp_password')}: {state}")
    return 0


# -- set -------------------------------------------------------------------------------
def _read_image(path: Path) -> bytes:
    """The file's bytes, at most one more than an image may have (the check says why)."""
    try:
        with path.open("rb") as stream:
            return stream.read(IMAGE_MAX_BYTES + 1)
    except OSError as exc:
        raise SiecError(
            _("{path} cannot be read: {reason}").format(
                path=path, reason=exc.strerror or type(exc).__name__
            )
        ) from exc


def _image_change(path: Path | None, remove: bool) -> bytes | None:
    if remove:
        return b""
    return _read_image(path) if path is not None else None


def changes_from(args: argparse.Namespace) -> CentreChanges:
    texts = {
        column: value
        for option, column, _meta in _TEXT_OPTIONS
        if (value := getattr(args, option[2:].replace("-", "_"))) is not None
    }
    smtp = {
        column: value
        for option, column, _meta in _SMTP_OPTIONS
        if (value := getattr(args, option[2:].replace("-", "_"))) is not None
    }
    return CentreChanges(
        smtp=smtp,
        texts=texts,
        logo=_image_change(args.logo, args.no_logo),
        signature=_image_change(args.signature, args.no_signature),
        country=args.country,
        locale=args.locale,
        retention_years=args.retention_years,
    )


def _field_key(json_name: str) -> str:
    """The name of a setting in :data:`FIELDS` from its JSON name."""
    columns = {v: k for k, v in JSON_NAMES.items()}
    return "language" if json_name == "locale" else columns.get(json_name, json_name)


def _consequences(result: ChangeResult, due: int, cutoff_text: str) -> list[str]:
    changed, after = set(result.changed()), result.after
    lines: list[str] = []
    if "locale" in changed:
        lines.append(
            _(
                "The centre's language is now {language} ({locale}): the monthly report "
                "(stats report without --lang) is written in it. Letters keep each "
                "household's letter language; the currency ({currency}), the parameter sets "
                "and the measure catalogue stay those of {country}."
            ).format(
                language=label(LANGUAGES, after.language),
                locale=after.locale,
                currency=after.currency,
                country=label(COUNTRIES, after.country),
            )
        )
    if "retention_years" in changed:
        lines.append(
            ngettext(
                "{n} household is past the new retention period (last contact before "
                "{date}): privacy purge --dry-run lists it.",
                "{n} households are past the new retention period (last contact before "
                "{date}): privacy purge --dry-run lists them.",
                due,
            ).format(n=due, date=cutoff_text)
        )
    if "network_code" in changed:
        code = after.texts.get("network_code")
        lines.append(
            _("Network exports (stats export) now carry the centre code {code}.").format(code=code)
            if code
            else _("The centre has no network code now: stats export refuses until one is set.")
        )
    if {name for name in changed if name.startswith("smtp_")}:
        lines.append(_("Check the mail server with: letter --smtp-test"))
    if {name for name in changed if not name.startswith("smtp_")} - {
        "locale",
        "language",
        "retention_years",
    }:
        lines.append(
            _("Letters written from now on use these settings; letters already given keep theirs.")
        )
    return lines


def _password(args: argparse.Namespace) -> str | None:
    """The mail password given on standard input (asked on a terminal), or None."""
    if not args.smtp_password_stdin:
        return None
    if sys.stdin.isatty():
        return getpass.getpass(_("Mail password: "))
    return sys.stdin.readline().rstrip("\r\n")


def _set(args: argparse.Namespace) -> int:
    changes = changes_from(args)
    if changes == CentreChanges() and not args.smtp_password_stdin:
        args.set_parser.error(_("give at least one setting to change"))
    with app_context(args) as ctx:
        password = _password(args)
        if password is not None:  # refused before anything is written
            ctx.mail.check_password(password, changes.smtp)
        result = ctx.centre_settings.apply(changes)
        if password is not None:
            ctx.mail.save_password(password)
        stored = ctx.mail.has_password(result.after.smtp)
        due = len(ctx.retention.due_ids()) if "retention_years" in result.changed() else 0
        cutoff = format_date(ctx.retention.cutoff(), locale_for(None, result.after.country))
    changed, consequences = result.changed(), _consequences(result, due, cutoff)
    if password is not None:
        consequences.append(_("The mail password is kept in this computer's keyring."))
    if args.json:
        print_json(
            {
                "changed": changed,
                "consequences": consequences,
                "centre": {**result.after.as_json(), "smtp_password_stored": stored},
            }
        )
        return 0
    if not changed and password is None:
        print_line(_("Nothing changed: the centre's settings already had these values."))
        return 0
    names = dict.fromkeys(label(FIELDS, _field_key(name)) for name in changed)
    if password is not None:
        names[label(FIELDS, "smtp_password")] = None
    print_line(_("Centre settings saved: {fields}.").format(fields=list_separator().join(names)))
    for line in consequences:
        print_line(line)
    return 0
