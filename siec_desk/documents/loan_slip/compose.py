"""The loan slip's text, translated in its language from the facts the service gave."""

from __future__ import annotations

from decimal import Decimal

from siec_desk.core.formatting import currency_digits, format_date, format_money, locale_for
from siec_desk.core.i18n import _, language_override, text_direction
from siec_desk.documents.loan_slip.content import LoanSlipContent, LoanSlipFacts, SlipRow
from siec_desk.texts.labels import LOAN_ITEM_TYPES, label

#: The languages a slip is written in (the household's letter language).
SLIP_LANGUAGES = ("fr", "ar")


def compose_loan_slip(facts: LoanSlipFacts, *, language: str) -> LoanSlipContent:
    """The slip of *facts* in *language* (French or Arabic)."""
    if language not in SLIP_LANGUAGES:
        raise ValueError(f"loan slips are written in French or Arabic, not {language!r}")
    locale = locale_for(language, facts.country)
    with language_override(language):
        centre = (
            (facts.centre_name_ar or facts.centre_name) if language == "ar" else facts.centre_name
        )
        if facts.deposit_minor is None:
            deposit = _("none")
        else:
            major = Decimal(facts.deposit_minor) / 10 ** currency_digits(facts.currency)
            deposit = format_money(major, facts.currency, locale)
        rows = [SlipRow(_("Household"), facts.household_name)]
        if facts.household_phone:
            rows.append(SlipRow(_("Phone"), facts.household_phone, ltr=True))
        rows += [
            SlipRow(_("Item"), facts.item_name),
            SlipRow(_("Item type"), label(LOAN_ITEM_TYPES, facts.item_type)),
        ]
        if facts.item_label:
            rows.append(SlipRow(_("Label or serial number"), facts.item_label, ltr=True))
        rows += [
            SlipRow(_("Lent on"), format_date(facts.out_on, locale, "long")),
            SlipRow(_("Due back on"), format_date(facts.due_on, locale, "long")),
            SlipRow(_("Deposit"), deposit),
        ]
        advisor = facts.advisor_name or _("the centre's advisor")
        return LoanSlipContent(
            language=language,
            direction=text_direction(language),
            locale=locale,
            title=_("Equipment loan slip"),
            centre_name=centre,
            centre_lines=tuple(p for p in (facts.centre_address, facts.centre_phone) if p),
            number_line=_("Loan no. {number}").format(number=facts.loan_id),
            rows=tuple(rows),
            conditions_title=_("Conditions of the loan"),
            conditions=(
                _(
                    "The centre lends this item free of charge so that the household can "
                    "measure its own energy use. The household returns it complete and in "
                    "the same state by the date above, or calls the centre to extend the loan."
                ),
                _(
                    "The household takes care of the item and does not lend it to anyone "
                    "else. If the item is lost or damaged, the centre may keep all or part "
                    "of the deposit; the deposit is given back when the item is returned."
                ),
                _(
                    "The centre records this loan to manage its equipment; the household "
                    "may ask to see or correct what is recorded about it."
                ),
            ),
            household_box=_("The household: read and approved, date and signature"),
            centre_box=_("For the centre: date and signature"),
            household_name=facts.household_name,
            advisor_name=advisor,
            return_title=_("Return of the item (filled in by the centre)"),
            return_rows=(_("Returned on"), _("State at return"), _("Deposit given back")),
            identifier=f"loan-{facts.loan_id}",
        )
