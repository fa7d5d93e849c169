"""The rights PDF's content from an export (``services.rights``), in the household's letter
language: every label translated, every date, number and amount formatted by Babel.

Runs on any thread: translations are switched for this thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from siec_desk.core.formatting import (
    currency_digits,
    format_co2_kg,
    format_date,
    format_datetime,
    format_kwh,
    format_money,
    format_number,
    isolate,
    locale_for,
)
from siec_desk.core.i18n import _, language_override, pgettext, text_direction
from siec_desk.documents.letters.country import country_texts
from siec_desk.documents.rights.content import Block, RightsContent, Row, Section, Table
from siec_desk.domain.fields import Group
from siec_desk.texts import audit as audit_text
from siec_desk.texts import labels
from siec_desk.texts.field_text import Formats, household_rows
from siec_desk.texts.readings import quantity_text

LANGUAGES = ("fr", "ar")
CURRENCY = {"FR": "EUR", "MA": "MAD", "TN": "TND"}


def _local(value: str) -> datetime:
    """An ISO timestamp; UTC ones (with an offset) in local wall-clock time."""
    moment = datetime.fromisoformat(value)
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def _day(value: str | None, locale: str) -> str:
    if not value:
        return ""
    day = _local(value).date() if "T" in value else date.fromisoformat(value)
    return format_date(day, locale)


def _moment(value: str | None, locale: str) -> str:
    return format_datetime(_local(value), locale) if value else ""


def _measure_status(code: str | None) -> str:
    statuses = {
        "recommended": pgettext("measure", "recommended"),
        "decided": pgettext("measure", "decided"),
        "done": pgettext("measure", "done"),
    }
    return statuses.get(code or "", code or "")


def _field(code: str) -> str:
    return labels.label(labels.FIELDS, code)


class _Composer:
    def __init__(self, data: Mapping[str, Any], measure_name: Callable[[str, str], str]) -> None:
        self.data = data
        self.h: Mapping[str, Any] = data["household"]
        self.country = str(data["centre"]["country"])
        language = self.h.get("letter_language")
        self.lang = language if language in LANGUAGES else "fr"
        self.locale = locale_for(self.lang, self.country)
        self.currency = CURRENCY.get(self.country, "EUR")
        self.measure_name = measure_name

    def money(self, minor: int | None, currency: str | None = None) -> str:
        if minor is None:
            return ""
        code = currency or self.currency
        amount = Decimal(minor) / (Decimal(10) ** currency_digits(code))
        return format_money(amount, code, self.locale)

    def number(self, value: float | None, unit: str = "") -> str:
        if value is None:
            return ""
        digits = 0 if float(value).is_integer() else 1
        return format_number(value, self.locale, digits) + (f"\u00a0{unit}" if unit else "")

    @staticmethod
    def rows(*pairs: tuple[str, str] | tuple[str, str, bool]) -> tuple[Row, ...]:
        """Rows with a value only."""
        return tuple(Row(*pair) for pair in pairs if pair[1])

    def content(self) -> RightsContent:
        h = self.h
        subject = " ".join(p for p in (h.get("first_name"), h.get("last_name")) if p)
        names = self.data["centre"]
        centre = str((self.lang == "ar" and names.get("name_ar")) or names["name"])
        return RightsContent(
            language=self.lang,
            direction=text_direction(self.lang),
            locale=self.locale,
            title=_("Your data held by the advice centre"),
            centre_name=centre,
            subject=subject or _("Household {id}").format(id=h["id"]),
            generated_on=_("Produced on {date}").format(
                date=_day(str(self.data["exported_at"]), self.locale)
            ),
            intro=_(
                "This document lists everything our centre, {centre}, stores about you: "
                "your details, your consultations with the measures recommended and their "
                "estimates, the letters given to you, and the history of your record. The "
                "same data is available as a file that a computer can read."
            ).format(centre=isolate(centre)),
            sections=(
                self.identity(),
                self.situation(),
                self.consent(),
                self.consultations(),
                self.readings(),
                self.loans(),
                self.letters(),
                self.history(),
            ),
            privacy=self.privacy(centre),
            identifier=f"rights-{h['id']}-{self.data['exported_at']}",
        )

    def household_rows(self, *groups: Group) -> tuple[Row, ...]:
        """The registry's fields of *groups* with a value, in its order (``field_text``)."""
        formats = Formats(self.locale, self.country)
        return tuple(
            Row(row.label, row.value, row.ltr)
            for row in household_rows(self.h, groups, formats)
            if row.value
        )

    def identity(self) -> Section:
        h = self.h
        return Section(
            _("Identity and contact"),
            self.household_rows(Group.CONTACT)
            + self.rows(
                (_("Anonymised on"), _day(h.get("anonymised_at"), self.locale)),
                (_("Record created on"), _day(h.get("created_at"), self.locale)),
            ),
        )

    def situation(self) -> Section:
        return Section(
            _("Dwelling and situation"),
            self.household_rows(Group.DWELLING, Group.SITUATION),
            empty=_("Nothing recorded."),
        )

    def consent(self) -> Section:
        return Section(
            _("Consent and preferences"), self.household_rows(Group.PREFERENCES, Group.NOTES)
        )

    def consultations(self) -> Section:
        blocks = tuple(self.consultation(c) for c in self.data["consultations"])
        return Section(_("Consultations"), blocks=blocks, empty=_("No consultation recorded."))

    def event_met(self, event_id: int | None) -> str:
        """The event where the household was met (schema 0016): date, type, title."""
        found = [e for e in self.data.get("events_met", []) if e["id"] == event_id]
        if not found:
            return ""
        e = found[0]
        parts = (_day(e["occurred_on"], self.locale), labels.label(labels.EVENT_TYPES,
                 e["event_type"]), e.get("title") or e.get("place") or "")  # fmt: skip
        return " · ".join(p for p in parts if p)

    def consultation(self, c: Mapping[str, Any]) -> Block:
        code = labels.label
        title = " · ".join(
            (_moment(c["occurred_at"], self.locale), code(labels.CONTACT_MODES, c["mode"]))
        )
        follow_up = " · ".join(
            p
            for p in (
                code(labels.FOLLOW_UP_KINDS, c.get("follow_up_kind")),
                c.get("follow_up_action") or "",
                _day(c.get("follow_up_due"), self.locale),
                (c.get("follow_up_time") or "")[:5],
                code(labels.FOLLOW_UP_STATUSES, c.get("follow_up_status")),
                c.get("follow_up_note") or "",
            )
            if p
        )
        outcome = " · ".join(
            p
            for p in (
                code(labels.OUTCOME_STATUSES, c.get("outcome_status")),
                _day(c.get("outcome_recorded_on"), self.locale),
                self.money(c.get("outcome_works_amount_minor")),
                self.money(c.get("outcome_aids_minor")),
                c.get("outcome_abandon_reason") or "",
            )
            if p
        )
        rows = self.rows(
            (_field("act"), code(labels.ACT_LEVELS, c["act"])),
            (
                _field("themes"),
                audit_text.list_separator().join(
                    code(labels.THEMES, t) for t in c.get("themes", [])
                ),
            ),
            (
                _field("orientations"),
                audit_text.list_separator().join(
                    code(labels.ORIENTATIONS, o) for o in c.get("orientations", [])
                ),
            ),
            (_field("duration_min"), self.number(c.get("duration_min"))),
            (
                _field("commune"),
                " ".join(p for p in (c.get("postal_code"), c.get("commune")) if p),
            ),
            (_field("origin"), code(labels.ORIGINS, c.get("origin"))),
            (_field("event_id"), self.event_met(c.get("event_id"))),
            (_field("advisor"), c.get("advisor") or ""),
            (_field("notes"), c.get("notes") or ""),
            (_("Follow-up"), follow_up),
            (_field("outcome_status"), outcome),
        )
        measures = tuple(
            Row(self.measure_name(m["measure_code"], self.lang), self.estimate(m))
            for m in c.get("measures", [])
        )
        return Block(title, rows + measures)

    def estimate(self, m: Mapping[str, Any]) -> str:
        parts = [
            _("{kwh} per year").format(kwh=format_kwh(m["kwh_per_year"], self.locale)),
            _("{money} per year").format(
                money=self.money(m["money_per_year_minor"], m.get("currency"))
            ),
            _("{co2} per year").format(co2=format_co2_kg(m["co2_kg_per_year"], self.locale)),
        ]
        if m.get("cost_minor") is not None:
            parts.append(
                _("cost {money}").format(money=self.money(m["cost_minor"], m.get("currency")))
            )
        parts.append(_measure_status(m.get("status")))
        return " · ".join(p for p in parts if p)

    def readings(self) -> Section:
        """The consumption readings (bills and meter readings), oldest first."""
        rows = tuple(
            (
                labels.label(labels.READING_KINDS, r["kind"]),
                _day(r.get("start_on"), self.locale),
                _day(r["end_on"], self.locale),
                quantity_text(float(r["quantity"]), str(r["kind"]), self.locale),
                self.money(r.get("amount_minor"), r.get("currency")),
                labels.label(labels.READING_SOURCES, r["source"]),
                r.get("notes") or "",
            )
            for r in self.data.get("consumption_readings", [])
        )
        headers = (_("Reading of"), _("From"), _("To"), _("Quantity"), _("Amount paid"),
                   _("Source"), _field("notes"))  # fmt: skip
        return Section(
            _("Consumption readings"),
            table=Table(headers, rows) if rows else None,
            empty=_("No reading recorded."),
        )

    def loans(self) -> Section:
        """The equipment the household borrowed (schema 0017), oldest first."""
        rows = tuple(
            (
                f"{x['item_name']} ({x['item_label']})" if x.get("item_label") else x["item_name"],
                _day(x["out_on"], self.locale),
                _day(x["due_on"], self.locale),
                _day(x.get("returned_on"), self.locale),
                self.money(x.get("deposit_minor"), x.get("currency")),
                x.get("notes") or "",
            )
            for x in self.data.get("equipment_loans", [])
        )
        headers = (_("Item"), _("Lent on"), _("Due back on"), _("Returned on"), _("Deposit"),
                   _field("notes"))  # fmt: skip
        return Section(
            _("Equipment loans"),
            table=Table(headers, rows) if rows else None,
            empty=_("No equipment borrowed."),
        )

    def letters(self) -> Section:
        rows = tuple(
            (
                _moment(row["created_at"], self.locale),
                row["reference"],
                labels.label(labels.LANGUAGES, row["language"]),
                format_number(row["pages"], self.locale),  # the column says "Pages"
            )
            for row in self.data["letters"]
        )
        return Section(
            _("Letters given to you"),
            table=Table((_("Date"), _("Reference"), _field("language"), _("Pages")), rows)
            if rows
            else None,
            empty=_("No letter."),
        )

    def history(self) -> Section:
        rows = tuple(
            (
                _moment(e["occurred_at"], self.locale),
                audit_text.action_label(e["action"]),
                audit_text.object_text(e["object_type"], e["object_id"]),
                audit_text.actor_label(e["actor"]),
                audit_text.summary(e["details"], self.locale),
            )
            for e in self.data["audit"]
        )
        return Section(
            _("History of your record"),
            table=Table((_("When"), _("What"), _("Record"), _("Who"), _("Details")), rows)
            if rows
            else None,
            empty=_("No history recorded."),
        )

    def privacy(self, centre: str) -> str:
        try:
            texts = country_texts(self.country)
        except (OSError, ValueError):
            return ""
        return (
            texts.privacy_text(self.lang)
            .replace("{controller}", isolate(centre))
            .replace("{retention}", texts.retention(self.lang))
            .replace("{authority}", texts.privacy_authority(self.lang))
        )


def compose(
    data: Mapping[str, Any], measure_name: Callable[[str, str], str] | None = None
) -> RightsContent:
    """The PDF's content for an export, in the household's letter language (fr or ar)."""
    composer = _Composer(data, measure_name or (lambda code, _lang: code))
    with language_override(composer.lang):
        return composer.content()
