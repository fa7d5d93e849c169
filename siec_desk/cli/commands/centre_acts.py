"""``centre acts list|add|update|delete``: the centre's act types (docs/cli.md).

A centre adds its own types (``x_…``, worded in French, Arabic and/or English, counted in
the network export as the shared act ``--maps-to`` names, else left out of it) and hides
built-in acts it does not use; the same service as Centre ▸ Act types in the window.
"""

from __future__ import annotations

import argparse

from siec_desk.cli.arg_types import add_json_flag
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.i18n import _
from siec_desk.domain.act_types import MAPPABLE, ActType, ActTypeChange
from siec_desk.texts.labels import act_label

_LANGUAGES = ("fr", "ar", "en")


def register_acts(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    acts = actions.add_parser("acts", help=_("the centre's act types: its own and those hidden"))
    verbs = acts.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)
    listing = verbs.add_parser("list", help=_("list the built-in acts and the centre's own"))
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    add = verbs.add_parser("add", help=_("add an act type of the centre's own (x_…)"))
    add.add_argument("code", metavar="CODE", help=_("x_ then 1 to 30 of a-z, 0-9 and _"))
    _wording_options(add)
    add_json_flag(add)
    add.set_defaults(handler=_add)

    update = verbs.add_parser("update", help=_("change, hide or show an act type"))
    update.add_argument("code", metavar="CODE")
    _wording_options(update)
    update.add_argument(
        "--no-needs-household",
        dest="needs_household",
        action="store_false",
        help=_("anonymous consultations may use it"),
    )
    shown = update.add_mutually_exclusive_group()
    shown.add_argument(
        "--hide", dest="hidden", action="store_true", default=None, help=_("no longer offer it")
    )
    shown.add_argument("--show", dest="hidden", action="store_false", help=_("offer it again"))
    add_json_flag(update)
    update.set_defaults(handler=_update)

    delete = verbs.add_parser("delete", help=_("delete an act type no consultation uses"))
    delete.add_argument("code", metavar="CODE")
    delete.set_defaults(handler=_delete)


def _wording_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--label", metavar="TEXT", help=_("its name in the centre's language"))
    parser.add_argument("--label-fr", metavar="TEXT", help=_("its name in French"))
    parser.add_argument("--label-ar", metavar="TEXT", help=_("its name in Arabic"))
    parser.add_argument("--label-en", metavar="TEXT", help=_("its name in English"))
    parser.add_argument(
        "--maps-to",
        choices=[*MAPPABLE, ""],
        metavar="ACT",
        help=_('the shared act it counts as in the network export ({acts}; "": none)').format(
            acts=", ".join(MAPPABLE)
        ),
    )
    parser.add_argument(
        "--needs-household",
        action="store_true",
        default=None,
        help=_("refuse it for an anonymous consultation"),
    )
    parser.add_argument("--position", type=int, metavar="N", help=_("its place in lists"))


def _change(args: argparse.Namespace, language: str) -> ActTypeChange:
    labels = {lang: getattr(args, f"label_{lang}") for lang in _LANGUAGES}
    if args.label is not None and labels.get(language) is None:
        labels[language if language in labels else "fr"] = args.label
    return ActTypeChange(
        label_fr=labels["fr"],
        label_ar=labels["ar"],
        label_en=labels["en"],
        maps_to=args.maps_to,
        needs_household=args.needs_household,
        hidden=getattr(args, "hidden", None),
        position=args.position,
    )


def _json(t: ActType) -> dict[str, object]:
    return {
        "code": t.code,
        "builtin": t.builtin,
        "label": act_label(t.code),
        "label_fr": t.label_fr,
        "label_ar": t.label_ar,
        "label_en": t.label_en,
        "maps_to": t.maps_to,
        "needs_household": t.needs_household,
        "hidden": t.hidden,
        "position": t.position,
        "used_by": t.used_by,
    }


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        types = ctx.act_types.list()
    if args.json:
        print_json([_json(t) for t in types])
        return 0
    print_table(
        [_("Code"), _("Name"), _("Counts in the network as"), _("Consultations"), _("Shown")],
        [
            [
                t.code,
                act_label(t.code),
                t.code if t.builtin else (t.maps_to or _("left out")),
                t.used_by,
                _("no") if t.hidden else _("yes"),
            ]
            for t in types
        ],
    )
    return 0


def _add(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        added = ctx.act_types.add(args.code, _change(args, ctx.centre.locale[:2]))
    if args.json:
        print_json(_json(added))
    else:
        print_line(
            _("Act type {code} added: {label}").format(code=added.code, label=act_label(added.code))
        )
    return 0


def _update(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        changed = ctx.act_types.update(args.code, _change(args, ctx.centre.locale[:2]))
    if args.json:
        print_json(_json(changed))
    elif changed.hidden:
        print_line(
            _("Act type {code} is hidden: it is no longer offered.").format(code=changed.code)
        )
    else:
        print_line(
            _("Act type {code} saved: {label}").format(
                code=changed.code, label=act_label(changed.code)
            )
        )
    return 0


def _delete(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        ctx.act_types.delete(args.code)
    print_line(_("Act type {code} deleted.").format(code=args.code))
    return 0


__all__ = ["register_acts"]
