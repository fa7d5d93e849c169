"""Extract every translatable string and merge it into translations/{en,fr,ar}.po.

``python packaging/update_catalogues.py`` after changing user-visible text; then fill
in the new French and Arabic entries (the tests fail while any is missing or fuzzy).
English is the source language: en.po stays empty on purpose.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "siec_desk.pot"
LANGUAGES = ("en", "fr", "ar")
KEYWORDS = ["-k", "N_", "-k", "lazy_pgettext:1c,2"]


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def main() -> None:
    pybabel(
        "extract",
        "-F",
        str(TRANSLATIONS / "babel.cfg"),
        *KEYWORDS,
        "--no-wrap",
        "--sort-by-file",
        "--project",
        "SIEC Desk",
        "--copyright-holder",
        "SIEC Desk team",
        "--msgid-bugs-address",
        "siec-desk@example.org",
        "-o",
        str(POT),
        ".",
    )
    for lang in LANGUAGES:
        po = TRANSLATIONS / f"{lang}.po"
        if po.exists():
            pybabel(
                "update",
                "-i",
                str(POT),
                "-o",
                str(po),
                "-l",
                lang,
                "--no-wrap",
                "--no-fuzzy-matching",
                # Obsolete "#~" entries would clash with a message that comes back later
                # (msgfmt: duplicate message definition).
                "--ignore-obsolete",
            )
        else:
            pybabel("init", "-i", str(POT), "-o", str(po), "-l", lang, "--no-wrap")


if __name__ == "__main__":
    main()
