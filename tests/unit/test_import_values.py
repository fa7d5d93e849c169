"""Reading real-life spreadsheet values: dates, numbers, names, encodings, headers, codes."""

from __future__ import annotations

import codecs
from datetime import date, datetime, time

import pytest

from siec_desk.importing import encodings
from siec_desk.importing.codes import EXACT, GUESSED, IGNORED, MAPPED, UNKNOWN, CodeReader
from siec_desk.importing.headers import guess_targets
from siec_desk.importing.mapping import (
    ColumnRule,
    ImportMapping,
    mapping_from_json,
    resolve_columns,
)
from siec_desk.importing.problems import CellValueError
from siec_desk.importing.read_csv import detect_delimiter
from siec_desk.importing.values import (
    parse_date,
    parse_duration,
    parse_int,
    parse_number,
    parse_time,
    phone_text,
    postal_code_text,
    split_codes,
    split_name,
)

TODAY = date(2025, 6, 30)


# -- dates -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12/03/2024", (date(2024, 3, 12), None)),
        ("1/3/24", (date(2024, 3, 1), None)),
        ("12-03-2024", (date(2024, 3, 12), None)),
        ("12.03.2024 14h30", (date(2024, 3, 12), time(14, 30))),
        ("12/03/2024 09:05:00", (date(2024, 3, 12), time(9, 5))),
        ("2024-03-12", (date(2024, 3, 12), None)),
        ("2024-03-12T14:30:00", (date(2024, 3, 12), time(14, 30))),
        ("2024/3/12", (date(2024, 3, 12), None)),
        ("45363", (date(2024, 3, 12), None)),  # an Excel serial typed or exported as text
        (45363, (date(2024, 3, 12), None)),
        (45363.75, (date(2024, 3, 12), time(18, 0))),
        (datetime(2024, 3, 12, 10, 15), (date(2024, 3, 12), time(10, 15))),
        (datetime(2024, 3, 12), (date(2024, 3, 12), None)),
        (date(2024, 3, 12), (date(2024, 3, 12), None)),
        ("12 mars 2024", (date(2024, 3, 12), None)),
        ("1er février 2024", (date(2024, 2, 1), None)),
        ("12-Mar-24", (date(2024, 3, 12), None)),
        ("12 مارس 2024", (date(2024, 3, 12), None)),
        ("12 شتنبر 2024", (date(2024, 9, 12), None)),
        ("١٢/٠٣/٢٠٢٤", (date(2024, 3, 12), None)),
        ("15/06/98", (date(1998, 6, 15), None)),
    ],
)
def test_dates_are_read_day_first_iso_serial_or_named(cell: object, expected: object) -> None:
    assert parse_date(cell, today=TODAY) == expected  # type: ignore[arg-type]


def test_a_1904_workbook_counts_serials_from_1904() -> None:
    assert parse_date(7000, epoch=date(1904, 1, 1)) == (date(1923, 3, 2), None)


@pytest.mark.parametrize("cell", ["31/02/2024", "hier", "12/13/2024", "2024-02-30", "--"])
def test_impossible_dates_are_refused_with_the_value(cell: str) -> None:
    with pytest.raises(CellValueError, match="not a valid date") as caught:
        parse_date(cell, today=TODAY)
    assert cell in str(caught.value)


def test_a_month_first_date_gets_a_hint() -> None:
    with pytest.raises(CellValueError, match="day first"):
        parse_date("03/25/2024", today=TODAY)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("14:30", time(14, 30)), ("9h", time(9)), ("9h05", time(9, 5)), (0.5, time(12))],
)
def test_times(cell: object, expected: time) -> None:
    assert parse_time(cell) == expected  # type: ignore[arg-type]


def test_a_wrong_time_is_refused() -> None:
    with pytest.raises(CellValueError, match="not a valid time"):
        parse_time("25:99")


# -- numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12,5", 12.5),
        ("1 234,5", 1234.5),
        ("1\u202f234,5", 1234.5),  # narrow no-break space, as LibreOffice writes French
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("85 m²", 85.0),
        ("25 000 €", 25000.0),
        ("-3", -3.0),
        (7, 7.0),
        (7.25, 7.25),
    ],
)
def test_numbers_take_decimal_commas_and_thousands_separators(
    cell: object, expected: float
) -> None:
    assert parse_number(cell) == expected  # type: ignore[arg-type]


