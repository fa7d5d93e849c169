"""A consultation's rules, pure: :func:`validate_consultation` checks a consultation's
input against the field registry (:mod:`siec_desk.domain.fields`) and the rules of the
record (no date in the future, a follow-up after the consultation, only first-level
facts without a household); :func:`validate_outcome` checks a 6-month outcome.

The consultation service adds only what needs the database (the household and the
advisor exist); the import calls the same function for each row of a sheet.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from siec_desk.core.i18n import _
from siec_desk.domain.act_types import CentreActs
from siec_desk.domain.codes import (
    ACTS_NEEDING_HOUSEHOLD,
    FRANCE_ONLY_ACTS,
    ActLevel,
    Country,
    FollowUpKind,
    OutcomeStatus,
)
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice, OutcomeInput
from siec_desk.domain.fields import CONSULTATION as F
from siec_desk.domain.fields import FieldSpec
from siec_desk.domain.validation import Checker, check_field

OUTCOME_DELAY = timedelta(days=183)  # ADEME's "décision d'action à 6 mois"
EARLIEST_DATE = date(2000, 1, 1)
#: Duration assumed when none is given, by act level (minutes).
DEFAULT_DURATION = {
    "info": 10,
    "advice": 45,
    "audit": 120,
    "support": 60,
    "awareness": 60,
    "mpr_appointment": 45,
}


@dataclass(frozen=True)
class ValidConsultation:
    """A consultation's input, checked, with its defaults filled in."""

    identified: bool  # with a household
    mode: str
    act: str
    themes: tuple[str, ...]  # each once, in the order given
    occurred_at: datetime  # to the second, naive (the centre's wall clock)
    duration_min: int
    origin: str | None
    commune: str | None
    postal_code: str | None
    notes: str | None
    follow_up_action: str | None
    follow_up_due: date | None
    advisor_id: int | None
    measures: tuple[MeasureChoice, ...]
    orientations: tuple[str, ...] = ()  # each once, in the order given
    project_type: str | None = None  # only for a France Rénov' appointment
    follow_up_time: time | None = None  # only with a due date
    follow_up_kind: str | None = None  # call_back unless said, when there is a follow-up
    event_id: int | None = None  # the event where the household was met (schema 0016)

    @property
    def follow_up_status(self) -> str | None:
        return "to_call_back" if (self.follow_up_action or self.follow_up_due) else None

    @property
    def outcome_due(self) -> date | None:
        """When the 6-month outcome of advice given to a household is to be asked."""
        if self.identified and self.act in ACTS_NEEDING_HOUSEHOLD:
            return self.occurred_at.date() + OUTCOME_DELAY
        return None


