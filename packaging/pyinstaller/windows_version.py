"""Write the Windows version resource of siec-desk.exe (PyInstaller's ``version=`` file)."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'SIEC Desk team'),
      StringStruct('FileDescription', 'SIEC Desk'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'siec-desk'),
      StringStruct('LegalCopyright', 'GPL-3.0-or-later'),
      StringStruct('OriginalFilename', 'siec-desk.exe'),
      StringStruct('ProductName', 'SIEC Desk'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def write_version_file(path: Path, version: str) -> str:
    """*version* is ``X.Y.Z`` (pyproject.toml); Windows wants four numbers."""
    parts = [int(n) for n in re.findall(r"\d+", version)[:3]]
    nums = tuple(parts + [0] * (4 - len(parts)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(nums=nums, version=version), encoding="utf-8")
    return str(path)
