"""Demo phone numbers pass the app's own validation (redteam LOW-11): a demo household
can be edited and saved, and an export of the demo imports again."""

from __future__ import annotations

import random

import pytest

from siec_desk.domain.validation import Checker
from siec_desk.services.demo.generator import _Generator, mobile_prefixes


def _phones(country: str, seed: int, count: int) -> list[str]:
    generator = object.__new__(_Generator)  # only what _phone reads
    generator.rng = random.Random(seed)
    generator.country = country
    return [generator._phone() for _ in range(count)]


@pytest.mark.parametrize("country", ["FR", "MA", "TN"])
def test_every_demo_phone_is_valid_for_the_centre(country: str) -> None:
    checker = Checker()
    phones = [p for seed in range(40) for p in _phones(country, seed, 150)]
    stored = [checker.phone("phone", phone, country) for phone in phones]
    assert checker.errors == []
    assert stored == phones  # already E.164, stored as generated
    assert len({p[:6] for p in phones}) > 50  # still spread over many ranges


def test_unallocated_ranges_are_never_used() -> None:
    assert "690" not in mobile_prefixes("FR")  # Guadeloupe's mobiles, not +33
    assert "612" in mobile_prefixes("FR") and "661" in mobile_prefixes("MA")


def test_the_same_seed_gives_the_same_numbers() -> None:
    assert _phones("MA", 7, 50) == _phones("MA", 7, 50)
