"""``centre show``, ``centre set`` and ``advisor rename`` (issue 17, CLI parity): every
setting the GUI holds for the centre, through the GUI's own checks and audit events; a
refused ``centre set`` changes nothing, however many of its options were good."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from testkit.cli import Cli
from testkit.databases import Databases, query

from siec_desk.services.app import open_app
from siec_desk.services.branding import IMAGE_MAX_BYTES
from siec_desk.services.centre_settings import CentreChanges, CentreSettingsService

pytestmark = pytest.mark.both_backends

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32

#: ``centre show --json``: every key, in this order (scripts rely on the names).
SHOW_KEYS = [
    "id",
    "name",
    "name_ar",
    "address",
    "postal_code",
    "commune",
    "phone",
    "email",
    "website",
    "opening_hours",
    "network_banner",
    "network_code",
    "letter_footer",
    "legal_text",
    "privacy_contact",
    "country",
    "currency",
    "locale",
    "language",
    "retention_years",
    "logo",
    "signature",
    "advisors",
    "active_advisors",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "smtp_user",
    "smtp_sender",
    "smtp_password_stored",
]


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("centre"), capsys)


def show(cli: Cli) -> dict[str, object]:
    data = cli.json("--lang", "en", "centre", "show")
    assert isinstance(data, dict)
    return data


def stored(cli: Cli) -> tuple[object, ...]:
    """Everything a refused ``centre set`` must leave as it was."""
    centres = query(cli.db, "SELECT * FROM centres ORDER BY id")
    advisors = query(cli.db, "SELECT * FROM advisors ORDER BY id")
    audit = query(cli.db, "SELECT count(*) FROM audit_events")
    return (centres, advisors, audit)


def centre_audit(cli: Cli) -> list[dict[str, object]]:
    rows = query(
        cli.db,
        "SELECT details FROM audit_events WHERE object_type = 'centre' ORDER BY id",
    )
    return [json.loads(str(row[0])) for row in rows]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- show and set ------------------------------------------------------------------------
def test_show_set_show_round_trip(cli: Cli, tmp_path: Path) -> None:
    first = show(cli)
    assert list(first) == SHOW_KEYS
    assert (first["country"], first["currency"], first["locale"], first["language"]) == (
        "FR",
        "EUR",
        "fr_FR",
        "fr",
    )
    assert first["logo"] == {"set": False, "type": None, "bytes": 0}
    assert first["retention_years"] == 3
    footer = "Espace Conseil France Rénov'\nPermanences le mardi"
    result = cli.json(
        "--lang",
        "en",
        "centre",
        "set",
        "--name",
        "Espace Conseil Gap",
        "--name-ar",
        "فضاء الاستشارة في الطاقة",
        "--address",
        "12 rue Carnot",
        "--postal-code",
        "05000",
        "--commune",
        "Gap",
        "--phone",
        "04 92 00 00 00",
        "--email",
        "Contact@Example.org",
        "--network-code",
        "ALEC-05",
        "--letter-footer",
        footer,
        "--legal-text",
        "Association loi 1901",
        "--retention-years",
        "5",
        "--logo",
        str(write(tmp_path / "logo.png", PNG)),
        "--signature",
        str(write(tmp_path / "signature.jpg", JPEG)),
    )
    assert isinstance(result, dict)
    after = show(cli)
    assert result["centre"] == after
    assert after["name"] == "Espace Conseil Gap"
    assert after["name_ar"] == "فضاء الاستشارة في الطاقة"
    assert after["phone"] == "+33492000000"  # stored as the form stores it
    assert after["email"] == "contact@example.org"
    assert (after["network_code"], after["letter_footer"]) == ("ALEC-05", footer)
    assert after["legal_text"] == "Association loi 1901"
    assert after["retention_years"] == 5
    assert after["logo"] == {"set": True, "type": "image/png", "bytes": len(PNG)}
    assert after["signature"] == {"set": True, "type": "image/jpeg", "bytes": len(JPEG)}
    assert set(result["changed"]) == {
        "name",
        "name_ar",
        "address",
        "postal_code",
        "commune",
        "phone",
        "email",
        "network_code",
        "letter_footer",
        "legal_text",
        "retention_years",
        "logo",
        "signature",
    }
    # Only the options given change; "" clears an optional text; --no-logo removes it.
    cli.json("centre", "set", "--name-ar", "", "--no-logo")
    last = show(cli)
    assert last["name_ar"] is None and last["logo"]["set"] is False  # type: ignore[index]
    assert last["signature"] == after["signature"]
    assert {k: v for k, v in last.items() if k not in ("name_ar", "logo")} == {
        k: v for k, v in after.items() if k not in ("name_ar", "logo")
    }


def test_the_letters_read_what_centre_set_stored(cli: Cli) -> None:
    cli("centre", "set", "--name", "ALEC du Gapençais", "--letter-footer", "Pied de page")
    ctx = open_app(cli.db)
    try:
        branding = ctx.branding.get()
    finally:
        ctx.close()
    assert (branding.name, branding.letter_footer) == ("ALEC du Gapençais", "Pied de page")


def test_a_setting_changed_meanwhile_elsewhere_is_kept(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the settings given are written: another PC's change to another one survives."""
    ctx = open_app(cli.db)
    try:
        service = CentreSettingsService(ctx.branding, ctx.audit)
        seen = service.get()  # what this command read before the other PC saved
        cli("centre", "set", "--letter-footer", "Saved on the other PC")
        monkeypatch.setattr(service, "get", lambda: seen)
        service.apply(CentreChanges(texts={"name": "Espace Conseil Gap"}))
    finally:
        ctx.close()
    now = show(cli)
    assert (now["name"], now["letter_footer"]) == ("Espace Conseil Gap", "Saved on the other PC")


