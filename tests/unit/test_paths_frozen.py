"""A frozen bundle (PyInstaller) reads its resources and catalogues from inside itself.

PyInstaller sets ``sys._MEIPASS`` to the bundle's folder, where the spec
(packaging/pyinstaller/siec-desk.spec) puts ``resources/`` and ``siec_desk/locale/``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from siec_desk.core import i18n, paths


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake bundle folder holding a letter template and the French catalogue."""
    template = tmp_path / "resources" / "letters" / "letter.html"
    template.parent.mkdir(parents=True)
    template.write_text("<html>bundled</html>", encoding="utf-8")
    mo = tmp_path / "siec_desk" / "locale" / "fr" / "LC_MESSAGES" / "siec_desk.mo"
    mo.parent.mkdir(parents=True)
    shutil.copy(paths.locale_dir() / "fr" / "LC_MESSAGES" / "siec_desk.mo", mo)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    return tmp_path


def test_frozen_resources_come_from_the_bundle(bundle: Path) -> None:
    assert paths.resources_dir() == bundle / "resources"
    found = paths.resource_path("letters", "letter.html")
    assert found.read_text(encoding="utf-8") == "<html>bundled</html>"


def test_frozen_catalogues_come_from_the_bundle(bundle: Path) -> None:
    assert paths.locale_dir() == bundle / "siec_desk" / "locale"
    assert i18n.catalogue_available("fr")
    assert not i18n.catalogue_available("ar")  # only French was put in this bundle
    assert i18n._load("fr").gettext("Phone call") == "Appel téléphonique"


def test_bundle_without_resources_falls_back_to_the_installed_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() != tmp_path / "resources"
    assert paths.resource_path("catalogue", "measures.json").is_file()
