"""PyInstaller runtime hook for PySide6, replacing PyInstaller's ``pyi_rth_pyside6``.

PyInstaller's hook imports ``PySide6.QtCore`` at every start (~0.3 s here) to register a
``qt.conf``, which the PySide6 wheels' own ``libpyside`` already does when Qt is first
imported. Command-line runs (``siec-desk --version``, ``letter``…) never need Qt, so this
hook only sets the environment: where Qt's plugins are and, on Windows, the DLL path.
"""

import os
import sys

_root = getattr(sys, "_MEIPASS", None)
if _root:
    _qt = (
        os.path.join(_root, "PySide6")
        if sys.platform == "win32"
        else os.path.join(_root, "PySide6", "Qt")
    )
    os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
    if sys.platform == "win32":
        os.environ["PATH"] = _root + os.pathsep + os.environ.get("PATH", "")
