"""Compile translations/<lang>.po into <out>/<lang>/LC_MESSAGES/siec_desk.mo with Babel.

Used by the build hook and runnable by hand: ``python packaging/compile_catalogues.py``.
Fails on a catalogue with errors (bad placeholders, syntax) so a broken translation
never ships.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "siec_desk"


def compile_all(po_dir: Path, out_dir: Path) -> list[Path]:
    written = []
    for po_path in sorted(po_dir.glob("*.po")):
        lang = po_path.stem
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        problems = [
            f"{po_path.name}:{msg.lineno}: {err}"
            for msg, errors in catalog.check()
            for err in errors
        ]
        if problems:
            raise SystemExit("\n".join(problems))
        target = out_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(target)
    return written


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    for path in compile_all(root / "translations", root / "siec_desk" / "locale"):
        print(path.relative_to(root))
    sys.exit(0)
