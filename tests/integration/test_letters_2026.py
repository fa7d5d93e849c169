"""Letters with the 2026 rules, read back from the PDF text layer: the rules date, the CO₂
convention, the French aids as they stand, "not cost-effective" paybacks, the saving at the
unsubsidised price (MA) and the PROSOL subsidy netted in the payback (TN)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from testkit.contexts import make_ctx
from testkit.letters import extract, normalise

from siec_desk.core.formatting import format_date, format_money_whole, locale_for
from siec_desk.core.i18n import _, language_override
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.country import country_texts
from siec_desk.documents.letters.render import render_pdf
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext
from siec_desk.services.letter_types import LetterRequest

GAS_HOUSE = HouseholdInput(
    last_name="Durand",
    commune="Tours",
    postal_code="37000",
    dwelling_type="house",
    construction_period="1948_1974",
    surface_m2=110,
    heating_energy="natural_gas",
    hot_water_energy="natural_gas",
    household_size=3,
    letter_language="fr",
)
BUTANE_HOME = HouseholdInput(
    last_name="Bakkali",
    commune="Chefchaouen",
    postal_code="91000",
    dwelling_type="house",
    hot_water_energy="butane_propane",
    household_size=2,
    letter_language="fr",
)


def _letter(
    ctx: AppContext, household: HouseholdInput, measures: tuple[str, ...], language: str
) -> LetterContent:
    return ctx.letters.compose(LetterRequest(_consultation(ctx, household, measures), language))


def _consultation(ctx: AppContext, household: HouseholdInput, measures: tuple[str, ...]) -> int:
    household_id = ctx.households.create(household)
    consultation_id = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("heating",),
            household_id=household_id,
            advisor_id=ctx.centres.advisors()[0].id,
            measures=tuple(MeasureChoice(code) for code in measures),
        )
    )
    return consultation_id


@pytest.fixture(scope="module")
def centres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, AppContext]]:
    folder = tmp_path_factory.mktemp("letters2026")
    made = {c: make_ctx(folder / f"{c}.sqlite3", c) for c in ("FR", "MA", "TN")}
    yield made
    for context in made.values():
        context.close()


NOT_COST_EFFECTIVE = (
    "“Not cost-effective at today's prices”: the measure would take more than {years} years, "
    "or longer than it lasts, to pay for itself at today's prices. It may still bring comfort, "
    "or pay if prices rise."
)
SUBSIDISED = (
    "Part of your energy is subsidised by the State: the amount “at the unsubsidised price” is "
    "what the same saving is worth at the energy's real cost, which the community pays."
)


def _text(content: LetterContent, tmp: Path) -> str:
    return extract(render_pdf(content).pdf, content.language, tmp)


def _in(language: str, msgid: str) -> str:
    """The phrase as the letter prints it (translated once the catalogues are merged)."""
    with language_override(language):
        return normalise(_(msgid))


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_french_letter_prints_the_2026_rules_date_convention_and_aids(
    centres: dict[str, AppContext], tmp_path: Path, language: str
) -> None:
    content = _letter(
        centres["FR"], GAS_HOUSE, ("wall_insulation", "attic_insulation", "heat_pump"), language
    )
    text = _text(content, tmp_path)
    rules = country_texts("FR").rules_date
    assert rules.isoformat() == "2026-02-23"
    printed = normalise(format_date(rules, locale_for(language, "FR"), "long"))
    if language == "fr":
        assert printed in text
    else:  # the extractor puts the day beside the month in visual order
        assert re.search(r"23\s?فبراير|فبراير\s?23", text), printed
    params = centres["FR"].reference.parameters("FR")
    assert params.co2_convention is not None
    if language == "fr":
        assert normalise(params.co2_convention.name("fr")) in text
        assert "mesaides.france-renov.gouv.fr" in text
        assert "Mes Aides Réno" not in text  # the old simulator name
        assert "E, F ou G" in text  # whole-home renovation only for E/F/G dwellings
        assert "Isolation des murs : plus de MaPrimeRénov’ par geste" in text
        assert "Mon Accompagnateur Rénov’" in text
    codes = {name for name in (a.name for a in content.aids)}
    assert any("MaPrimeRénov'" in name for name in codes)
    assert any(params.co2_convention.name(language) in m for m in content.mentions)


def test_long_paybacks_say_not_cost_effective_and_ma_shows_the_unsubsidised_saving(
    centres: dict[str, AppContext], tmp_path: Path
) -> None:
    content = _letter(centres["MA"], BUTANE_HOME, ("solar_water_heater", "led_lighting"), "fr")
    swh, led = content.measures
    assert swh.money_unsubsidised and not led.money_unsubsidised  # butane vs electricity
    assert swh.not_cost_effective  # 9 000 DH for 2 people at 50 DH a bottle: beyond 20 years
    assert not led.not_cost_effective
    text = _text(content, tmp_path)
    assert _in("fr", NOT_COST_EFFECTIVE)[:30] in text
    assert _in("fr", SUBSIDISED)[:30] in text
    amount = swh.money_unsubsidised.split("/")[0]
    assert normalise(amount) in text
    assert "SRM" in text  # the regional distribution company, not ONEE
    rules = country_texts("MA").rules_date
    assert normalise(format_date(rules, locale_for("fr", "MA"), "long")) in text


def test_tunisian_payback_nets_the_prosol_subsidy(
    centres: dict[str, AppContext], tmp_path: Path
) -> None:
    ctx = centres["TN"]
    consultation_id = _consultation(ctx, BUTANE_HOME, ("solar_water_heater",))
    content = ctx.letters.compose(LetterRequest(consultation_id, "fr"))
    (swh,) = content.measures
    (stored,) = ctx.consultations.get(consultation_id).measures
    assert "PROSOL Résidentiel (FTE)" in swh.cost_after_subsidy
    assert stored.cost_minor is not None and stored.money_per_year_minor > 0
    net_years = (stored.cost_minor - 200_000) / stored.money_per_year_minor  # 200 DT deducted
    assert swh.not_cost_effective is (net_years > 20)  # 20-year life of a solar water heater
    if not swh.not_cost_effective:
        assert swh.payback.startswith(str(round(net_years)))
    text = _text(content, tmp_path)
    net = format_money_whole(
        Decimal(stored.cost_minor - 200_000) / 1000, "TND", locale_for("fr", "TN")
    )
    assert normalise(net) in text  # the cost after the subsidy, printed in the table
    assert "176 millimes" in text  # STEG's monthly bands in the next steps
    assert "moyenne du réseau Ember 2024" in text
