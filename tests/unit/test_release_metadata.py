"""Release metadata agrees everywhere: version, changelog, AppStream, menu entry, icons,
Windows installer. Software centres and installers show these files to users."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.siec_desk.SiecDesk"
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def pyproject_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def changelog_releases() -> list[tuple[str, str, str]]:
    """(version, date, section text), newest first."""
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    heads = list(re.finditer(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.M))
    ends = [h.start() for h in heads[1:]] + [len(text)]
    return [(h[1], h[2], text[h.end() : end]) for h, end in zip(heads, ends, strict=True)]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_changelog_starts_with_the_pyproject_version() -> None:
    assert changelog_releases()[0][0] == pyproject_version()


def test_changelog_lists_every_release_newest_first_down_to_the_first() -> None:
    versions = [tuple(int(n) for n in v.split(".")) for v, _d, _t in changelog_releases()]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    assert versions[-1] == (0, 1, 0)


def test_appstream_releases_match_the_changelog() -> None:
    releases = [(r.get("version"), r.get("date")) for r in metainfo().iter("release")]
    assert releases == [(v, d) for v, d, _t in changelog_releases()]


def test_each_schema_revision_is_listed_under_the_release_its_migration_names() -> None:
    sections = {v: text for v, _d, text in changelog_releases()}
    for migration in sorted((ROOT / "siec_desk/storage/migrations/versions").glob("0*.py")):
        revision = migration.name[:4]
        found = re.search(r"Released in (\d+\.\d+\.\d+)\.", migration.read_text("utf-8"))
        assert found, f"{migration.name} does not say which release it belongs to"
        assert found[1] in sections, f"{migration.name}: release {found[1]} not in CHANGELOG.md"
        assert revision in sections[found[1]], f"revision {revision} missing under {found[1]}"


def test_menu_entry_and_metainfo_use_the_application_id() -> None:
    entry = ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == APP_ID
    root = metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "siec-desk"


def test_menu_entry_is_translated_into_french_and_arabic() -> None:
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    keys = entry["Desktop Entry"]
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        for lang in ("fr", "ar"):
            assert keys.get(f"{key}[{lang}]"), f"{key}[{lang}] missing"
    assert re.search("[\u0600-\u06ff]", keys["Comment[ar]"])


def test_metainfo_name_and_summary_in_french_and_arabic() -> None:
    root = metainfo()
    for tag in ("name", "summary"):
        langs = {e.get(XML_LANG) for e in root.findall(tag)}
        assert {None, "fr", "ar"} <= langs, f"{tag}: {langs}"
    arabic = next(e.text for e in root.findall("summary") if e.get(XML_LANG) == "ar")
    assert arabic and re.search("[\u0600-\u06ff]", arabic)


def test_metainfo_screenshots_are_the_repository_screenshots() -> None:
    shots = metainfo().findall("screenshots/screenshot")
    assert [s.get("type") for s in shots].count("default") == 1
    for shot in shots:
        url = shot.findtext("image") or ""
        assert url.startswith("https://"), url
        relative = url.split("/main/", 1)[1]
        assert relative.startswith("docs/screenshots/") and (ROOT / relative).is_file(), url


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_icon_ships_as_svg_and_every_png_size() -> None:
    icons = ROOT / "resources" / "icons"
    assert ET.parse(icons / "siec-desk.svg").getroot().tag.endswith("svg")
    for size in ICON_SIZES:
        assert png_size(icons / f"siec-desk-{size}.png") == (size, size)
    assert (ROOT / "packaging/windows/siec-desk.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (ROOT / "packaging/macos/siec-desk.icns").read_bytes()[:4] == b"icns"


def inno_sections(path: Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in path.read_text("utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def test_windows_installer_speaks_english_french_and_arabic() -> None:
    sections = inno_sections(ROOT / "packaging" / "windows" / "siec-desk.iss")
    languages = {re.match(r'Name: "(\w+)"', line)[1] for line in sections["Languages"]}  # type: ignore[index]
    assert languages == {"en", "fr", "ar"}
    assert any("Arabic.isl" in line for line in sections["Languages"])
    messages: dict[str, dict[str, str]] = {}
    for line in sections["CustomMessages"]:
        key, text = line.split("=", 1)
        lang, name = key.split(".", 1)
        messages.setdefault(name, {})[lang] = text
    assert messages
    for name, texts in messages.items():
        assert set(texts) == languages, f"{name}: {sorted(texts)}"
        placeholders = {lang: sorted(re.findall(r"%\d", t)) for lang, t in texts.items()}
        assert len({tuple(p) for p in placeholders.values()}) == 1, f"{name}: {placeholders}"
        assert re.search("[\u0600-\u06ff]", texts["ar"]), name
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["AppId"] == APP_ID
    assert setup["AppVersion"] == "{#AppVersion}"  # given by the build, from pyproject.toml


@pytest.mark.parametrize(
    "command",
    [
        ["desktop-file-validate", str(DESKTOP)],
        ["appstreamcli", "validate", "--strict", "--no-net", str(METAINFO)],
    ],
    ids=["desktop-file-validate", "appstreamcli"],
)
def test_desktop_files_pass_the_freedesktop_validators(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (quickstart.sh installs it)")
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