def test_non_numbers_and_fractions_are_refused() -> None:
    with pytest.raises(CellValueError, match="not a number"):
        parse_number("beaucoup")
    with pytest.raises(CellValueError, match="whole number"):
        parse_int("2,5")


@pytest.mark.parametrize(
    ("cell", "minutes"), [("45", 45), ("45 min", 45), ("1h30", 90), ("1:30", 90), ("2h", 120)]
)
def test_durations_in_minutes(cell: str, minutes: int) -> None:
    assert parse_duration(cell) == minutes


def test_a_duration_cell_formatted_as_time() -> None:
    assert parse_duration(time(0, 45)) == 45


# -- names, phones, postal codes, multi-valued cells ------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DUPONT Jean", ("Jean", "DUPONT")),
        ("Jean DUPONT", ("Jean", "DUPONT")),
        ("Marie-Claire LE GALL", ("Marie-Claire", "LE GALL")),
        ("Dupont, Jean", ("Jean", "Dupont")),
        ("Jean de la Tour", ("Jean", "de la Tour")),
        ("محمد البقالي", ("محمد", "البقالي")),
        ("Dupont", (None, "Dupont")),
        ("  ", (None, None)),
    ],
)
def test_full_names_are_split(text: str, expected: tuple[str | None, str | None]) -> None:
    assert split_name(text) == expected


def test_a_phone_typed_as_a_number_keeps_its_digits() -> None:
    assert phone_text(612345678.0) == "612345678"
    assert phone_text("٠٦١٢٣٤٥٦٧٨") == "0612345678"


def test_postal_codes_get_back_the_leading_zero_a_number_cell_lost() -> None:
    assert postal_code_text(1000, "FR") == "01000"
    assert postal_code_text(4000, "TN") == "4000"
    assert postal_code_text("13001", "FR") == "13001"


def test_multi_valued_cells_are_split() -> None:
    assert split_codes("Isolation, aides / chauffage + VMC") == [
        "Isolation",
        "aides",
        "chauffage",
        "VMC",
    ]


# -- encodings and delimiters ----------------------------------------------------------
FRENCH = "Nom;Prénom;Thème\nDurand;Éloïse;Économies d’énergie – 12,5 €\n"
ARABIC = "الاسم;النسب;المدينة\nمحمد;البقالي;شفشاون\nفاطمة;العلوي;طنجة\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FRENCH.encode("utf-8"), encodings.UTF8),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), encodings.UTF8_BOM),
        (FRENCH.encode("utf-16"), encodings.UTF16),
        (FRENCH.encode("cp1252"), encodings.CP1252),  # ’ – € are cp1252-only
        ("Nom;Prénom\nDurand;Éloïse\n".encode("latin-1") + b"\x81", encodings.LATIN1),
        (ARABIC.encode("cp1256"), encodings.CP1256),
    ],
)
def test_encodings_are_detected(data: bytes, expected: str) -> None:
    assert encodings.detect(data) == expected


def test_windows_1252_text_decodes_with_its_own_characters() -> None:
    text, used = encodings.decode(FRENCH.encode("cp1252"))
    assert used == encodings.CP1252
    assert text == FRENCH


def test_a_french_arabic_cp1256_file_keeps_its_accents() -> None:
    data = "Nom;Ville\nDurand éloïse;Tétouan\nمحمد البقالي;شفشاون\nفاطمة العلوي;طنجة\n"
    text, used = encodings.decode(data.encode("cp1256"))
    assert used == encodings.CP1256
    assert "البقالي" in text and "Tétouan" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nom;Surface;Revenu\nA;85,5;12 000,00\nB;40,0;9 500,50\n", ";"),
        ("Nom\tSurface\nA\t85,5\nB\t40\n", "\t"),
        ('Nom,Ville,Note\n"Durand, Jean",Lyon,"a, b"\nMartin,Aix,c\n', ","),
        ("Nom|Ville\nA|B\nC|D\n", "|"),
    ],
)
def test_delimiters_are_detected_despite_decimal_commas_and_quotes(
    text: str, expected: str
) -> None:
    assert detect_delimiter(text) == expected


# -- headers ---------------------------------------------------------------------------
def test_french_headers_are_guessed() -> None:
    headers = ["Nom", "Prénom", "Tél.", "Ville", "CP", "Date du RDV", "Thème", "Remarques"]
    assert guess_targets(headers) == [
        "last_name",
        "first_name",
        "phone",
        "commune",
        "postal_code",
        "date",
        "themes",
        "notes",
    ]


