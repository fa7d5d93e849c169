"""The French income category (MaPrimeRénov' colour) from the dated Anah ceilings.

domain.md §4: the colour follows from the household size, the reference tax income
(RFR, €) and whether the household lives in Île-de-France. Income *at or below* a
ceiling falls in that category: blue ≤ first ceiling, yellow ≤ second, violet ≤ third,
pink above. Beyond the largest listed size, each extra person adds a fixed increment.
The ceilings live in the French parameter set (they change every 1 January).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from siec_desk.domain.codes import IncomeCategory

#: (blue, yellow, violet) ceilings in euros, in increasing order.
Ceilings = tuple[int, int, int]


@dataclass(frozen=True)
class CeilingScale:
    """Ceilings per household size (1…N) plus the increment for each extra person."""

    by_size: Mapping[int, Ceilings]
    extra_person: Ceilings

    def for_size(self, household_size: int) -> Ceilings:
        """Ceilings for a size ≥ 1; above the largest listed size, add the increments."""
        if household_size < 1:
            raise ValueError(f"household size must be at least 1, got {household_size}")
        largest = max(self.by_size)
        if household_size <= largest:
            return self.by_size[household_size]
        extra = household_size - largest
        base = self.by_size[largest]
        return (
            base[0] + extra * self.extra_person[0],
            base[1] + extra * self.extra_person[1],
            base[2] + extra * self.extra_person[2],
        )


@dataclass(frozen=True)
class IncomeCeilings:
    """One year's Anah scale: outside Île-de-France and Île-de-France."""

    valid_from: date
    source: str
    outside_idf: CeilingScale
    idf: CeilingScale
    notes: str = ""


#: The départements of Île-de-France (the Anah scale's higher ceilings).
ILE_DE_FRANCE_DEPARTMENTS = frozenset({"75", "77", "78", "91", "92", "93", "94", "95"})


def ile_de_france_of_postcode(postal_code: str | None) -> bool | None:
    """Whether a French postcode (five digits) is in Île-de-France; None when there is no
    such postcode."""
    code = (postal_code or "").replace(" ", "")
    if len(code) != 5 or not code.isdigit():
        return None
    return code[:2] in ILE_DE_FRANCE_DEPARTMENTS


def income_zone(postal_code: str | None, tenure: str | None, ticked: bool) -> tuple[bool, bool]:
    """(in Île-de-France, deduced from the postcode). The zone is the renovated dwelling's:
    its postcode decides when it is known. A landlord's zone is their own residence's,
    which is not recorded, so for a landlord (and without a postcode) the advisor's
    "Lives in Île-de-France" box decides."""
    if tenure != "landlord":
        deduced = ile_de_france_of_postcode(postal_code)
        if deduced is not None:
            return deduced, True
    return ticked, False


_COLOURS = (IncomeCategory.MPR_BLUE, IncomeCategory.MPR_YELLOW, IncomeCategory.MPR_VIOLET)


def french_income_category(
    household_size: int | None,
    reference_income: int | None,
    ile_de_france: bool,
    ceilings: IncomeCeilings,
) -> IncomeCategory:
    """The MaPrimeRénov' colour; ``UNKNOWN`` when the size or the income is missing."""
    if household_size is None or reference_income is None:
        return IncomeCategory.UNKNOWN
    if reference_income < 0:
        raise ValueError(f"reference income cannot be negative, got {reference_income}")
    scale = ceilings.idf if ile_de_france else ceilings.outside_idf
    for colour, ceiling in zip(_COLOURS, scale.for_size(household_size), strict=True):
        if reference_income <= ceiling:
            return colour
    return IncomeCategory.MPR_PINK
