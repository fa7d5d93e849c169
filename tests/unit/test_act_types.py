"""A centre's act types, pure: which acts a consultation may have, the rules of an own
type, its wording in each language, and how the network export counts it."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siec_desk.core.errors import ValidationError
from siec_desk.core.i18n import language_override
from siec_desk.domain.act_types import (
    BUILT_IN,
    MAPPABLE,
    ActType,
    ActTypeChange,
    CentreActs,
    apply_change,
)
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.consultation_rules import validate_consultation
from siec_desk.texts import act_names
from siec_desk.texts.labels import act_label

NOW = datetime(2026, 12, 1, 12, 0)
OWN_CODES = st.from_regex(r"x_[a-z0-9_]{1,30}", fullmatch=True)
ANY_CODES = st.one_of(OWN_CODES, st.text(min_size=1, max_size=40), st.sampled_from(BUILT_IN))


def own(code: str, **kw: object) -> ActType:
    return ActType(code=code, builtin=False, label_fr=kw.pop("label_fr", code), **kw)  # type: ignore[arg-type]


def act_errors(act: str, acts: CentreActs, *, identified: bool = True, kept: str | None = None):
    data = ConsultationInput(mode="walk_in", themes=("water",), act=act)
    try:
        validate_consultation(data, identified, NOW, country="FR", acts=acts, kept_act=kept)
    except ValidationError as exc:
        return [e for e in exc.errors if e.field in ("act", "household_id")]
    return []


@given(code=ANY_CODES, known=st.sets(OWN_CODES, max_size=4))
def test_an_act_outside_the_built_ins_and_the_centres_own_is_refused(
    code: str, known: set[str]
) -> None:
    acts = CentreActs.of(own(c) for c in known)
    errors = act_errors(code, acts)
    if code in BUILT_IN or code in known:
        assert errors == []
    else:
        assert len(errors) == 1 and errors[0].field == "act"


def test_a_hidden_act_is_refused_for_a_new_record_and_kept_on_an_edit() -> None:
    acts = CentreActs.of([own("x_atelier", hidden=True), ActType("audit", True, hidden=True)])
    for code in ("x_atelier", "audit"):
        (error,) = act_errors(code, acts)
        assert code in error.message and "hidden" in error.message
        assert act_errors(code, acts, kept=code) == []


def test_an_own_type_needing_a_household_refuses_an_anonymous_contact() -> None:
    acts = CentreActs.of([own("x_visite", needs_household=True), own("x_stand")])
    assert [e.field for e in act_errors("x_visite", acts, identified=False)] == ["household_id"]
    assert act_errors("x_stand", acts, identified=False) == []
    assert act_errors("x_visite", acts, identified=True) == []


def test_offered_acts_leave_out_hidden_and_french_only_ones_in_the_centres_order() -> None:
    acts = CentreActs.of(
        [own("x_b", position=20), own("x_a", position=2), ActType("awareness", True, hidden=True)]
    )
    assert acts.offered(france=True) == [
        "info", "advice", "audit", "x_a", "support", "mpr_appointment", "x_b"
    ]  # fmt: skip
    assert "mpr_appointment" not in acts.offered(france=False)


def test_the_rules_of_an_own_type() -> None:
    def refused(code: str, change: ActTypeChange, current: ActType | None = None) -> set[str]:
        with pytest.raises(ValidationError) as caught:
            apply_change(code, current, change, position=10)
        return {e.field for e in caught.value.errors}

    assert refused("x_", ActTypeChange(label_fr="A")) == {"code"}
    assert refused("x_" + "a" * 31, ActTypeChange(label_fr="A")) == {"code"}
    assert refused("permanence", ActTypeChange(label_fr="A")) == {"code"}
    assert refused("x_ok", ActTypeChange()) == {"label_fr"}
    assert refused("x_ok", ActTypeChange(label_ar="ا" * 81)) == {"label_ar", "label_fr"}
    assert refused("x_ok", ActTypeChange(label_fr="A", maps_to="mpr_appointment")) == {"maps_to"}
    assert refused("audit", ActTypeChange(label_fr="Audit maison")) == {"code"}
    assert refused("info", ActTypeChange(hidden=True)) == {"hidden"}
    assert refused("advice", ActTypeChange(hidden=True)) == {"hidden"}
    made = apply_change(
        "x_ok", None, ActTypeChange(label_en=" Stand ", maps_to="awareness"), position=9
    )
    assert (made.label_en, made.maps_to, made.position, made.builtin) == (
        "Stand",
        "awareness",
        9,
        False,
    )
    hidden = apply_change("awareness", None, ActTypeChange(hidden=True), position=0)
    assert hidden.builtin and hidden.hidden and hidden.position == 4
    cleared = apply_change("x_ok", made, ActTypeChange(maps_to=""), position=0)
    assert cleared.maps_to is None and cleared.label_en == "Stand"


def test_an_own_type_is_named_in_the_language_shown_else_french_english_arabic() -> None:
    acts = CentreActs.of(
        [
            own("x_fr_ar", label_fr="Permanence", label_ar="مداومة"),
            ActType("x_en", False, label_en="Stand"),
            ActType("x_ar", False, label_ar="ورشة"),
        ]
    )
    before = act_names.installed()
    act_names.install(acts)
    try:
        with language_override("ar"):
            assert act_label("x_fr_ar") == "مداومة"
            assert act_label("x_en") == "Stand"
        with language_override("en"):
            assert act_label("x_fr_ar") == "Permanence"
            assert act_label("x_ar") == "ورشة"
        assert act_label("x_unknown") == "x_unknown"
        assert act_label("info") != "info"
    finally:
        act_names.install(before)


@given(
    types=st.dictionaries(OWN_CODES, st.one_of(st.none(), st.sampled_from(MAPPABLE)), max_size=5),
    picks=st.lists(st.integers(min_value=0, max_value=50), max_size=40),
)
def test_network_act_folds_mapped_types_and_drops_the_others(
    types: dict[str, str | None], picks: list[int]
) -> None:
    acts = CentreActs.of(own(code, maps_to=to) for code, to in types.items())
    pool = [*BUILT_IN, *types, "x_never_declared"]
    consultations = [pool[i % len(pool)] for i in picks]
    counted = Counter(a for a in map(acts.network_act, consultations) if a is not None)
    expected: Counter[str] = Counter()
    for code in consultations:
        if code in BUILT_IN:
            expected[code] += 1
        elif types.get(code):
            expected[str(types[code])] += 1
    assert counted == expected
    assert sum(counted.values()) == len(consultations) - sum(
        1 for c in consultations if c not in BUILT_IN and not types.get(c)
    )
