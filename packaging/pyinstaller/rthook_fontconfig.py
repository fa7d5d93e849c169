"""PyInstaller runtime hook: make the bundled Pango/Fontconfig find what they need.

Runs before any application code (pitfalls.md §1.4 and §4):

- Windows and macOS bundles carry their own Fontconfig configuration
  (``fontconfig/fonts.conf``: system font folders, the bundled fonts, a per-user cache);
  without it Fontconfig finds no configuration, warns and picks odd fallback fonts.
  Linux bundles use the system's ``/etc/fonts``, as every desktop program does.
- Windows: WeasyPrint opens its DLLs with the default DLL search directories and ignores
  ``WEASYPRINT_DLL_DIRECTORIES`` when frozen, so the bundle folder is added to them and a
  GTK found on ``PATH`` (or another program's Pango) is never loaded instead.

Variables already set by the user win.
"""

import os
import sys

_root = getattr(sys, "_MEIPASS", None)
if _root:
    _conf = os.path.join(_root, "fontconfig", "fonts.conf")
    if os.path.isfile(_conf):
        os.environ.setdefault("FONTCONFIG_FILE", _conf)
        os.environ.setdefault("FONTCONFIG_PATH", os.path.dirname(_conf))
    if sys.platform == "win32":
        # Kept referenced for the whole run: closing the handle removes the directory. Held
        # on sys (hence SLF001) to live as long as the process, whatever becomes of the
        # hook's own namespace.
        sys._siec_desk_dll_directory = os.add_dll_directory(_root)  # type: ignore[attr-defined]  # noqa: SLF001
