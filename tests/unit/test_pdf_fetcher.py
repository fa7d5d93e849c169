"""The PDF engine loads only our resources and PNG/JPEG data (redteam LOW-8).

Each bypass of the review's "resources only" check is tried: ``..`` after the root,
percent-encoded dots and slashes, a symbolic link inside the resources pointing out,
another host, other schemes, and ``data:`` URLs that are not PNG or JPEG.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from siec_desk.core.paths import resources_dir
from siec_desk.documents.engine.pdf import allowed_url


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "resources"
    (folder / "fonts").mkdir(parents=True)
    (folder / "fonts" / "fonts.css").write_text("@font-face {}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("personal data", encoding="utf-8")
    return folder


def test_a_resource_file_is_fetched_by_its_real_path(root: Path) -> None:
    url = root.resolve().as_uri() + "/fonts/fonts.css"
    assert allowed_url(url, root) == (root / "fonts" / "fonts.css").resolve().as_uri()
    assert allowed_url(root.as_uri() + "/fonts/../fonts/fonts.css", root) is not None


@pytest.mark.parametrize(
    "tail",
    [
        "../secret.txt",
        "fonts/../../secret.txt",
        "../" * 12 + "etc/passwd",
        "%2e%2e/secret.txt",
        "%2E%2E%2Fsecret.txt",
        "%2e%2e/" * 12 + "etc/hostname",
        "fonts/%2e%2e/%2e%2e/secret.txt",
        "fonts/missing.css",
        "fonts",  # a folder, not a file
    ],
)
def test_paths_leaving_the_resources_are_refused(root: Path, tail: str) -> None:
    assert allowed_url(root.resolve().as_uri() + "/" + tail, root) is None


def test_a_symbolic_link_inside_the_resources_cannot_lead_out(root: Path) -> None:
    (root / "fonts" / "link.css").symlink_to(root.parent / "secret.txt")
    (root / "outside").symlink_to(root.parent, target_is_directory=True)
    base = root.resolve().as_uri()
    assert allowed_url(base + "/fonts/link.css", root) is None
    assert allowed_url(base + "/outside/secret.txt", root) is None


def test_a_root_that_is_itself_a_link_is_compared_resolved(root: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(root, target_is_directory=True)
    assert allowed_url(alias.as_uri() + "/fonts/fonts.css", alias) is not None
    assert allowed_url(alias.as_uri() + "/../secret.txt", alias) is None


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://evil.example/share/fonts/fonts.css",
        "http://127.0.0.1:1/",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:text/html,<script>alert(1)</script>",
        "data:text/css,@import url(file:///etc/passwd);",
        "javascript:alert(1)",
        "",
    ],
)
def test_other_urls_are_refused(root: Path, url: str) -> None:
    assert allowed_url(url, root) is None


def test_png_and_jpeg_data_urls_are_allowed(root: Path) -> None:
    for url in ("data:image/png;base64,iVBORw0KGgo=", "data:image/jpeg;base64,/9j/4AAQ"):
        assert allowed_url(url, root) == url


def test_the_bundled_fonts_pass_the_check() -> None:
    fonts = resources_dir() / "fonts" / "fonts.css"
    assert allowed_url(fonts.resolve().as_uri(), resources_dir()) is not None
