"""SIEC Desk's PyInstaller hook for WeasyPrint: bundle Pango, HarfBuzz and Fontconfig.

It replaces the contrib hook, which looks libraries up with ``ctypes.util.find_library``
and, on Debian 12, gives up on a bogus ``liblibfontconfig.a`` before collecting anything.
Here the exact file names WeasyPrint itself opens (``weasyprint/text/ffi.py``) are
resolved, so the bundle carries the copies it was tested with, from a single source:

- Linux: the build machine's system libraries (Debian/Ubuntu ``libpango-1.0-0``…);
- Windows: MSYS2 UCRT64, from ``WEASYPRINT_DLL_DIRECTORIES`` (else ``PATH``);
- macOS: Homebrew, from ``$HOMEBREW_PREFIX/lib``.

PyInstaller then collects their own dependencies (GLib, FreeType, FriBidi…). A missing
library stops the build rather than producing a bundle that cannot print.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PyInstaller.depend.bindepend import resolve_library_path
from PyInstaller.utils.hooks import collect_data_files

# (required, names per platform) in the order WeasyPrint opens them.
LIBRARIES = {
    "linux": [
        (True, "libgobject-2.0.so.0"),
        (True, "libpango-1.0.so.0"),
        (True, "libharfbuzz.so.0"),
        (True, "libharfbuzz-subset.so.0"),
        (False, "libharfbuzz-vector.so.0"),
        (True, "libfontconfig.so.1"),
        (True, "libpangoft2-1.0.so.0"),
    ],
    "win32": [
        (True, "libgobject-2.0-0.dll"),
        (True, "libpango-1.0-0.dll"),
        (True, "libharfbuzz-0.dll"),
        (True, "libharfbuzz-subset-0.dll"),
        (False, "libharfbuzz-vector-0.dll"),
        (True, "libfontconfig-1.dll"),
        (True, "libpangoft2-1.0-0.dll"),
    ],
    "darwin": [
        (True, "libgobject-2.0.0.dylib"),
        (True, "libpango-1.0.dylib"),
        (True, "libharfbuzz.0.dylib"),
        (True, "libharfbuzz-subset.0.dylib"),
        (False, "libharfbuzz-vector.0.dylib"),
        (True, "libfontconfig.1.dylib"),
        (True, "libpangoft2-1.0.dylib"),
    ],
}


def _search_dirs() -> list[Path]:
    if sys.platform == "win32":
        listed = os.environ.get("WEASYPRINT_DLL_DIRECTORIES", "")
        return [Path(d) for d in listed.split(";") if d]
    if sys.platform == "darwin":
        prefix = os.environ.get("HOMEBREW_PREFIX", "/opt/homebrew")
        return [Path(prefix) / "lib", Path("/usr/local/lib")]
    return []


def _resolve(name: str) -> str | None:
    for folder in _search_dirs():
        if (folder / name).is_file():
            return str(folder / name)
    if sys.platform == "darwin":
        return None
    return resolve_library_path(name)


def _collect() -> list[tuple[str, str]]:
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    found, missing = [], []
    for required, name in LIBRARIES[platform]:
        path = _resolve(name)
        if path:
            found.append((path, "."))
        elif required:
            missing.append(name)
    if missing:
        raise SystemExit(
            "WeasyPrint's libraries were not found: " + ", ".join(missing) + " "
            "(see docs/packaging.md: Pango/HarfBuzz for this platform)."
        )
    return found


datas = collect_data_files("weasyprint")
binaries = _collect()
