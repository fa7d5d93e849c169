"""A centre's act types, pure: its own types (``x_…``, with their wording and the shared
act each counts as in the network export) and the built-in acts it hides.

:class:`CentreActs` is what the services read from the ``act_types`` table (schema 0013)
and hand to the rules (:func:`~siec_desk.domain.consultation_rules.validate_consultation`),
the labels (:func:`siec_desk.texts.act_names.act_label`) and the network export
(:meth:`CentreActs.network_act`). Hiding a type only stops it being offered for new
records: consultations already recorded with it keep it and are counted as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from siec_desk.core.i18n import _
from siec_desk.domain.codes import ACTS_NEEDING_HOUSEHOLD, FRANCE_ONLY_ACTS, ActLevel
from siec_desk.domain.validation import Checker

#: A centre's own act code: ``x_`` and 1-30 of a-z, 0-9 and ``_``.
OWN_ACT_CODE = re.compile(r"^x_[a-z0-9_]{1,30}$")
#: The longest wording of an own type, in each language.
LABEL_MAX = 80
#: Built-in acts the quick log and the editor fall back on: never hidden.
NEVER_HIDDEN: frozenset[str] = frozenset({ActLevel.INFO.value, ActLevel.ADVICE.value})
#: Built-in acts an own type may count as in the network export.
MAPPABLE: tuple[str, ...] = tuple(a.value for a in ActLevel if a is not ActLevel.MPR_APPOINTMENT)
BUILT_IN: tuple[str, ...] = tuple(a.value for a in ActLevel)


def is_own_act_code(code: str) -> bool:
    return bool(OWN_ACT_CODE.match(code))


@dataclass(frozen=True)
class ActType:
    """One act type as the centre sees it: a built-in act (``builtin``; labels empty,
    only ``hidden`` can change) or one of its own."""

    code: str
    builtin: bool
    label_fr: str | None = None
    label_ar: str | None = None
    label_en: str | None = None
    maps_to: str | None = None
    needs_household: bool = False
    hidden: bool = False
    position: int = 0
    used_by: int = 0  # consultations recorded with it

    def label_in(self, language: str) -> str:
        """The own wording in *language*, else French, English, Arabic, else the code."""
        wording = {"fr": self.label_fr, "ar": self.label_ar, "en": self.label_en}
        for lang in (language, "fr", "en", "ar"):
            if wording.get(lang):
                return str(wording[lang])
        return self.code


@dataclass(frozen=True)
class ActTypeChange:
    """What to set on an act type (checked by :func:`apply_change`): None keeps what is
    there (nothing, for a new type); "" removes a wording or the mapping."""

    label_fr: str | None = None
    label_ar: str | None = None
    label_en: str | None = None
    maps_to: str | None = None
    needs_household: bool | None = None
    hidden: bool | None = None
    position: int | None = None

    def wording_changed(self) -> bool:
        return (
            any(v is not None for v in (self.label_fr, self.label_ar, self.label_en, self.maps_to))
            or self.needs_household is not None
        )


@dataclass(frozen=True)
class CentreActs:
    """The centre's own types and hidden built-ins, as the rules need them."""

    own: dict[str, ActType] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()

    @classmethod
    def of(cls, types: Iterable[ActType]) -> CentreActs:
        types = list(types)
        return cls(
            own={t.code: t for t in types if not t.builtin},
            hidden=frozenset(t.code for t in types if t.hidden),
        )

    def known(self, code: str) -> bool:
        return code in BUILT_IN or code in self.own

    def usable(self, code: str) -> bool:
        """Offered for a new record: known and not hidden."""
        return self.known(code) and code not in self.hidden

    def needs_household(self, code: str) -> bool:
        own = self.own.get(code)
        return own.needs_household if own is not None else code in ACTS_NEEDING_HOUSEHOLD

    def network_act(self, code: str) -> str | None:
        """The shared act *code* counts as in the network export: itself for a built-in,
        the mapped act for an own type, None (left out) for an unmapped or unknown one."""
        if code in BUILT_IN:
            return code
        own = self.own.get(code)
        return own.maps_to if own is not None else None

    def offered(self, *, france: bool) -> list[str]:
        """Codes offered for a new record, in the centre's order: built-ins (without the
        French-only ones elsewhere) then own types, hidden ones left out; a built-in's
        position is its place in ``ActLevel`` unless the centre's row moves it."""
        built = [
            (i, code)
            for i, code in enumerate(BUILT_IN)
            if france or ActLevel(code) not in FRANCE_ONLY_ACTS
        ]
        own = [(t.position, code) for code, t in self.own.items()]
        ordered = sorted(built + own, key=lambda pair: (pair[0], pair[1] in self.own))
        return [code for _pos, code in ordered if code not in self.hidden]


def apply_change(
    code: str, current: ActType | None, change: ActTypeChange, *, position: int
) -> ActType:
    """*current* (None: a new own type *code*, placed at *position* unless the change
    says where) with *change* applied, checked whole: ``ValidationError`` naming every
    problem, nothing changed."""
    check = Checker()
    builtin = code in BUILT_IN
    if current is None and not builtin:
        if not is_own_act_code(code):
            check.add(
                "code",
                _(
                    "“{code}” is not a valid code for an act type: x_ then 1 to 30 small "
                    "letters, digits or _ (e.g. x_permanence_mairie)."
                ).format(code=code),
            )
        current = ActType(code=code, builtin=False, position=position)
    elif current is None:
        current = ActType(code=code, builtin=True, position=BUILT_IN.index(code))
    if builtin and change.wording_changed():
        check.add("code", _("A built-in act can only be hidden or shown."))
    if change.hidden and code in NEVER_HIDDEN:
        check.add(
            "hidden",
            _("“{code}” cannot be hidden: the quick log and the editor fall back on it.").format(
                code=code
            ),
        )
    labels = {
        lang: _wording(
            check,
            f"label_{lang}",
            getattr(change, f"label_{lang}"),
            getattr(current, f"label_{lang}"),
        )
        for lang in ("fr", "ar", "en")
    }
    if not builtin and not any(labels.values()):
        check.add("label_fr", _("Give the act type a name in at least one language."))
    maps_to = current.maps_to if change.maps_to is None else (change.maps_to or None)
    if maps_to is not None and maps_to not in MAPPABLE:
        check.add(
            "maps_to",
            _("An act type can count only as one of the shared acts: {codes}.").format(
                codes=", ".join(MAPPABLE)
            ),
        )
    if change.position is not None and not 0 <= change.position <= 9999:
        check.add("position", _("Must be between {low} and {high}.").format(low=0, high=9999))
    check.raise_if_any()
    return ActType(
        code=code,
        builtin=builtin,
        label_fr=labels["fr"],
        label_ar=labels["ar"],
        label_en=labels["en"],
        maps_to=maps_to,
        needs_household=current.needs_household
        if change.needs_household is None
        else change.needs_household,
        hidden=current.hidden if change.hidden is None else change.hidden,
        position=current.position if change.position is None else change.position,
        used_by=current.used_by,
    )


def _wording(check: Checker, field: str, given: str | None, kept: str | None) -> str | None:
    if given is None:
        return kept
    return check.text(field, given, LABEL_MAX)
