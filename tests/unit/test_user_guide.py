"""The user guide shipped with the application: three languages, same sections, pictures."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from siec_desk.core.paths import resource_path

LANGUAGES = ("en", "fr", "ar")
GUIDE = resource_path("guide")


class _Guide(HTMLParser):
    """Section ids, contents links, pictures (and the section each one is in)."""

    def __init__(self) -> None:
        super().__init__()
        self.direction = ""
        self.sections: list[str] = []
        self.links: list[str] = []
        self.images: list[tuple[str | None, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.direction = values.get("dir") or ""
        elif tag == "h2":
            self.sections.append(values["id"] or "")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag == "img":
            self.images.append((self.sections[-1] if self.sections else None, values["src"] or ""))


def _read(language: str) -> _Guide:
    guide = _Guide()
    guide.feed((GUIDE / f"{language}.html").read_text(encoding="utf-8"))
    return guide


def test_the_three_guides_have_the_same_sections_in_the_same_order() -> None:
    english = _read("en").sections
    assert 6 <= len(english) <= 10
    assert len(set(english)) == len(english)
    for language in ("fr", "ar"):
        assert _read(language).sections == english


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_section_has_one_picture_of_its_language_and_every_picture_exists(
    language: str,
) -> None:
    guide = _read(language)
    assert [section for section, _src in guide.images] == guide.sections
    for _section, src in guide.images:
        assert src.startswith(f"images/{language}/")
        picture = GUIDE / src
        assert picture.is_file(), src
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert picture.stat().st_size <= 60 * 1024, src


@pytest.mark.parametrize("language", LANGUAGES)
def test_contents_link_to_every_section_and_the_first_screen_to_the_shortcuts(
    language: str,
) -> None:
    guide = _read(language)
    assert guide.links[0] == "siec:shortcuts"  # before the contents: on the first screen
    assert [link for link in guide.links if link.startswith("#")] == [
        f"#{section}" for section in guide.sections
    ]


def test_arabic_reads_right_to_left_and_the_others_left_to_right() -> None:
    assert _read("ar").direction == "rtl"
    assert _read("fr").direction == _read("en").direction == "ltr"


def test_the_guide_stays_small() -> None:
    total = sum(p.stat().st_size for p in Path(GUIDE).rglob("*") if p.is_file())
    assert total < 1_200_000
