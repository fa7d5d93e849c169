"""The events sheet's pure parts (issue 19 point 4): headers in French, Arabic and English
name their columns; re-imports fold case and accents and skip each event once; a
participants count given twice for one audience is summed (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from siec_desk.domain.event_records import EventInput
from siec_desk.domain.event_rules import validate_event
from siec_desk.importing.events_columns import EventCodes, guess_event_columns
from siec_desk.importing.events_rows import EventRow, _Reader, event_key, split_duplicates

TODAY = date(2026, 6, 1)


def test_headers_in_three_languages() -> None:
    assert guess_event_columns(
        ["Date de l'action", "Nature", "Ville", "Scolaires", "Élus", "Agents municipaux",
         "Nombre d'élèves", "Partenaires", "Remarques"]
    ) == ["date", "type", "commune", "audience:pupils_students", "audience:elected_officials",
          "audience:municipal_staff", None, "partners", "notes"]  # fmt: skip
    assert guess_event_columns(
        ["التاريخ", "نوع النشاط", "المكان", "التلاميذ", "المنتخبون", "الجمعيات", "أخرى"]
    ) == ["date", "type", "place", "audience:pupils_students", "audience:elected_officials",
          "audience:associations", "audience:other"]  # fmt: skip
    assert guess_event_columns(
        ["Day", "Event type", "Title", "Audience", "Number of participants", "Topics"]
    ) == ["date", "type", "title", "audience", "participants", "themes"]


def test_event_types_are_read_from_words() -> None:
    codes = EventCodes("event_type")
    assert [codes.code(v) for v in ("Atelier", "Stand au marché", "مكتب متنقل", "Karaoké")] == [
        "workshop",
        "stand_fair",
        "mobile_desk",
        None,
    ]


def _row(line: int, commune: str, title: str, kind: str = "workshop") -> EventRow:
    data = EventInput(date(2026, 3, 1), kind, commune=commune, title=title,
                      audiences={"general_public": 3})  # fmt: skip
    return EventRow(line, validate_event(data, today=TODAY))


_TEXTS = st.sampled_from(["Lyon", "LYON", "lyon ", "Lyón", "Fès", "FES", "فاس", ""])


@given(st.lists(st.tuples(_TEXTS, _TEXTS, st.sampled_from(["workshop", "training"])), max_size=12),
       st.integers(0, 3))  # fmt: skip
def test_each_event_is_imported_once_and_again_never(
    cells: list[tuple[str, str, str]], recorded_count: int
) -> None:
    rows = [_row(i + 2, c, t or "x", k) for i, (c, t, k) in enumerate(cells)]
    recorded = {r.key: 100 + i for i, r in enumerate(rows[:recorded_count])}
    new, skipped = split_duplicates(rows, recorded)
    assert len(new) + len(skipped) == len(rows)
    keys = [r.key for r in new]
    assert len(set(keys)) == len(keys) and not set(keys) & set(recorded)
    assert {r.key for r in rows} == set(keys) | set(recorded)
    earlier = {r.line: r.key for r in rows}
    for s in skipped:
        key = earlier[s.line]
        assert s.event_id == recorded.get(key) or earlier[s.first_line or 0] == key
    # importing the same rows again, everything imported now recorded: nothing new
    again, _skipped = split_duplicates(rows, {**recorded, **{k: 1 for k in keys}})
    assert again == []


def test_the_key_folds_case_accents_and_spaces() -> None:
    day = date(2026, 3, 1)
    assert event_key(day, "workshop", " LYON ", "Atelier  Isolation") == event_key(
        day, "workshop", "lyon", "atelier isolation"
    )
    assert event_key(day, "workshop", None, None) == event_key(day, "workshop", "", " ")


@given(st.lists(st.integers(0, 500), min_size=1, max_size=3), st.integers(0, 500))
def test_participants_of_one_audience_given_twice_are_summed(column: list[int], pair: int) -> None:
    headers = ["date", "type", *["audience:pupils_students"] * len(column), "audience",
               "participants"]  # fmt: skip
    reader = _Reader(headers, date(1899, 12, 30), TODAY)
    data, problems = reader.read(["01/03/2026", "Atelier", *column, "Élèves", str(pair)])
    assert problems == [] and data is not None
    assert dict(data.audiences) == {"pupils_students": sum(column) + pair}
