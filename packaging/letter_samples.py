"""Render the sample letters shown in docs/letters.md: French and Arabic, a Latin- and an
Arabic-named household, to PDF and to PNG pages (poppler's pdftoppm).

    .venv/bin/python packaging/letter_samples.py      (after: bash packaging/quickstart.sh test)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from testkit.contexts import make_ctx  # noqa: E402
from testkit.letters import ARABIC, LATIN, brand, consultation  # noqa: E402

from siec_desk.documents.letters.inputs import FreeTexts  # noqa: E402
from siec_desk.documents.letters.render import render_pdf  # noqa: E402
from siec_desk.services.letter_types import LetterRequest  # noqa: E402

OUT = ROOT / "docs" / "letters"
SAMPLES = (
    ("fr-latin", LATIN, "fr", None),
    ("ar-arabic", ARABIC, "ar", "وجدنا تسربات هواء حول النوافذ، وسخان الماء بالبوتان داخل الحمام."),
    ("ar-latin", LATIN, "ar", None),
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = make_ctx(Path(tmp) / "samples.sqlite3", "MA", "Centre Info Energie")
        brand(ctx)
        for name, household, language, findings in SAMPLES:
            consultation_id = consultation(ctx, household)
            request = LetterRequest(consultation_id, language, FreeTexts(findings=findings))
            rendered = render_pdf(ctx.letters.compose(request))
            pdf = OUT / f"{name}.pdf"
            pdf.write_bytes(rendered.pdf)
            subprocess.run(
                [
                    shutil.which("pdftoppm") or "pdftoppm",
                    "-r",
                    "80",
                    "-png",
                    str(pdf),
                    str(OUT / name),
                ],
                check=True,
            )
            pdf.unlink()
            print(f"{name}: {rendered.pages} pages -> {OUT / name}-*.png")
        ctx.close()


if __name__ == "__main__":
    main()