def test_human_output_names_the_changes_and_what_follows(cli: Cli) -> None:
    code, out, err = cli(
        "--lang", "en", "centre", "set", "--network-code", "ALEC-05", "--locale", "ar"
    )
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0] == "Centre settings saved: Centre code, Language."
    assert "the monthly report (stats report without --lang) is written in it" in out
    assert "the currency (EUR), the parameter sets and the measure catalogue" in out
    assert "now carry the centre code ALEC-05" in out
    code, out, _err = cli("--lang", "en", "centre", "set", "--network-code", "ALEC-05")
    assert (code, out.strip()) == (
        0,
        "Nothing changed: the centre's settings already had these values.",
    )
    code, out, _err = cli("--lang", "en", "centre", "show")
    assert "Language: Arabic (ar)" in out and "Centre code: ALEC-05" in out


def test_locale_takes_a_language_or_the_full_locale_of_the_country(cli: Cli) -> None:
    cli.json("centre", "set", "--locale", "en")
    assert show(cli)["locale"] == "en_GB"
    cli.json("centre", "set", "--locale", "fr_FR")
    assert (show(cli)["locale"], show(cli)["language"]) == ("fr_FR", "fr")


def test_retention_and_language_are_audited_as_the_gui_audits_them(cli: Cli) -> None:
    cli.json("centre", "set", "--retention-years", "5", "--locale", "ar")
    ctx = open_app(cli.db)  # Centre ▸ Retention and privacy calls this service
    try:
        ctx.retention.set_period(7)
    finally:
        ctx.close()
    retention_cli, language, retention_gui = centre_audit(cli)
    assert retention_cli == {
        "fields": ["retention_years"],
        "retention_years": 5,
        "retention_years_before": 3,
    }
    assert set(retention_gui) == set(retention_cli)  # the same event, field for field
    assert language == {"fields": ["language"], "language": "ar"}
    actors = query(cli.db, "SELECT DISTINCT actor FROM audit_events WHERE object_type='centre'")
    assert actors == [("command line",)]


def test_a_country_change_is_refused_and_says_why(cli: Cli) -> None:
    show(cli)  # the database gets its (French) centre
    before = stored(cli)
    code, out, err = cli("--lang", "en", "centre", "set", "--country", "MA", "--name", "X")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "The country cannot be changed from France to Morocco" in err
    assert "currency" in err and "parameter sets" in err and "measure catalogue" in err
    assert "start a new database" in err
    assert stored(cli) == before
    code, out, _err = cli("--lang", "en", "centre", "set", "--country", "FR")
    assert code == 0 and "Nothing changed" in out


# -- refusals ----------------------------------------------------------------------------
def _missing(tmp: Path) -> str:
    return str(tmp / "nothing-here.png")


def _text_file(tmp: Path) -> str:
    return str(write(tmp / "logo.png", b"not an image at all"))


def _huge_png(tmp: Path) -> str:
    return str(write(tmp / "huge.png", PNG + b"\x00" * IMAGE_MAX_BYTES))


def _folder(tmp: Path) -> str:
    return str(tmp)


def _png(tmp: Path) -> str:
    return str(write(tmp / "ok.png", PNG))


Arg = str | Callable[[Path], str]

