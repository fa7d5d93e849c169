"""Translate argparse's own messages (usage, errors, help headings) with our catalogue.

argparse looks its messages up through ``gettext`` module functions bound at import;
pointing them at SIEC Desk's translations makes "usage:", "error:" and "invalid choice"
French or Arabic like the rest. The messages are listed here so Babel extracts them.
"""

from __future__ import annotations

import argparse

from siec_desk.core import i18n
from siec_desk.core.i18n import _


def _messages() -> list[str]:
    """Never called: it only shows the extractor the strings argparse uses."""
    return [
        _("usage: "),
        _("%(prog)s: error: %(message)s\n"),
        _("argument %(argument_name)s: %(message)s"),
        _("invalid choice: %(value)r (choose from %(choices)s)"),
        _("invalid %(type)s value: %(value)r"),
        _("the following arguments are required: %s"),
        _("unrecognized arguments: %s"),
        _("expected one argument"),
        _("ambiguous option: %(option)s could match %(matches)s"),
        _("show this help message and exit"),
        _("positional arguments"),
        _("options"),
        _("not allowed with argument %s"),
        _("one of the arguments %s is required"),
    ]


def install() -> None:
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
