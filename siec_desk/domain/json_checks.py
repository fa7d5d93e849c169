"""Strict checks for decoded JSON: each returns the typed value or raises ``ValueError``.

Shared by the parameter-set and catalogue loaders; ``where`` names the file and field
so that the message says exactly which value is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation


def expect_object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise ValueError(f"{where}: expected a JSON object")
    return value


def expect_keys(
    obj: Mapping[str, object], where: str, required: Iterable[str], optional: Iterable[str] = ()
) -> None:
    required_set, optional_set = set(required), set(optional)
    missing = sorted(required_set - obj.keys())
    unknown = sorted(obj.keys() - required_set - optional_set)
    if missing:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")


def expect_str(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: expected a non-empty string")
    return value


def expect_list(value: object, where: str) -> Sequence[object]:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a JSON list")
    return value


def expect_int(value: object, where: str, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}: expected an integer")
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: must be at least {minimum}, got {value}")
    return value


def expect_number(value: object, where: str, minimum: float | None = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}: expected a finite number")
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: must be at least {minimum}, got {value}")
    return float(value)


def expect_decimal(value: object, where: str) -> Decimal:
    """A non-negative amount given as a decimal string (or a JSON number)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f'{where}: expected a decimal string such as "0.2016"')
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{where}: {value!r} is not a decimal number") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{where}: expected a non-negative amount, got {value!r}")
    return amount


def expect_date(value: object, where: str) -> date:
    text = expect_str(value, where)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not an ISO date (YYYY-MM-DD)") from None


def expect_code(value: object, where: str, allowed: Iterable[str]) -> str:
    text = expect_str(value, where)
    if text not in set(allowed):
        raise ValueError(f"{where}: unknown code {text!r}")
    return text


def expect_bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{where}: expected true or false")
    return value