#: (id, arguments after ``centre set``, exit code, text the one line must contain)
REFUSALS: list[tuple[str, tuple[Arg, ...], int, str]] = [
    ("empty-name", ("--name", ""), 1, "Centre name: This field is required."),
    ("long-name", ("--name", "x" * 201), 1, "Centre name: Too long"),
    ("long-footer", ("--letter-footer", "x" * 4001), 1, "Letter footer: Too long"),
    ("bad-phone", ("--phone", "12"), 1, "Phone:"),
    ("bad-email", ("--email", "y@"), 1, "E-mail:"),
    ("network-code-with-space", ("--network-code", "ALEC 05"), 1, "Centre code:"),
    ("retention-zero", ("--retention-years", "0"), 1, "Must be between 1 and 10"),
    ("retention-eleven", ("--retention-years", "11"), 1, "Must be between 1 and 10"),
    ("retention-huge", ("--retention-years", "9" * 30), 1, "Must be between 1 and 10"),
    ("retention-word", ("--retention-years", "three"), 2, "--retention-years"),
    ("unknown-locale", ("--locale", "de"), 1, "Language: Give fr, ar or en"),
    ("other-country-locale", ("--locale", "fr_MA"), 1, "fr_FR"),
    ("country-change", ("--country", "TN"), 1, "The country cannot be changed"),
    ("unknown-country", ("--country", "DE"), 2, "--country"),
    ("missing-logo", ("--logo", _missing), 1, "nothing-here.png cannot be read"),
    ("logo-is-a-folder", ("--logo", _folder), 1, "cannot be read"),
    ("logo-not-an-image", ("--logo", _text_file), 1, "Logo: Choose a PNG or JPEG image."),
    ("logo-too-large", ("--logo", _huge_png), 1, "Logo: The image is too large"),
    ("signature-not-an-image", ("--signature", _text_file), 1, "Signature: Choose a PNG"),
    ("logo-and-no-logo", ("--logo", _png, "--no-logo"), 2, "--no-logo"),
    ("nothing-to-change", (), 2, "give at least one setting to change"),
    ("unknown-option", ("--colour", "blue"), 2, "--colour"),
    # good options beside a bad one: none of them is saved
    ("good-and-bad", ("--name", "Nouveau nom", "--logo", _png, "--phone", "12"), 1, "Phone:"),
    ("good-and-bad-retention", ("--legal-text", "L", "--retention-years", "0"), 1, "between"),
]


@pytest.mark.parametrize(
    ("arguments", "exit_code", "says"),
    [pytest.param(a, c, s, id=i) for i, a, c, s in REFUSALS],
)
def test_a_refused_set_gives_one_line_and_changes_nothing(
    cli: Cli, tmp_path: Path, arguments: tuple[Arg, ...], exit_code: int, says: str
) -> None:
    cli.json("advisor", "add", "Nadia Benali")
    before = stored(cli)
    args = [a(tmp_path) if callable(a) else a for a in arguments]
    code, out, err = cli("--lang", "en", "centre", "set", *args)
    assert code == exit_code, err
    assert out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    if code == 1:
        assert len(lines) == 1 and lines[0].startswith("siec-desk: "), err
    else:  # argparse: the usage, then one line
        assert lines[-1].startswith("siec-desk") and ": error: " in lines[-1], err
    assert says in lines[-1]
    assert stored(cli) == before


def test_a_refusal_is_translated(cli: Cli) -> None:
    code, _out, err = cli("--lang", "fr", "centre", "set", "--phone", "12")
    assert code == 1 and err.startswith("siec-desk: Téléphone")


# -- advisors ----------------------------------------------------------------------------
def test_advisor_rename_by_name_or_number(cli: Cli) -> None:
    added = cli.json("advisor", "add", "Jeanne Martin", "--title", "feminine")
    assert isinstance(added, dict)
    code, out, err = cli("--lang", "en", "advisor", "rename", "jeanne martin", "Jeanne Roux")
    assert code == 0, err
    assert out.strip() == f"Advisor {added['id']} renamed: Jeanne Martin is now Jeanne Roux."
    renamed = cli.json("advisor", "rename", str(added["id"]), "  Jeanne   Roux-Martin ")
    assert renamed == {
        "id": added["id"],
        "display_name": "Jeanne Roux-Martin",  # cleaned as a new advisor's name
        "active": True,
        "title_gender": "feminine",  # the title is kept
    }
    assert cli.json("advisor", "list") == [renamed]
    assert show(cli)["advisors"] == 1


@pytest.mark.parametrize(
    ("who", "new_name", "says"),
    [
        ("Nobody", "X", "No advisor “Nobody”."),
        ("999", "X", "No advisor “999”."),
        ("Ali", "X", "Several advisors are called “Ali”"),
        ("1", "", "Advisor name: This field is required."),
        ("1", "y" * 121, "Advisor name: Too long"),
    ],
    ids=["unknown-name", "unknown-number", "ambiguous", "empty", "too-long"],
)
def test_a_refused_rename_gives_one_line_and_changes_nothing(
    cli: Cli, who: str, new_name: str, says: str
) -> None:
    cli.json("advisor", "add", "Ali")
    cli.json("advisor", "add", "ali")
    before = stored(cli)
    code, out, err = cli("--lang", "en", "advisor", "rename", who, new_name)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and says in err, err
    assert stored(cli) == before
