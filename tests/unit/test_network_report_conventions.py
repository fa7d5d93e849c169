"""The short "CO₂ conventions" fact of a large network's PDF (issue 22): per convention,
its number of centres by country. The counts are a folding of the full list (the
workbook's): every centre of a convention is counted once, in its own country, and
nothing else is counted; the text names each convention and count, in the report's
language, numbers isolated in Arabic."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from siec_desk.core.i18n import language_override
from siec_desk.documents.network_report.conventions import co2_counts_text, convention_counts
from siec_desk.domain.network_results import ImportInfo, NetworkSummary

CONVENTIONS = ("ember-grid-average", "fr-dpe-2021", "tn-steg-2020")


def _info(index: int, code: str, country: str, conventions: tuple[str, ...]) -> ImportInfo:
    return ImportInfo(
        id=index,
        network_code=code,
        country=country,
        currency={"FR": "EUR", "MA": "MAD", "TN": "TND"}[country],
        first_month="2025-01",
        last_month="2025-12",
        month_count=12,
        threshold=5,
        software_version="0.7.0",
        generated_on=date(2026, 1, 5),
        file_name=f"{code}.json",
        sha256="0" * 64,
        imported_at=datetime(2026, 1, 6, 9, 0),
        co2_conventions=tuple((c, 2025) for c in conventions),
    )


def _summary(imports: list[ImportInfo]) -> NetworkSummary:
    countries = sorted({i.country for i in imports})
    return NetworkSummary(imports, [], [], [], countries)


centres = st.lists(
    st.tuples(
        st.sampled_from(("FR", "MA", "TN")),
        st.sets(st.sampled_from(CONVENTIONS), max_size=2).map(lambda s: tuple(sorted(s))),
        st.integers(1, 2),  # files per centre (two periods of the same centre)
    ),
    min_size=1,
    max_size=30,
)


@given(centres)
def test_the_counts_fold_the_full_list_by_country(
    drawn: list[tuple[str, tuple[str, ...], int]],
) -> None:
    imports = [
        _info(len(drawn) * f + i, f"{country}-{i:04d}", country, conventions)
        for i, (country, conventions, files) in enumerate(drawn)
        for f in range(files)
    ]
    summary = _summary(imports)
    counts = convention_counts(summary)
    full = summary.co2_conventions()
    assert list(counts) == list(full)  # the same conventions, in the same order
    for code, per_country in counts.items():
        expected: dict[str, int] = {}
        for centre in full[code]:
            country = centre[:2]
            expected[country] = expected.get(country, 0) + 1
        assert per_country == expected
        assert sum(per_country.values()) == len(full[code])
        assert all(n > 0 for n in per_country.values())
        assert list(per_country) == [c for c in summary.countries if c in per_country]


def test_the_text_names_each_convention_with_its_centres_by_country() -> None:
    imports = [
        *(_info(i, f"MA-{i:04d}", "MA", ("ember-grid-average",)) for i in range(104)),
        *(_info(200 + i, f"TN-{i:04d}", "TN", ("ember-grid-average",)) for i in range(75)),
        *(_info(400 + i, f"FR-{i:04d}", "FR", ("fr-dpe-2021",)) for i in range(321)),
        _info(900, "FR-OLD", "FR", ()),
    ]
    summary = _summary(imports)
    with language_override("en"):
        text = co2_counts_text(summary, "en_GB")
    assert text == (
        "not stated (earlier version): 1 centre (France 1); "
        "ember-grid-average: 179 centres (Morocco 104, Tunisia 75); "
        "fr-dpe-2021: 321 centres (France 321)"
    )
    assert "FR-0001" not in text  # no centre code: those are in the workbook
    with language_override("ar"):
        arabic = co2_counts_text(summary, "ar_MA", rtl=True)
    # codes and numbers isolated (they keep their reading order), Arabic separators
    assert "\u2066ember-grid-average\u2069" in arabic
    assert "\u2066179\u2069" in arabic and "\u2066104\u2069" in arabic
    assert "؛ " in arabic and "، " in arabic
    assert "FR-0001" not in arabic


def test_a_network_without_files_has_a_dash() -> None:
    assert co2_counts_text(_summary([]), "fr_FR") == "—"