def validate_consultation(
    data: ConsultationInput,
    identified: bool,
    now: datetime,
    *,
    check: Checker | None = None,
    country: str | None = None,
    acts: CentreActs | None = None,
    kept_act: str | None = None,
) -> ValidConsultation:
    """*data* checked completely, or ``ValidationError`` naming every problem (those
    already in *check*, the caller's, first). *identified*: the consultation has a
    household; *now*: nothing may be dated after it; *country*: the centre's (the
    France Rénov' appointment is French; None: not checked); *acts*: the centre's own
    and hidden act types (None: built-ins only); *kept_act*: the act stored on the
    consultation being edited, accepted even if the centre has hidden it since."""
    check = check or Checker()
    acts = acts or CentreActs()
    mode = check_field(check, F["mode"], data.mode, required=True)
    act = check_field(check, F["act"], data.act) or (
        ActLevel.ADVICE.value if identified else ActLevel.INFO.value
    )
    if act != kept_act:
        _check_act(check, act, acts)
    themes = [check_field(check, F["themes"], t) for t in data.themes]
    if not data.themes:
        check.add("themes", _("Choose at least one theme."))
    orientations = [check_field(check, F["orientations"], o) for o in data.orientations]
    occurred_at = data.occurred_at or now
    check.not_future("occurred_at", occurred_at, now)
    check.date_not_before("occurred_at", occurred_at.date(), EARLIEST_DATE)
    duration = check_field(check, F["duration_min"], data.duration_min)
    texts = {
        name: check_field(check, F[name], getattr(data, name))
        for name in ("origin", "commune", "postal_code", "notes", "follow_up_action")
    }
    check.date_not_before("follow_up_due", data.follow_up_due, occurred_at.date(), country or "FR")
    follow_up_kind = _check_follow_up(check, data, texts["follow_up_action"], identified)
    project_type = _check_project(check, act, data.project_type, country)
    if not identified:
        _check_anonymous(check, act, texts["notes"], texts["follow_up_action"], data, acts)
    check.raise_if_any()
    return ValidConsultation(
        identified=identified,
        mode=str(mode),
        act=act,
        themes=tuple(dict.fromkeys(t for t in themes if t)),
        occurred_at=occurred_at.replace(microsecond=0, tzinfo=None),
        duration_min=duration or DEFAULT_DURATION.get(act, 15),
        **texts,
        follow_up_due=data.follow_up_due,
        advisor_id=data.advisor_id,
        measures=tuple(data.measures),
        project_type=project_type,
        orientations=tuple(dict.fromkeys(o for o in orientations if o)),
        follow_up_time=data.follow_up_time if data.follow_up_due else None,
        follow_up_kind=follow_up_kind,
        event_id=data.event_id,
    )


def _check_follow_up(
    check: Checker, data: ConsultationInput, action: str | None, identified: bool
) -> str | None:
    """A follow-up action is planned for a day (D5: never an action silently without one),
    a time goes with a day; the kind is a call-back unless said. The kind, or None
    without a follow-up."""
    kind = check_field(check, F["follow_up_kind"], data.follow_up_kind)
    if identified and action and data.follow_up_due is None:
        check.add(
            "follow_up_due", _("A follow-up action needs a date: give one or clear the action.")
        )
    if data.follow_up_time is not None and data.follow_up_due is None:
        check.add("follow_up_time", _("A follow-up time needs a date."))
    if not (action or data.follow_up_due):
        return None
    return str(kind or FollowUpKind.CALL_BACK.value)


def parse_clock(text: str) -> time:
    """A time of day typed as ``HH:MM`` (or ``H:MM``, ``HHhMM``, ``HH.MM``, ``HH``) on the
    24-hour clock; ``ValueError`` with one translated line otherwise."""
    cleaned = text.strip().lower().replace("h", ":").replace(".", ":")
    hours, _sep, minutes = cleaned.partition(":")
    if (
        hours.isdigit()
        and len(hours) <= 2
        and (minutes == "" or (minutes.isdigit() and len(minutes) == 2))
        and int(hours) < 24
        and int(minutes or 0) < 60
    ):
        return time(int(hours), int(minutes or 0))
    raise ValueError(
        _("“{text}” is not a time of day: write it as HH:MM (e.g. 14:30).").format(text=text)
    )


def _check_project(
    check: Checker, act: str, project_type: str | None, country: str | None
) -> str | None:
    """A France Rénov' appointment (French centres only) says which project it prepares;
    no other act has a project type."""
    if act in FRANCE_ONLY_ACTS and country is not None and country != Country.FR:
        check.add("act", _("The France Rénov' appointment is recorded by French centres only."))
        return None
    if act != ActLevel.MPR_APPOINTMENT:
        if project_type:
            check.add(
                "project_type", _("A project type goes with a France Rénov' appointment only.")
            )
        return None
    if not project_type:
        check.add("project_type", _("Choose the project this France Rénov' appointment prepares."))
        return None
    checked: str | None = check_field(check, F["project_type"], project_type)
    return checked


