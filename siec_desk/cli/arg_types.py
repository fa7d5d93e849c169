"""Argument types of the commands: numbers the database can hold (redteam LOW-5).

``99999999999999999999`` as an id or a limit is a usage error naming the range, not an
``OverflowError`` from the driver: ids and limits are bounded by the smallest integer
column of the two back-ends (PostgreSQL ``integer``, 2³¹−1).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from siec_desk.core.i18n import _

#: The largest id either back-end stores (PostgreSQL ``integer``; SQLite allows more).
MAX_ID = 2**31 - 1
#: The most rendering processes a letter batch may start.
MAX_WORKERS = 64


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from *low* to *high*, else one clear line."""

    def parse(value: str) -> int:
        text = value.strip()
        try:
            number = int(text) if len(text) <= 40 else None
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(
                _("must be a whole number from {low} to {high}").format(low=low, high=high)
            )
        return number

    parse.__name__ = "number"
    return parse


#: A record id (household, consultation).
record_id = bounded_int(1, MAX_ID)
#: How many rows a list or a search shows.
row_limit = bounded_int(1, MAX_ID)
#: Rendering processes of a letter batch.
workers = bounded_int(1, MAX_WORKERS)