def test_arabic_headers_are_guessed() -> None:
    headers = ["الاسم", "النسب", "رقم الهاتف", "المدينة", "التاريخ", "طريقة الاتصال", "الموضوع"]
    assert guess_targets(headers) == [
        "first_name",
        "last_name",
        "phone",
        "commune",
        "date",
        "mode",
        "themes",
    ]


def test_english_headers_and_a_lone_name_column() -> None:
    assert guess_targets(["Name", "Phone number", "E-mail", "Date", "Topic"]) == [
        "full_name",
        "phone",
        "email",
        "date",
        "themes",
    ]
    assert guess_targets(["الاسم", "الهاتف"]) == ["full_name", "phone"]


def test_the_longer_phrase_wins_and_fields_are_not_taken_twice() -> None:
    headers = ["Date de relance", "Date", "Tél. fixe", "Portable", "Thème 1", "Thème 2", "Nom"]
    assert guess_targets(headers) == [
        "follow_up_due",
        "date",
        "phone",
        "phone",  # two phone columns: the first one filled is used
        "themes",
        "themes",
        "full_name",
    ]
    assert guess_targets(["Commune", "Ville"]) == ["commune", None]
    assert guess_targets(["Nom du conseiller", ""]) == [None, None]


# -- coded values ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "raw", "codes", "how"),
    [
        ("mode", "Tél.", ("phone",), EXACT),
        ("mode", "ACCUEIL", ("walk_in",), EXACT),
        ("mode", "Phone call", ("phone",), EXACT),  # the app's own English label
        ("mode", "walk_in", ("walk_in",), EXACT),  # a code
        ("mode", "هاتف", ("phone",), EXACT),
        ("themes", "Isolation des combles", ("insulation",), EXACT),
        ("themes", "Isolation du garage", ("insulation",), GUESSED),
        ("themes", "Aides pour une PAC", ("financial_aid", "heating"), GUESSED),
        ("themes", "سخان شمسي", ("solar_thermal",), EXACT),
        ("themes", "x_permanence_mairie", ("x_permanence_mairie",), EXACT),
        ("themes", "Truc", (), UNKNOWN),
        ("mode", "RDV tel", (), UNKNOWN),  # two modes in one cell: no guess
    ],
)
def test_coded_values(target: str, raw: str, codes: tuple[str, ...], how: str) -> None:
    resolution = CodeReader(target).resolve(raw)
    assert (resolution.codes, resolution.how) == (codes, how)


def test_the_users_value_mapping_comes_first() -> None:
    reader = CodeReader("themes", {"Truc": "other", "Isolation": None})
    assert reader.resolve("truc").codes == ("other",)
    assert reader.resolve("truc").how == MAPPED
    assert reader.resolve("isolation").how == IGNORED


# -- mapping files ---------------------------------------------------------------------
def test_a_mapping_survives_a_json_round_trip() -> None:
    mapping = ImportMapping(
        columns=[ColumnRule("Nom", "last_name"), ColumnRule("Remarque", None)],
        values={"mode": {"Tél.": "phone", "Divers": None}},
        defaults={"themes": "other"},
        sheet="Contacts",
        header_row=3,
        encoding="cp1252",
        delimiter=";",
    )
    assert mapping_from_json(mapping.as_json()) == mapping


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "other"}, "format"),
        ({"version": 99}, "newer version"),
        ({"columns": [{"header": "Nom", "field": "shoe_size"}]}, "shoe_size"),
        ({"values": {"last_name": {"a": "b"}}}, "last_name"),
        ({"defaults": {"commune": "Lyon"}}, "defaults"),
        ({"encoding": "ebcdic"}, "encoding"),
    ],
)
def test_a_wrong_mapping_file_is_refused_with_the_reason(
    change: dict[str, object], message: str
) -> None:
    data = {**ImportMapping().as_json(), **change}
    with pytest.raises(ValueError, match=message):
        mapping_from_json(data)


def test_columns_are_found_again_by_header_and_new_ones_guessed() -> None:
    mapping = ImportMapping(
        columns=[ColumnRule("NOM", "full_name"), ColumnRule("Divers", None)],
    )
    # Next month: columns moved, one renamed by case, one added
    headers = ["Téléphone", "Divers", "nom", "Commune"]
    assert resolve_columns(mapping, headers) == ["phone", None, "full_name", "commune"]