def validate_act_change(
    act: str,
    *,
    identified: bool,
    acts: CentreActs,
    kept_act: str | None,
    project_type: str | None,
    country: str | None,
) -> str:
    """A new act for a stored consultation (``consultation update --act``), by the rules
    :func:`validate_consultation` applies to the act; ``ValidationError`` otherwise.
    *kept_act*: its act now; *project_type*: its project, kept for an appointment."""
    check = Checker()
    checked = check_field(check, F["act"], act, required=True)
    if checked is not None:
        if checked != kept_act:
            _check_act(check, checked, acts)
        if not identified and acts.needs_household(checked):
            check.add("household_id", _("This kind of act needs a household."))
        kept = project_type if checked == ActLevel.MPR_APPOINTMENT else None
        _check_project(check, checked, kept, country)
    check.raise_if_any()
    return str(checked)


def _check_act(check: Checker, act: str, acts: CentreActs) -> None:
    """A built-in act or one of the centre's own types, not hidden (for a new record)."""
    if not acts.known(act):
        check.add("act", _("“{act}” is not one of this centre's act types.").format(act=act))
    elif act in acts.hidden:
        check.add(
            "act",
            _(
                "The act type “{act}” is hidden in this centre: show it again or choose another."
            ).format(act=act),
        )


def _check_anonymous(
    check: Checker,
    act: str,
    notes: str | None,
    action: str | None,
    data: ConsultationInput,
    acts: CentreActs,
) -> None:
    """Without a household only first-level facts are kept (mode, themes, commune)."""
    if acts.needs_household(act):
        check.add("household_id", _("This kind of act needs a household."))
    if data.measures:
        check.add("measures", _("Recommend measures to an identified household only."))
    if notes:
        check.add("notes", _("Anonymous first-level information keeps no notes."))
    if action or data.follow_up_due:
        check.add("follow_up_due", _("A follow-up needs an identified household."))


@dataclass(frozen=True)
class ValidOutcome:
    status: str
    abandon_reason: str | None  # only for an abandoned project
    works_amount: Decimal | None  # major units
    aids_amount: Decimal | None
    recorded_on: date | None
    measures_decided: tuple[str, ...]
    measures_done: tuple[str, ...]

    def measure_status(self, code: str) -> str:
        if code in self.measures_done:
            return "done"
        return "decided" if code in self.measures_decided else "recommended"


def validate_outcome(outcome: OutcomeInput, recommended: Collection[str]) -> ValidOutcome:
    """*outcome* checked (or ``ValidationError``); *recommended*: the codes of the
    measures recommended in the consultation, the only ones that can be decided or done."""
    check = Checker()
    status = check_field(check, F["outcome_status"], outcome.status, required=True)
    reason = check_field(check, F["outcome_abandon_reason"], outcome.abandon_reason)
    _amount(check, F["outcome_works_amount_minor"], outcome.works_amount)
    _amount(check, F["outcome_aids_minor"], outcome.aids_amount)
    if (set(outcome.measures_decided) | set(outcome.measures_done)) - set(recommended):
        check.add(
            "measures",
            _("Only measures recommended in this consultation can be marked decided or done."),
        )
    check.raise_if_any()
    return ValidOutcome(
        status=str(status),
        abandon_reason=reason if status == OutcomeStatus.ABANDONED else None,
        works_amount=outcome.works_amount,
        aids_amount=outcome.aids_amount,
        recorded_on=outcome.recorded_on,
        measures_decided=tuple(outcome.measures_decided),
        measures_done=tuple(outcome.measures_done),
    )


def _amount(check: Checker, spec: FieldSpec, amount: Decimal | None) -> None:
    """An amount in major units, within the field's bounds (none is negative)."""
    if amount is None:
        return
    assert spec.low is not None and spec.high is not None
    if amount < spec.low:
        check.add(spec.key, _("The amount cannot be negative."))
    elif amount > spec.high:
        check.add(
            spec.key, _("Must be between {low} and {high}.").format(low=spec.low, high=spec.high)
        )
