"""The household detail pane of the Households page.

Shows one household (contact, dwelling, situation, preferences, notes) and the timeline
of its consultations and letters, newest first; :func:`household_facts` and
:func:`timeline_text` give the display text of its rows (letters: ``household_letters``).
The rows of each box are the registry's fields of that group (``texts.field_text``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import NotFoundError
from siec_desk.core.formatting import (
    format_date,
    format_datetime,
    isolate_ltr_runs,
    locale_for,
    ltr,
    plain,
)
from siec_desk.core.i18n import N_, _, ngettext
from siec_desk.domain.consultation_records import ConsultationSummary
from siec_desk.domain.fields import HOUSEHOLD, FieldKind, Group
from siec_desk.domain.household_records import HouseholdDetail
from siec_desk.texts.field_text import FieldRow, Formats, household_rows
from siec_desk.texts.labels import ACT_LEVELS, CONTACT_MODES, ORIENTATIONS, THEMES, label
from siec_desk.ui.households.letters import (
    LetterActions,
    letter_timeline_text,
    local_time,
    sending_timeline_text,
)
from siec_desk.ui.households.rights import HouseholdRightsActions
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.models.household_list import isolate
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import (
    align_labels,
    button_row,
    push_button,
    scroll_area,
    splitter,
    tab_chain,
)
from siec_desk.ui.widgets.consultation_table import list_separator

if TYPE_CHECKING:  # the letters' module (and the documents it names) on demand
    from siec_desk.services.letter_types import LetterRecord
    from siec_desk.ui.households.consumption import ConsumptionBox
    from siec_desk.ui.loans.household_box import HouseholdLoansBox


class HouseholdDetailPane(QWidget):
    """One household: contact, dwelling, situation, preferences, notes, timeline."""

    edit_requested = Signal(int)
    erased = Signal(int)  # the household is gone: the page goes back to its list

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.household_id: int | None = None
        self._seq = 0
        self._values: dict[str, QLabel] = {}
        self._row_labels: list[QLabel] = []
        self.empty = QLabel(_("Choose a household in the list to see its details."))
        tag(self.empty, "households.detail.empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        ui.events.letters_changed.connect(self._letters_changed)

    def _build_content(self) -> QWidget:
        self.name = _value_label("households.detail.name")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.name.setFont(font)
        self.edit_button = push_button(_("Edit…"), "households.edit", on_click=self._edit)
        self.consult_button = push_button(
            _("Log a consultation…"),
            "households.new_consultation",
            on_click=self._new_consultation,
        )
        self.rights = HouseholdRightsActions(self.ui, self)
        self.rights.erased.connect(self.erased)
        buttons = button_row(
            self.rights.export_button,
            self.rights.erase_button,
            leading=[self.edit_button, self.consult_button],
        )

        facts = QWidget()
        facts_layout = QVBoxLayout(facts)
        rows = {r.name: r for r in _rows({}, self.ui.app.centre.country)}
        for group, title in _BOXES.items():
            box_rows = [(_key(r.name), r.label) for r in rows.values() if _GROUP[r.name] is group]
            facts_layout.addWidget(self._group(str(title), box_rows))
        # The readings with their chart (issue 18) and the loans (issue 19) come with the
        # first household: their modules (QtCharts) cost ~50 ms at start (issue 22).
        self._facts_layout = facts_layout
        self._boxes: tuple[ConsumptionBox, HouseholdLoansBox] | None = None
        facts_layout.addStretch(1)
        align_labels(self._row_labels)
        scroll = scroll_area(  # the buttons and timeline take focus
            facts, "households.detail", _("Household details"), takes_focus=False
        )

        self.timeline = QListWidget()
        timeline_label = labelled(
            _("Consultations and letters"), self.timeline, "households.timeline"
        )
        self.timeline.setWordWrap(True)
        self.timeline.setSpacing(2)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.itemActivated.connect(self._consultation_activated)
        self.letter_actions = LetterActions(self.ui)
        self.timeline.currentItemChanged.connect(
            lambda item, _previous: self.letter_actions.set_letter(_letter_of(item))
        )
        timeline_box = QWidget()
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addWidget(timeline_label)
        timeline_layout.addWidget(self.timeline)
        timeline_layout.addWidget(self.letter_actions)

        split = splitter(Qt.Orientation.Vertical, (scroll, 3), (timeline_box, 2))
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        tab_chain(
            self.edit_button,
            self.consult_button,
            self.rights.export_button,
            self.rights.erase_button,
            self.timeline,
            self.letter_actions.open_button,
            self.letter_actions.again_button,
        )
        return content

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, text in rows:
            value = _value_label(f"households.detail.{key}")
            self._values[key] = value
            if key in _UNLABELLED:
                form.addRow(value)
            else:
                row_label = QLabel(_("Consent") if key == "consent" else text)
                self._row_labels.append(row_label)
                form.addRow(row_label, value)
        return box

    def first_focus(self) -> QWidget:
        return self.edit_button

    def ensure_boxes(self) -> tuple[ConsumptionBox, HouseholdLoansBox]:
        """The consumption and loans boxes, built (below the others) if not yet."""
        if self._boxes is None:
            from siec_desk.ui.households.consumption import ConsumptionBox
            from siec_desk.ui.loans.household_box import HouseholdLoansBox

            self._boxes = ConsumptionBox(self.ui), HouseholdLoansBox(self.ui)
            stretch = self._facts_layout.count() - 1
            for offset, box in enumerate(self._boxes):
                self._facts_layout.insertWidget(stretch + offset, box)
        return self._boxes

    # -- loading ---------------------------------------------------------------------
    def load(self, household_id: int) -> None:
        """Fetch and show a household (a newer call wins over a slower older one)."""
        self._seq += 1
        seq = self._seq
        households, consultations = self.ui.app.households, self.ui.app.consultations
        letters = self.ui.app.letters
        self.ui.runner.run(
            lambda: (
                households.get(household_id),
                consultations.for_household(household_id),
                letters.for_household(household_id),
            ),
            lambda result: self._loaded(seq, *result),
            lambda exc: self._failed(seq, exc),
        )

    def clear(self) -> None:
        self._seq += 1
        self.household_id = None
        self.stack.setCurrentWidget(self.empty)

    def _failed(self, seq: int, exc: Exception) -> None:
        if seq != self._seq:
            return
        self.clear()
        if not isinstance(exc, NotFoundError):  # deleted meanwhile: just show nothing
            self.ui.show_error(exc)

    def _letters_changed(self, household_id: int) -> None:
        if household_id == self.household_id:
            self.load(household_id)

    def _loaded(
        self,
        seq: int,
        h: HouseholdDetail,
        history: list[ConsultationSummary],
        letters: list[LetterRecord] | None = None,
    ) -> None:
        if seq != self._seq:
            return
        self.household_id = h.summary.id
        self.rights.set_household(h, len(history), len(letters or []))
        name = isolate(h.summary.display_name) or _("(no name)")
        if h.anonymised_at is not None:
            locale = locale_for(None, self.ui.app.centre.country)
            name = _("Anonymised on {date}").format(
                date=format_date(local_time(h.anonymised_at).date(), locale)
            )
        self.name.setText(_paragraph(name))
        for key, text in household_facts(h, self.ui.app.centre.country).items():
            self._values[key].setText(_paragraph(text or "—"))
        self._show_timeline(history, letters or [])
        consumption, loans = self.ensure_boxes()
        consumption.set_household(h.summary.id)
        loans.set_household(h.summary)
        self.stack.setCurrentIndex(1)

    def _show_timeline(
        self, history: list[ConsultationSummary], letters: list[LetterRecord]
    ) -> None:
        """Consultations and letters together, newest first (UserRole: a consultation's id;
        LETTER_ROLE: a letter's record)."""
        self.timeline.clear()
        self.letter_actions.set_letter(None)
        locale = locale_for(None, self.ui.app.centre.country)
        entries: list[tuple[datetime, int, QListWidgetItem]] = []
        for c in history:
            text = timeline_text(c, locale)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ", "))
            entries.append((c.occurred_at, 0, item))
        for record in letters:
            text = letter_timeline_text(record, locale)
            item = QListWidgetItem(text)
            item.setData(LETTER_ROLE, record)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, plain(text.replace("\n", ", ")))
            entries.append((local_time(record.created_at), 1, item))
            for sent_at in record.sent_by_email:  # a row per sending (schema 0014)
                sent = QListWidgetItem(sending_timeline_text(record, sent_at, locale))
                sent.setData(LETTER_ROLE, record)
                sent.setData(
                    Qt.ItemDataRole.AccessibleTextRole, plain(sent.text().replace("\n", ", "))
                )
                entries.append((local_time(sent_at), 2, sent))
        for _when, _kind, item in sorted(entries, key=lambda e: (e[0], e[1]), reverse=True):
            self.timeline.addItem(item)
        if not history and not letters:
            item = QListWidgetItem(_("No consultations yet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.timeline.addItem(item)

    # -- actions ---------------------------------------------------------------------
    def _edit(self) -> None:
        if self.household_id is not None:
            self.edit_requested.emit(self.household_id)

    def _new_consultation(self) -> None:
        if self.household_id is not None:
            self.ui.events.new_consultation.emit(self.household_id)

    def _consultation_activated(self, item: QListWidgetItem) -> None:
        if _letter_of(item) is not None:
            self.letter_actions.open_letter()
            return
        consultation_id = item.data(Qt.ItemDataRole.UserRole)
        if consultation_id is not None:
            self.ui.events.edit_consultation.emit(int(consultation_id))


LETTER_ROLE = Qt.ItemDataRole.UserRole + 1


def _letter_of(item: QListWidgetItem | None) -> LetterRecord | None:
    from siec_desk.services.letter_types import LetterRecord

    record = item.data(LETTER_ROLE) if item is not None else None
    return record if isinstance(record, LetterRecord) else None


def _paragraph(text: str) -> str:
    """Start with a mark of the UI's direction: Qt otherwise takes a label's direction
    from its text, and an isolated phone would sit on the wrong side in Arabic."""
    return ("\u200f" if QGuiApplication.isRightToLeft() else "\u200e") + text


def _value_label(identifier: str) -> QLabel:
    value = QLabel()
    tag(value, identifier)
    value.setTextFormat(Qt.TextFormat.PlainText)  # names and notes are never markup
    value.setWordWrap(True)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return value


#: The page's boxes: the registry's groups, in this order (titles translated when built).
_BOXES = {
    Group.CONTACT: N_("Contact"),
    Group.DWELLING: N_("Dwelling"),
    Group.SITUATION: N_("Situation"),
    Group.PREFERENCES: N_("Preferences"),
    Group.NOTES: N_("Notes"),
}
_GROUP = {name: spec.group for name, spec in HOUSEHOLD.items()}
#: Rows shown without a label: the notes fill their box.
_UNLABELLED = ("notes",)


def _key(name: str) -> str:
    """A row's key (and accessible id): the consent's row is "consent"."""
    return "consent" if name == "consent_recontact_on" else name


def _rows(values: dict[str, object], country: str) -> tuple[FieldRow, ...]:
    formats = Formats(locale_for(None, country), country)
    return household_rows(values, _BOXES, formats, page=True)


def household_facts(h: HouseholdDetail, country: str) -> dict[str, str]:
    """Display text of each detail row, by the field's kind; values that read
    left-to-right are isolated."""
    facts: dict[str, str] = {}
    for row in _rows(h.as_json(), country):
        text = row.value
        if row.ltr:
            text = ltr(text)
        elif row.kind is FieldKind.NOTE:
            # free text: phones, references, e-mails and brand names keep their order
            text = isolate_ltr_runs(text)
        elif row.kind in (FieldKind.TEXT, FieldKind.POSTCODE):
            text = isolate(isolate_ltr_runs(text))
        else:  # coded labels too: "MaPrimeRénov'" keeps its apostrophe on its right (D41)
            text = isolate_ltr_runs(text)
        facts[_key(row.name)] = text
    if h.consent_recontact_on and h.consent_wording:
        wording = _("“{wording}”").format(wording=isolate_ltr_runs(h.consent_wording))
        facts["consent"] += "\n" + wording
    return facts


def timeline_text(c: ConsultationSummary, locale: str) -> str:
    """Two lines: when, how and what level; then themes, measures and follow-up."""
    first = " · ".join(
        (
            format_datetime(c.occurred_at, locale),
            label(CONTACT_MODES, c.mode),
            label(ACT_LEVELS, c.act),
        )
    )
    details = [list_separator().join(label(THEMES, t) for t in c.themes)]
    n = len(c.measures)
    if n:
        details.append(ngettext("{n} measure", "{n} measures", n).format(n=n))
    if c.orientations:
        referred = list_separator().join(label(ORIENTATIONS, o) for o in c.orientations)
        details.append(_("referred to {orientations}").format(orientations=referred))
    if c.follow_up_due and c.follow_up_status != "done":
        details.append(_("follow-up due {date}").format(date=format_date(c.follow_up_due, locale)))
    return first + "\n" + " · ".join(d for d in details if d)
